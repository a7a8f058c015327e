import { describe, expect, it } from "vitest";
import { dateOrderProblem, digits, email, maxLength, newPasswordProblem, required, validate } from "./validation";

describe("validate", () => {
  it("gives each field the message of its first failing check", () => {
    const errors = validate(
      { email: "", urn: "12", name: "Hillcrest" },
      {
        email: [required("Enter an email address"), email],
        urn: [required("Enter the URN"), digits(6, "URN")],
        name: [required("Enter a name"), maxLength(200, "Name")],
      },
    );
    expect(errors).toEqual({ email: "Enter an email address", urn: "URN must be 6 digits" });
  });

  it("checks email format only when something was typed", () => {
    expect(email("")).toBeNull();
    expect(email("person@school.org.uk")).toBeNull();
    expect(email("person@school")).toMatch(/like name@school.org.uk/);
    expect(email("two words@x.y")).toMatch(/like name@school.org.uk/);
  });

  it("treats blank optional digits as fine and trims space", () => {
    expect(digits(7, "TRN")("")).toBeNull();
    expect(digits(7, "TRN")(" 1234567 ")).toBeNull();
    expect(digits(7, "TRN")("123456a")).toBe("TRN must be 7 digits");
  });
});

describe("new passwords", () => {
  it("follow the server's rules", () => {
    expect(newPasswordProblem("", "a@b.test", "old")).toBe("Enter a new password");
    expect(newPasswordProblem("short", "a@b.test", "old")).toMatch(/at least 10/);
    expect(newPasswordProblem("A@B.test.uk", "a@b.test.uk", "old")).toMatch(/not be your email/);
    expect(newPasswordProblem("same-password-1", "a@b.test", "same-password-1")).toMatch(/different/);
    expect(newPasswordProblem("a much longer one", "a@b.test", "old")).toBeNull();
  });
});

describe("date ranges", () => {
  it("need the end on or after the start", () => {
    expect(dateOrderProblem("2025-09-03", "2025-09-03")).toBeNull();
    expect(dateOrderProblem("2025-09-03", "2025-09-02")).toMatch(/after the start/);
    expect(dateOrderProblem("", "2025-09-02")).toBeNull();
  });
});
