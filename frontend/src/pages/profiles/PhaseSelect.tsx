import { SelectField } from "../../components/forms";
import type { FieldBinding } from "../../components/useForm";
import { PHASE_LABELS, PHASES } from "../../lib/labels";

export function PhaseSelect({ prefix, field }: { prefix: string; field: FieldBinding }) {
  return (
    <SelectField label="Phase (optional)" id={`${prefix}-phase`} className="field--short" {...field}>
      <option value="">Not given</option>
      {PHASES.map((p) => (
        <option key={p} value={p}>
          {PHASE_LABELS[p]}
        </option>
      ))}
    </SelectField>
  );
}
