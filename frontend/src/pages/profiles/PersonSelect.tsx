import type { User } from "../../api/client";
import { SelectField } from "../../components/forms";
import type { FieldBinding } from "../../components/useForm";

/** Who a new profile is for: the people with the role who have none yet. */
export function PersonSelect({ label, people, field, prefix }: { label: string; people: User[]; field: FieldBinding; prefix: string }) {
  return (
    <SelectField
      label={label}
      id={`${prefix}-user_id`}
      blank="Choose a person"
      options={people.map((u) => ({ value: u.id, label: `${u.full_name} (${u.email})` }))}
      {...field}
    />
  );
}
