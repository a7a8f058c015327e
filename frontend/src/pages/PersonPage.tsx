import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap, type Role, type School, type User, type UserDetail } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { Button, ErrorSummary, SelectField, TextField } from "../components/forms";
import { Loading, LocationNotice, Notice, Page } from "../components/Page";
import { SecretBox } from "../components/SecretBox";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { formatDateTime, ROLE_LABELS } from "../lib/labels";
import { grantableRoles, grantableSchools } from "../lib/people";
import { allSchools, schoolNames } from "../lib/schools";
import { digits, email, maxLength, required, validate, type Errors } from "../lib/validation";

type Membership = User["roles"][number];

export function PersonPage() {
  const { userId = "" } = useParams();
  const person = useLoad(() => unwrap(api.GET("/api/v1/users/{user_id}", { params: { path: { user_id: userId } } })), [userId]);
  const schools = useLoad(() => allSchools(), []);
  if (person.error) {
    return (
      <Page title="Person not found">
        <Notice kind="error">{person.error}</Notice>
        <Link to="/people">Back to people</Link>
      </Page>
    );
  }
  if (!person.data || !schools.data) return <Loading what="Loading" />;
  // A change keeps the server's `can` flags, which say what this person may do with them.
  return <Person key={person.data.id} user={person.data} schools={schools.data} onChange={(u) => person.setData((current) => current && { ...current, ...u })} />;
}

