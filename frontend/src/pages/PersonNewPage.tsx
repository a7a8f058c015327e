import { useState } from "react";
import { Link } from "react-router";
import { api, unwrap, type Role, type User } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { Button, ErrorSummary, SelectField, TextField } from "../components/forms";
import { Loading, Notice, Page } from "../components/Page";
import { SecretBox } from "../components/SecretBox";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { labelChoices, ROLE_LABELS } from "../lib/labels";
import { grantableRoles, grantableSchools } from "../lib/people";
import { allSchools, schoolChoices } from "../lib/schools";
import { digits, email, maxLength, required, validate, type Errors } from "../lib/validation";

export function PersonNewPage() {
  const { me, currentSchool } = useAuth();
  const schools = useLoad(() => allSchools(true), []);
  const [created, setCreated] = useState<{ user: User; password: string } | null>(null);
  const form = useForm({
    full_name: "",
    email: "",
    trn: "",
    mis_staff_code: "",
    role: "",
    school: currentSchool?.roles.includes("school_lead") ? currentSchool.schoolId : "",
  });
  const roles = grantableRoles(me);
  const options = grantableSchools(me, schools.data ?? []);
  const needsSchool = form.values.role !== "trust_admin";

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      (values): Errors => {
        const errors = validate(values, {
          full_name: [required("Enter the person's full name"), maxLength(200, "The name")],
          email: [required("Enter the person's email address"), email],
          trn: [digits(7, "The TRN")],
          mis_staff_code: [maxLength(32, "The staff code")],
          role: [required("Choose a role")],
        });
        if (values.role !== "trust_admin" && !values.school) errors.school = "Choose the school for this role";
        return errors;
      },
      async (values) => {
        const result = await unwrap(
          api.POST("/api/v1/users", {
            body: {
              full_name: values.full_name.trim(),
              email: values.email.trim(),
              trn: values.trn.trim() || null,
              mis_staff_code: values.mis_staff_code.trim() || null,
              roles: [{ role: values.role as Role, school_id: values.role === "trust_admin" ? null : values.school }],
            },
          }),
        );
        setCreated({ user: result.user, password: result.initial_password });
      },
      { "roles.0.school_id": "school", "roles.0.role": "role", "roles.0": "role", roles: "role" },
    );
  }

  if (created) {
    return (
      <Page title="Person added" heading={`${created.user.full_name} has been added`}>
        <p>
          Give {created.user.full_name} their email address ({created.user.email}) and this initial password. They must choose their own password
          when they first sign in.
        </p>
        <SecretBox
          label="Initial password"
          secret={created.password}
          warning="This password is shown only once. Copy it now and pass it on safely; you will not see it again."
        />
        <div className="button-row">
          <Link className="button button--primary" to={`/people/${created.user.id}`}>
            Done: go to {created.user.full_name}
          </Link>
          <Button
            variant="secondary"
            onClick={() => {
              setCreated(null);
              form.reset();
            }}
          >
            Add another person
          </Button>
        </div>
      </Page>
    );
  }

  return (
    <Page title="Add a person" lead="They get an initial password to sign in with, and choose their own the first time.">
      <p>
        <Link to="/people">Back to people</Link>
      </p>
      {schools.error && <Notice kind="error">{schools.error}</Notice>}
      {!schools.data && !schools.error && <Loading what="Loading schools" />}
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <TextField label="Full name" autoComplete="off" {...form.field("full_name")} />
        <TextField label="Email address" type="email" autoComplete="off" spellCheck={false} {...form.field("email")} />
        <TextField
          label="Teacher reference number (TRN) (optional)"
          hint="7 digits. Trainees and early career teachers have one."
          inputMode="numeric"
          className="field--short"
          {...form.field("trn")}
        />
        <TextField label="MIS staff code (optional)" className="field--short" {...form.field("mis_staff_code")} />
        <SelectField label="Role" className="field--short" blank="Choose a role" options={labelChoices(roles, ROLE_LABELS)} {...form.field("role")} />
        {needsSchool && (
          <SelectField
            label="School"
            hint="The school where they hold this role. You can add more roles later."
            blank="Choose a school"
            options={schoolChoices(options)}
            {...form.field("school")}
          />
        )}
        <Button type="submit" disabled={form.busy}>
          {form.busy ? "Adding…" : "Add person"}
        </Button>
      </form>
    </Page>
  );
}
