import type { FormEvent, Ref } from "react";
import type { TermDate } from "../../api/client";
import { Button, ErrorSummary, SelectField, TextField, type SummaryItem } from "../../components/forms";
import type { FieldBinding } from "../../components/useForm";
import type { TermDateValues } from "./termDateRules";

/** Adds a term or closure, or edits the one chosen in the table (its heading then takes focus). */
export function TermDateForm({
  form,
  editing,
  headingRef,
  onSubmit,
  onCancel,
}: {
  form: { field: (name: keyof TermDateValues) => FieldBinding; summary: SummaryItem[]; attempt: number; busy: boolean };
  editing: TermDate | null;
  headingRef: Ref<HTMLHeadingElement>;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
}) {
  return (
    <section className="panel" aria-labelledby="term-form-heading">
      <h2 id="term-form-heading" ref={headingRef} tabIndex={-1}>
        {editing ? `Edit ${editing.name}` : "Add a term or closure"}
      </h2>
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <SelectField label="Kind" className="field--short" {...form.field("kind")}>
          <option value="term">Term</option>
          <option value="closure">Closure</option>
        </SelectField>
        <TextField label="Name" hint="For example Autumn term 2025 or INSET day." {...form.field("name")} />
        <TextField label="First day" type="date" {...form.field("starts_on")} />
        <TextField label="Last day" type="date" {...form.field("ends_on")} />
        <div className="button-row">
          <Button type="submit" disabled={form.busy}>
            {editing ? "Save changes" : "Add"}
          </Button>
          {editing && (
            <Button variant="secondary" onClick={onCancel}>
              Cancel editing
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