function Person({ user, schools, onChange }: { user: UserDetail; schools: School[]; onChange: (user: User) => void }) {
  const { me } = useAuth();
  const names = schoolNames(schools);
  const manage = user.can.edit;
  const isSelf = me?.id === user.id;
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [dialog, setDialog] = useState<null | "deactivate" | "reset" | { remove: Membership }>(null);
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState<string | null>(null);

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } catch (e) {
      setMessage({ kind: "error", text: e instanceof Error ? e.message : "That did not work." });
    } finally {
      setBusy(false);
      setDialog(null);
    }
  }

  const setActive = (active: boolean) =>
    act(async () => {
      const updated = await unwrap(api.PATCH("/api/v1/users/{user_id}", { params: { path: { user_id: user.id } }, body: { active } }));
      onChange(updated);
      setMessage({ kind: "success", text: active ? `${user.full_name} can sign in again.` : `${user.full_name} has been deactivated and signed out.` });
    });

  const resetPassword = () =>
    act(async () => {
      const result = await unwrap(api.POST("/api/v1/users/{user_id}/reset-password", { params: { path: { user_id: user.id } } }));
      setPassword(result.initial_password);
      onChange({ ...user, must_change_password: true });
    });

  const removeRole = (membership: Membership) =>
    act(async () => {
      await unwrap(
        api.DELETE("/api/v1/users/{user_id}/roles/{membership_id}", {
          params: { path: { user_id: user.id, membership_id: membership.id } },
        }),
      );
      onChange({ ...user, roles: user.roles.filter((r) => r.id !== membership.id) });
      setMessage({ kind: "success", text: `Removed ${roleText(membership, names)}.` });
    });

  return (
    <Page title={user.full_name} lead={user.email}>
      <p>
        <Link to="/people">Back to people</Link>
      </p>
      <LocationNotice />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!manage && (
        <Notice>
          {user.full_name} has roles beyond the schools you lead, so only a trust admin can change their details.
        </Notice>
      )}
      {password && (
        <section className="section" aria-labelledby="new-password-heading">
          <h2 id="new-password-heading">New initial password</h2>
          <p>{user.full_name}'s old password no longer works. They must choose a new one when they sign in with this.</p>
          <SecretBox
            label="Initial password"
            secret={password}
            warning="This password is shown only once. Copy it now and pass it on safely; you will not see it again."
          />
          <Button variant="secondary" onClick={() => setPassword(null)}>
            I have passed it on: hide the password
          </Button>
        </section>
      )}

      <Details user={user} manage={manage} onSaved={(u) => { onChange(u); setMessage({ kind: "success", text: "Details saved." }); }} />

      <section className="section" aria-labelledby="roles-heading">
        <h2 id="roles-heading">Roles</h2>
        {user.roles.length === 0 ? (
          <p>No roles: {user.full_name} can sign in but sees nothing.</p>
        ) : (
          <ul className="role-list">
            {user.roles.map((membership) => (
              <li key={membership.id}>
                {roleText(membership, names)}{" "}
                {manage && (
                  <Button variant="link" onClick={() => setDialog({ remove: membership })}>
                    Remove<span className="visually-hidden"> {roleText(membership, names)}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {manage && <AddRole user={user} schools={schools} onAdded={(membership) => {
          onChange({ ...user, roles: [...user.roles, membership] });
          setMessage({ kind: "success", text: `Added ${roleText(membership, names)}.` });
        }} />}
      </section>

      <section className="section" aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <dl className="summary-list">
          <dt>Status</dt>
          <dd>
            <span className={`status ${user.active ? "status--active" : "status--inactive"}`}>{user.active ? "Active" : "Deactivated"}</span>
          </dd>
          <dt>Password</dt>
          <dd>{user.must_change_password ? "Must choose a new password at next sign-in" : "Chosen by them"}</dd>
          <dt>Added</dt>
          <dd>{formatDateTime(user.created_at)}</dd>
        </dl>
        {manage && (
          <div className="button-row">
            {!isSelf && (
              <Button variant="secondary" onClick={() => setDialog("reset")} disabled={busy || !user.active}>
                Reset password
              </Button>
            )}
            {user.active ? (
              !isSelf && (
                <Button variant="danger" onClick={() => setDialog("deactivate")} disabled={busy}>
                  Deactivate
                </Button>
              )
            ) : (
              <Button variant="secondary" onClick={() => setActive(true)} disabled={busy}>
                Reactivate
              </Button>
            )}
          </div>
        )}
      </section>

      <ConfirmDialog
        open={dialog === "deactivate"}
        title={`Deactivate ${user.full_name}?`}
        confirmLabel="Deactivate"
        danger
        busy={busy}
        onConfirm={() => setActive(false)}
        onCancel={() => setDialog(null)}
      >
        <p>They will be signed out and cannot sign in until someone reactivates them. Their records stay.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "reset"}
        title={`Reset ${user.full_name}'s password?`}
        confirmLabel="Reset password"
        busy={busy}
        onConfirm={resetPassword}
        onCancel={() => setDialog(null)}
      >
        <p>Their current password stops working and they are signed out. You will see a new initial password once.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={typeof dialog === "object" && dialog !== null}
        title="Remove this role?"
        confirmLabel="Remove role"
        danger
        busy={busy}
        onConfirm={() => typeof dialog === "object" && dialog && removeRole(dialog.remove)}
        onCancel={() => setDialog(null)}
      >
        <p>{typeof dialog === "object" && dialog ? `${user.full_name} will no longer be ${roleText(dialog.remove, names)}.` : ""}</p>
      </ConfirmDialog>
    </Page>
  );
}

function roleText(membership: Membership, names: Map<string, string>): string {
  const role = ROLE_LABELS[membership.role];
  return membership.school_id ? `${role} at ${names.get(membership.school_id) ?? "another school"}` : `${role} (whole trust)`;
}

function Details({ user, manage, onSaved }: { user: User; manage: boolean; onSaved: (user: User) => void }) {
  const form = useForm({
    full_name: user.full_name,
    email: user.email,
    trn: user.trn ?? "",
    mis_staff_code: user.mis_staff_code ?? "",
  });

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      (values) =>
        validate(values, {
          full_name: [required("Enter the full name"), maxLength(200, "The name")],
          email: [required("Enter the email address"), email],
          trn: [digits(7, "The TRN")],
          mis_staff_code: [maxLength(32, "The staff code")],
        }),
      async (values) => {
        const updated = await unwrap(
          api.PATCH("/api/v1/users/{user_id}", {
            params: { path: { user_id: user.id } },
            body: {
              full_name: values.full_name.trim(),
              email: values.email.trim(),
              trn: values.trn.trim() || null,
              mis_staff_code: values.mis_staff_code.trim() || null,
            },
          }),
        );
        onSaved(updated);
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <fieldset disabled={!manage} className="plain-fieldset">
          <legend className="visually-hidden">Details of {user.full_name}</legend>
          <TextField label="Full name" autoComplete="off" {...form.field("full_name")} />
          <TextField label="Email address" type="email" autoComplete="off" spellCheck={false} {...form.field("email")} />
          <TextField label="Teacher reference number (TRN) (optional)" hint="7 digits." inputMode="numeric" className="field--short" {...form.field("trn")} />
          <TextField label="MIS staff code (optional)" className="field--short" {...form.field("mis_staff_code")} />
          {manage && (
            <Button type="submit" disabled={form.busy}>
              Save details
            </Button>
          )}
        </fieldset>
      </form>
    </section>
  );
}

function AddRole({ user, schools, onAdded }: { user: User; schools: School[]; onAdded: (membership: Membership) => void }) {
  const { me } = useAuth();
  const form = useForm({ role: "", school: "" });
  const roles = grantableRoles(me);
  const options = grantableSchools(me, schools);

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
      <ErrorSummary items={form.summary.map((i) => (i.fieldId ? { ...i, fieldId: `add-${i.fieldId}` } : i))} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="add-role-heading">
        <SelectField label="Role" id="add-field-role" className="field--short" {...form.field("role")}>
          <option value="">Choose a role</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
        {form.values.role !== "trust_admin" && (
          <SelectField label="School" id="add-field-school" {...form.field("school")}>
            <option value="">Choose a school</option>
            {options.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        )}
        <Button type="submit" variant="secondary" disabled={form.busy}>
          Add role
        </Button>
      </form>
    </div>
  );
}
