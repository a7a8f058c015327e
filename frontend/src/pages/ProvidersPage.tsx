import { useState } from "react";
import { Link } from "react-router";
import { api, PAGE_SIZE, unwrap, type Schemas } from "../api/client";
import { PagedTable } from "../components/DataTable";
import { Button, ErrorSummary, SelectField, TextField } from "../components/forms";
import { LocationNotice, Page } from "../components/Page";
import { SecretBox } from "../components/SecretBox";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { labelChoices } from "../lib/labels";
import { maxLength, required, validate, type Errors } from "../lib/validation";

export type ProviderKind = Schemas["ProviderKind"];
export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  hei: "University (HEI)",
  scitt: "SCITT",
  ecte_lead_provider: "ECTE lead provider",
  other: "Other",
};
export const PROVIDER_KINDS = Object.keys(PROVIDER_KIND_LABELS) as ProviderKind[];

export function ProviderStatus({ provider }: { provider: { disabled_at: string | null } }) {
  return provider.disabled_at ? <span className="status status--inactive">Disabled</span> : <span className="status status--active">Active</span>;
}

/** The webhook URL and a signing secret to hand to the provider, the secret shown this once. */
export function SecretHandover({ url, secret, rotated = false }: { url: string; secret: string; rotated?: boolean }) {
  return (
    <>
      <p>Give the provider this address and secret. They sign every delivery with the secret; MentorHub refuses anything else.</p>
      <dl className="summary-list">
        <dt>Webhook URL</dt>
        <dd className="mono">{url}</dd>
      </dl>
      <SecretBox
        label={rotated ? "New signing secret" : "Signing secret"}
        secret={secret}
        warning="This secret is shown only once. Copy it now and send it to the provider safely; MentorHub cannot show it again."
      />
    </>
  );
}

export function ProvidersPage() {
  const [offset, setOffset] = useState(0);
  const providers = useLoad(() => unwrap(api.GET("/api/v1/providers", { params: { query: { limit: PAGE_SIZE, offset } } })), [offset]);
  const [created, setCreated] = useState<Schemas["ProviderCreated"] | null>(null);
  const form = useForm({ name: "", kind: "hei" });

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      (values): Errors => validate(values, { name: [required("Enter the provider's name"), maxLength(200, "The name")] }),
      async (values) => {
        const result = await unwrap(api.POST("/api/v1/providers", { body: { name: values.name.trim(), kind: values.kind as ProviderKind } }));
        setCreated(result);
        providers.reload();
      },
    );
  }

  if (created) {
    return (
      <Page title="Provider registered" heading={`${created.provider.name} is registered`}>
        <SecretHandover url={created.provider.webhook_url} secret={created.signing_secret} />
        <Link className="button button--primary" to={`/providers/${created.provider.id}`} replace state={{ notice: `${created.provider.name} has been registered.` }}>
          I have stored the secret
        </Link>
      </Page>
    );
  }

  return (
    <Page title="Providers" lead="Universities, SCITTs and lead providers send their course dates and deadlines here by signed webhook.">
      <div className="toolbar">
        <Link className="button button--secondary" to="/providers/deliveries">
          Delivery log
        </Link>
      </div>
      <LocationNotice />
      <PagedTable
        list={providers}
        loading="Loading providers"
        empty="No providers yet."
        caption="Training providers"
        rowKey={(provider) => provider.id}
        columns={[
          { header: "Name", cell: (provider) => <Link to={`/providers/${provider.id}`}>{provider.name}</Link> },
          { header: "Kind", cell: (provider) => PROVIDER_KIND_LABELS[provider.kind] },
          { header: "People linked", cell: (provider) => provider.linked_people },
          { header: "Status", cell: (provider) => <ProviderStatus provider={provider} /> },
        ]}
        pagerLabel="Provider pages"
        onPage={setOffset}
      />
      <h2>Register a provider</h2>
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <TextField label="Name" hint="As your schools know it, like Northern University." {...form.field("name")} />
        <SelectField label="Kind" options={labelChoices(PROVIDER_KINDS, PROVIDER_KIND_LABELS)} {...form.field("kind")} />
        <Button type="submit" disabled={form.busy}>
          {form.busy ? "Registering…" : "Register provider"}
        </Button>
      </form>
    </Page>
  );
}
