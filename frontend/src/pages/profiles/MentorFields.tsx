import { Checkbox, TextField } from "../../components/forms";
import type { FieldBinding } from "../../components/useForm";
import type { MentorValues } from "./profileFields";
import { PhaseSelect } from "./PhaseSelect";

/** A mentor profile's fields, shared by the add and edit forms; ids start with `prefix`. */
export function MentorFields({
  field,
  prefix,
  trained,
  onTrained,
  trainedId,
  endsHint,
}: {
  field: (name: keyof MentorValues) => FieldBinding;
  prefix: string;
  trained: boolean;
  onTrained: (trained: boolean) => void;
  /** The training checkbox's id; without it one is made up. */
  trainedId?: string;
  endsHint?: string;
}) {
  return (
    <>
      <TextField label="Subjects (optional)" hint="Separate subjects with commas, like Science, Maths." id={`${prefix}-subjects`} {...field("subjects")} />
      <PhaseSelect prefix={prefix} field={field("phase")} />
      <div className="field">
        <Checkbox name="trained" id={trainedId} label="Has completed mentor training" checked={trained} onChange={(e) => onTrained(e.target.checked)} />
      </div>
      <TextField label="Starts mentoring" type="date" id={`${prefix}-starts_on`} {...field("starts_on")} />
      <TextField label="Stops mentoring (optional)" hint={endsHint} type="date" id={`${prefix}-ends_on`} {...field("ends_on")} />
    </>
  );
}
