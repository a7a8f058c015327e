import { api, unwrap, type Role, type School, type User } from "../../api/client";
import { useAuth } from "../../auth/AuthContext";
import { Button, ErrorSummary, SelectField, withFieldPrefix } from "../../components/forms";
import { useForm } from "../../components/useForm";
import { labelChoices, ROLE_LABELS } from "../../lib/labels";
import { grantableRoles, grantableSchools } from "../../lib/people";
import { schoolChoices } from "../../lib/schools";
import { required, validate, type Errors } from "../../lib/validation";
import type { Membership } from "./roleText";

/** Grants a role the signed-in person may grant, at a school they may grant it at. */
export function AddRole({ user, schools, onAdded }: { user: User; schools: School[]; onAdded: (membership: Membership) => void }) {
  const { me } = useAuth();
  const form = useForm({ role: "", school: "" });
  const roles = labelChoices(grantableRoles(me), ROLE_LABELS);
  const schoolOptions = schoolChoices(grantableSchools(me, schools));

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const ok = await form.submit(
      (values): Errors => {
        const errors = validate(values, { role: [required("Choose a role")] });
        if (values.role && values.role !== "trust_admin" && !values.school) errors.school = "Choose the school for this role";
        return errors;
      },
      async (values) => {
        const membership = await unwrap(
          api.POST("/api/v1/users/{user_id}/roles", {
            params: { path: { user_id: user.id } },
            body: { role: values.role as Role, school_id: values.role === "trust_admin" ? null : values.school },
          }),
        );
        onAdded(membership);
      },
      { school_id: "school" },
    );
    if (ok) form.reset();
  }

  return (
    <div className="panel">
      <h3 id="add-role-heading">Add a role</h3>
      <ErrorSummary items={withFieldPrefix(form.summary, "add-field")} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="add-role-heading">
        <SelectField
          label="Role"
          id="add-field-role"
          className="field--short"
          blank="Choose a role"
          options={roles}
          {...form.field("role")}
        />
        {form.values.role !== "trust_admin" && (
          <SelectField label="School" id="add-field-school" blank="Choose a school" options={schoolOptions} {...form.field("school")} />
        )}
        <Button type="submit" variant="secondary" disabled={form.busy}>
          Add role
        </Button>
      </form>
    </div>
  );
}
