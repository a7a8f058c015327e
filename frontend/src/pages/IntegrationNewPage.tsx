import { useState } from "react";
import { Link } from "react-router";
import { api, unwrap, type Schemas } from "../api/client";
import { Button, Checkbox, ErrorSummary, Fieldset, TextField } from "../components/forms";
import { Loading, Notice, Page } from "../components/Page";
import { SecretBox } from "../components/SecretBox";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { SCOPE_LABELS, type ClientScope } from "../lib/labels";
import { allSchools } from "../lib/schools";
import { maxLength, required, validate, type Errors } from "../lib/validation";

const SCOPES = Object.keys(SCOPE_LABELS) as ClientScope[];

export function IntegrationNewPage() {
  const schools = useLoad(() => allSchools(true), []);
  const [scopes, setScopes] = useState<Set<ClientScope>>(new Set(["observations:read"]));
  const [schoolIds, setSchoolIds] = useState<Set<string>>(new Set());
  // The secret lives only in this component's state: leaving the page forgets it for good.
  const [created, setCreated] = useState<Schemas["ApiClientCreated"] | null>(null);
  const form = useForm({ name: "", scopes: "", school_ids: "", expires_on: "" });

  function toggle<T extends string>(set: Set<T>, value: T, on: boolean): Set<T> {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const today = new Date().toISOString().slice(0, 10);
    await form.submit(
      (values): Errors => {
        const errors = validate(values, { name: [required("Enter a name, like the MIS it is for"), maxLength(200, "The name")] });
        if (scopes.size === 0) errors.scopes = "Choose at least one thing the client may read";
        if (schoolIds.size === 0) errors.school_ids = "Choose at least one school";
        if (values.expires_on && values.expires_on <= today) errors.expires_on = "The expiry date must be in the future";
        return errors;
      },
      async (values) => {
        const result = await unwrap(
          api.POST("/api/v1/integration-clients", {
            body: {
              name: values.name.trim(),
              scopes: [...scopes],
              school_ids: [...schoolIds],
              expires_at: values.expires_on ? `${values.expires_on}T23:59:59Z` : null,
            },
          }),
        );
        setCreated(result);
      },
      { expires_at: "expires_on" },
    );
  }

  if (created) {
    return (
      <Page title="Integration client created" heading={`${created.client.name} is ready`}>
        <p>Give these to whoever sets up the connection. The system exchanges them for tokens at the token endpoint.</p>
        <dl className="summary-list">
          <dt>Client ID</dt>
          <dd className="mono">{created.client.id}</dd>
          <dt>Scopes</dt>
          <dd>{created.client.scopes.join(", ")}</dd>
        </dl>
        <SecretBox
          label="Client secret"
          secret={created.client_secret}
          warning="This secret is shown only once. Copy it now and store it somewhere safe; MentorHub keeps only a hash and cannot show it again."
        />
        <Link className="button button--primary" to="/integrations" replace state={{ notice: `${created.client.name} has been created.` }}>
          I have stored the secret
        </Link>
      </Page>
    );
  }

  return (
    <Page title="Create an integration client">
      <p>
        <Link to="/integrations">Back to integrations</Link>
      </p>
      {schools.error && <Notice kind="error">{schools.error}</Notice>}
      {!schools.data && !schools.error && <Loading what="Loading schools" />}
      <ErrorSummary
        items={form.summary.map((item) =>
          item.fieldId === "field-scopes" || item.fieldId === "field-school_ids" ? { ...item, fieldId: item.fieldId.replace("field-", "group-") } : item,
        )}
        focusKey={form.attempt}
      />
      <form onSubmit={onSubmit} noValidate className="form">
        <TextField label="Name" hint="Something that says what it is for, like Arbor at Hillcrest Academy." {...form.field("name")} />
        <Fieldset id="group-scopes" legend="What it may read" error={form.errors.scopes}>
          {SCOPES.map((scope) => (
            <Checkbox
              key={scope}
              name="scopes"
              value={scope}
              label={SCOPE_LABELS[scope]}
              checked={scopes.has(scope)}
              onChange={(e) => setScopes(toggle(scopes, scope, e.target.checked))}
            />
          ))}
        </Fieldset>
        <Fieldset id="group-school_ids" legend="Schools it may see" error={form.errors.school_ids}>
          {(schools.data ?? []).map((school) => (
            <Checkbox
              key={school.id}
              name="school_ids"
              value={school.id}
              label={school.name}
              checked={schoolIds.has(school.id)}
              onChange={(e) => setSchoolIds(toggle(schoolIds, school.id, e.target.checked))}
            />
          ))}
        </Fieldset>
        <TextField label="Expiry date (optional)" hint="The client stops working at the end of this day. Leave empty for no expiry." type="date" {...form.field("expires_on")} />
        <Button type="submit" disabled={form.busy}>
          {form.busy ? "Creating…" : "Create client"}
        </Button>
      </form>
    </Page>
  );
}
