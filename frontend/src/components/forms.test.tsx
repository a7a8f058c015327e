// @vitest-environment happy-dom
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, problemToFormErrors, type Problem } from "../api/problems";
import { cleanup, render, rerender, user } from "../test/render";
import { Button, ErrorSummary, SelectField, summaryItems, TextField } from "./forms";

afterEach(cleanup);

describe("Button while busy", () => {
  it("keeps focus: says it is disabled with aria-disabled, not the attribute", async () => {
    const host = await render(<Button>Save changes</Button>);
    const button = host.querySelector("button")!;
    button.focus();
    await rerender(host, <Button disabled>Saving…</Button>);
    expect(button.hasAttribute("disabled")).toBe(false);
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect(document.activeElement).toBe(button);
  });

  it("does nothing when pressed while disabled", async () => {
    const clicked = vi.fn();
    const host = await render(
      <Button disabled onClick={clicked}>
        Saving…
      </Button>,
    );
    await user(() => host.querySelector("button")!.click());
    expect(clicked).not.toHaveBeenCalled();
  });

  it("holds back its form's submit (Enter in a field) until it is enabled again", async () => {
    const submitted = vi.fn();
    function Form({ busy }: { busy: boolean }) {
      return (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submitted();
          }}
        >
          <TextField label="Name" name="name" defaultValue="Hillcrest" />
          <Button type="submit" disabled={busy}>
            Save changes
          </Button>
        </form>
      );
    }
    const host = await render(<Form busy />);
    const form = host.querySelector("form")!;
    await user(() => form.requestSubmit());
    expect(submitted).not.toHaveBeenCalled();
    await rerender(host, <Form busy={false} />);
    await user(() => form.requestSubmit());
    expect(submitted).toHaveBeenCalledTimes(1);
  });
});

function serverProblem(extra: Partial<Problem> & Record<string, unknown>): ApiError {
  const problem = { type: "https://mentorhub.example/problems/conflict", title: "Conflict", status: 409, ...extra } as Problem;
  return new ApiError(409, problem);
}

const CLASH = "This mentee already has a subject mentor from 2026-09-01 to 2027-07-21; end that pairing first.";

function PairingForm({ error }: { error: ApiError }) {
  const names = ["mentor_id", "mentee_id", "starts_on"];
  const mapped = problemToFormErrors(error, names);
  const [attempt] = useState(1);
  return (
    <>
      <ErrorSummary items={summaryItems(mapped.fields, names, mapped.general)} focusKey={attempt} />
      <form>
        <SelectField label="Mentor" name="mentor_id" options={[]} error={mapped.fields.mentor_id} />
        <SelectField label="Mentee" name="mentee_id" options={[{ value: "m", label: "Sarah Evans" }]} error={mapped.fields.mentee_id} />
        <TextField label="Starts on" name="starts_on" error={mapped.fields.starts_on} />
      </form>
    </>
  );
}

describe("ErrorSummary with a problem from the server", () => {
  it.each([
    ["field", { errors: [{ field: "mentee_id", detail: CLASH }] }],
    ["JSON pointer", { errors: [{ pointer: "#/mentee_id", detail: CLASH }] }],
    ["location list", { errors: [{ loc: ["body", "mentee_id"], detail: CLASH }] }],
  ])("links a form-wide problem named by %s to the field it concerns", async (_how, extra) => {
    const host = await render(<PairingForm error={serverProblem({ detail: CLASH, ...(extra as object) })} />);
    const summary = host.querySelector<HTMLElement>(".error-summary")!;
    expect(document.activeElement).toBe(summary);
    const link = summary.querySelector("a")!;
    expect(link.textContent).toBe(CLASH);
    expect(link.getAttribute("href")).toBe("#field-mentee_id");
    await user(() => link.click());
    expect(document.activeElement).toBe(host.querySelector("#field-mentee_id"));
    // The field itself says what is wrong, tied to it for screen readers.
    const select = host.querySelector("#field-mentee_id")!;
    expect(select.getAttribute("aria-invalid")).toBe("true");
    const described = select.getAttribute("aria-describedby")!;
    expect(document.getElementById(described)!.textContent).toContain(CLASH);
  });

  it("shows a problem that names no field as text, without a link", async () => {
    const host = await render(<PairingForm error={serverProblem({ detail: "This meeting was cancelled." })} />);
    const summary = host.querySelector(".error-summary")!;
    expect(summary.textContent).toContain("This meeting was cancelled.");
    expect(summary.querySelector("a")).toBeNull();
  });
});
