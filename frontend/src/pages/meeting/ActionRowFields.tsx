import { Button, SelectField, TextField } from "../../components/forms";
import type { Errors } from "../../lib/validation";

export interface ActionRow {
  key: number;
  /** An action already saved: sent back so it keeps its done mark. */
  id?: string;
  text: string;
  owner: "mentor" | "mentee";
  due_on: string;
}

/** One action agreed at the meeting, in the record form: what, who, by when, and Remove. */
export function ActionRowFields({
  row,
  index,
  errors,
  names,
  autoFocus,
  onChange,
  onRemove,
}: {
  row: ActionRow;
  index: number;
  errors: Errors;
  names: { mentor: string; mentee: string };
  /** A row just added takes focus. */
  autoFocus: boolean;
  onChange: (change: Partial<ActionRow>) => void;
  onRemove: () => void;
}) {
  return (
    <fieldset className="action-row">
      <legend>Action {index + 1}</legend>
      <TextField
        label="What"
        id={`record-action-${index}-text`}
        name={`action-${index}-text`}
        value={row.text}
        error={errors[`action-${index}-text`]}
        onChange={(e) => onChange({ text: e.target.value })}
        autoFocus={autoFocus}
      />
      <div className="field-pair">
        <SelectField
          label="Who"
          id={`record-action-${index}-owner`}
          name={`action-${index}-owner`}
          value={row.owner}
          onChange={(e) => onChange({ owner: e.target.value as ActionRow["owner"] })}
        >
          <option value="mentor">{names.mentor} (mentor)</option>
          <option value="mentee">{names.mentee} (mentee)</option>
        </SelectField>
        <TextField
          label="Due (optional)"
          type="date"
          id={`record-action-${index}-due_on`}
          name={`action-${index}-due_on`}
          value={row.due_on}
          error={errors[`action-${index}-due_on`]}
          onChange={(e) => onChange({ due_on: e.target.value })}
        />
      </div>
      <Button variant="link" onClick={onRemove}>
        Remove action {index + 1}
      </Button>
    </fieldset>
  );
}
