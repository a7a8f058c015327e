import { describe, expect, it } from "vitest";
import { ApiError, humanise, isProblem, problemToFormErrors, type Problem } from "./problems";

function problem(extra: Partial<Problem>): ApiError {
  const body: Problem = { type: "https://mentorhub.test/problems/x", title: "Invalid request", status: 422, ...extra };
  return new ApiError(body.status, body);
}

describe("problemToFormErrors", () => {
  it("puts field problems on the form's fields", () => {
    const error = problem({
      detail: "2 problems",
      errors: [
        { field: "urn", detail: "String should match pattern '^\\d{6}$'" },
        { field: "name", detail: "Value error, name is taken" },
      ],
    });
    const result = problemToFormErrors(error, ["name", "urn", "phase"]);
    expect(result.fields).toEqual({ urn: "String should match pattern '^\\d{6}$'", name: "Name is taken" });
    expect(result.general).toEqual([]);
  });

  it("maps nested API paths through aliases, then by their last or first part", () => {
    const error = problem({
      errors: [
        { field: "roles.0.school_id", detail: "Required for this role" },
        { field: "roles.0.role", detail: "Not a role" },
        { field: "trn", detail: "Must be 7 digits" },
      ],
    });
    expect(problemToFormErrors(error, ["role", "school", "trn"], { "roles.0.school_id": "school" }).fields).toEqual({
      school: "Required for this role",
      role: "Not a role",
      trn: "Must be 7 digits",
    });
  });

  it("keeps the first message for a field and sends unknown fields to the summary", () => {
    const error = problem({
      errors: [
        { field: "email", detail: "first" },
        { field: "email", detail: "second" },
        { field: "something_else", detail: "not on this form" },
      ],
    });
    const result = problemToFormErrors(error, ["email"]);
    expect(result.fields).toEqual({ email: "First" });
    expect(result.general).toEqual(["Not on this form"]);
  });

  it("uses the problem's detail when there are no field problems (a 409, say)", () => {
    const error = new ApiError(409, { type: "t", title: "Conflict", status: 409, detail: "A school with URN 100001 already exists." });
    expect(problemToFormErrors(error, ["urn"])).toEqual({ fields: {}, general: ["A school with URN 100001 already exists."] });
  });

  it("falls back to the title, then to a plain message", () => {
    expect(problemToFormErrors(new ApiError(403, { type: "t", title: "Forbidden", status: 403 }), []).general).toEqual(["Forbidden"]);
    expect(problemToFormErrors(new ApiError(500, null), []).general).toEqual(["Something went wrong. Try again."]);
    expect(problemToFormErrors(new Error("Offline"), []).general).toEqual(["Offline"]);
  });
});

describe("helpers", () => {
  it("recognise problem bodies", () => {
    expect(isProblem({ type: "t", title: "x", status: 400 })).toBe(true);
    expect(isProblem({ error: "invalid_grant" })).toBe(false);
    expect(isProblem(null)).toBe(false);
  });

  it("humanise validator messages", () => {
    expect(humanise("Value error, must not be your email")).toBe("Must not be your email");
  });
});
