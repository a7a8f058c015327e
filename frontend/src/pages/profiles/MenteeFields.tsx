import type { Pathway } from "../../api/client";
import { Radios, SelectField, TextField } from "../../components/forms";
import type { FieldBinding } from "../../components/useForm";
import { PATHWAY_LABELS } from "../../lib/mentoring";
import type { Errors } from "../../lib/validation";
import type { MenteeValues } from "./profileFields";
import { PhaseSelect } from "./PhaseSelect";

interface MenteeForm {
  values: MenteeValues;
  errors: Errors;
  set: (name: "pathway", value: string) => void;
  field: (name: keyof MenteeValues) => FieldBinding;
}

/** A mentee profile's fields, shared by the add and edit forms; ids start with `prefix`. */
export function MenteeFields({ form, prefix, radioName, endsHint }: { form: MenteeForm; prefix: string; radioName: string; endsHint: string }) {
  return (
    <>
      <Radios
        legend="Pathway"
        name={radioName}
        id={`${prefix}-pathway`}
        value={form.values.pathway}
        error={form.errors.pathway}
        onChange={(value) => form.set("pathway", value)}
        options={(Object.keys(PATHWAY_LABELS) as Pathway[]).map((p) => ({ value: p, label: PATHWAY_LABELS[p] }))}
      />
      {form.values.pathway === "ect" && (
        <SelectField label="Induction year" id={`${prefix}-induction_year`} className="field--short" {...form.field("induction_year")}>
          <option value="">Choose a year</option>
          <option value="1">Year 1</option>
          <option value="2">Year 2</option>
        </SelectField>
      )}
      <TextField label="Programme (optional)" hint="For example: Early career framework, or PGCE." id={`${prefix}-programme`} {...form.field("programme")} />
      <TextField label="Provider (optional)" id={`${prefix}-provider`} {...form.field("provider")} />
      <TextField label="Subject (optional)" id={`${prefix}-subject`} {...form.field("subject")} />
      <PhaseSelect prefix={prefix} field={form.field("phase")} />
      <TextField label="Starts" type="date" id={`${prefix}-starts_on`} {...form.field("starts_on")} />
      <TextField label="Ends (optional)" hint={endsHint} type="date" id={`${prefix}-ends_on`} {...form.field("ends_on")} />
    </>
  );
}
