import { SelectField } from "../../components/forms";
import type { FieldBinding } from "../../components/useForm";
import { labelChoices, PHASE_LABELS, PHASES } from "../../lib/labels";

export function PhaseSelect({ prefix, field }: { prefix: string; field: FieldBinding }) {
  return (
    <SelectField
      label="Phase (optional)"
      id={`${prefix}-phase`}
      className="field--short"
      blank="Not given"
      options={labelChoices(PHASES, PHASE_LABELS)}
      {...field}
    />
  );
}
