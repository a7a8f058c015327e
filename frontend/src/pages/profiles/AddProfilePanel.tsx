import type { FormEvent, ReactNode } from "react";
import type { User } from "../../api/client";
import { Button, ErrorSummary, withFieldPrefix, type SummaryItem } from "../../components/forms";
import type { FieldBinding } from "../../components/useForm";
import { PersonSelect } from "./PersonSelect";

/** The add form of a mentor or mentee profile around its fields: who it is for, then `children`. Ids start with `kind`. */
export function AddProfilePanel({
  kind,
  people,
  form,
  onSubmit,
  children,
}: {
  kind: "mentor" | "mentee";
  /** Those with the role at the school who have no profile yet. */
  people: User[];
  form: { field: (name: "user_id") => FieldBinding; summary: SummaryItem[]; attempt: number; busy: boolean };
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}) {
  const headingId = `add-${kind}-heading`;
  return (
    <div className="panel">
      <h3 id={headingId}>Add a {kind} profile</h3>
      {people.length === 0 ? (
        <p>Everyone with the {kind} role here has a profile.</p>
      ) : (
        <>
          <ErrorSummary items={withFieldPrefix(form.summary, kind)} focusKey={form.attempt} />
          <form onSubmit={onSubmit} noValidate className="form" aria-labelledby={headingId}>
            <PersonSelect label={kind === "mentor" ? "Mentor" : "Mentee"} people={people} field={form.field("user_id")} prefix={kind} />
            {children}
            <Button type="submit" variant="secondary" disabled={form.busy}>
              Add {kind} profile
            </Button>
          </form>
        </>
      )}
    </div>
  );
}
