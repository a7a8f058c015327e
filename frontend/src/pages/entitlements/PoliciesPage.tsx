/** The trust's entitlement policies, every version, and (for trust admins) a new draft started
 * from a starter template. */
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, unwrap, type Schemas } from "../../api/client";
import { useAuth } from "../../auth/AuthContext";
import { DataTable } from "../../components/DataTable";
import { Button, SelectField, TextField } from "../../components/forms";
import { Loaded, Notice, Page } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { formatDate } from "../../lib/labels";
import { AUDIENCE_LABELS, POLICY_STATUS_LABELS } from "../../lib/entitlements";

type Policy = Schemas["PolicyPublic"];
type Audience = Schemas["PolicyAudience"];

export function PoliciesPage() {
  const { has } = useAuth();
  const load = useLoad(() => unwrap(api.GET("/api/v1/entitlements/policies", { params: { query: { limit: 100 } } })), []);
  return (
    <Page title="Entitlement policies" lead="What the trust promises its mentors and trainees. A draft goes to the headteachers' board; an approved version never changes, and schools adopt it from a date.">
      <p>
        <Link to="/entitlements">Back to compliance</Link>
      </p>
      {has("entitlements:manage") && <NewPolicy />}
      <section className="section" aria-labelledby="policies-heading">
        <h2 id="policies-heading">Policies</h2>
        <Loaded load={load} what="Loading the policies">
          {(page) => (
            <DataTable
              caption="The trust's policies, every version"
              rows={page.items}
              rowKey={(p) => p.id}
              empty="No policy yet."
              columns={[
                { header: "Policy", cell: (p: Policy) => <Link to={`/entitlements/policies/${p.id}`}>{`${p.name}, version ${p.version}`}</Link> },
                { header: "For", cell: (p: Policy) => AUDIENCE_LABELS[p.audience] },
                { header: "Status", cell: (p: Policy) => POLICY_STATUS_LABELS[p.status] },
                { header: "From", cell: (p: Policy) => (p.effective_from ? formatDate(p.effective_from) : "On approval") },
              ]}
            />
          )}
        </Loaded>
      </section>
    </Page>
  );
}

function NewPolicy() {
  const navigate = useNavigate();
  const catalogue = useLoad(() => unwrap(api.GET("/api/v1/entitlements/catalogue")), []);
  const [audience, setAudience] = useState<Audience>("mentor");
  const [name, setName] = useState("");
  const [template, setTemplate] = useState("");
  const [from, setFrom] = useState("");
  const [error, setError] = useState<string | null>(null);
  const templates = (catalogue.data?.templates ?? []).filter((t) => t.audience === audience);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setError("Give the policy a name.");
      return;
    }
    setError(null);
    try {
      const created = await unwrap(api.POST("/api/v1/entitlements/policies", { body: { audience, name: name.trim(), template: template || null, effective_from: from || null } }));
      navigate(`/entitlements/policies/${created.id}`, { state: { notice: "Draft started." } });
    } catch (e) {
      setError(e instanceof Error ? e.message : "The draft could not be started.");
    }
  }

  return (
    <section className="section" aria-labelledby="new-heading">
      <h2 id="new-heading">Start a policy</h2>
      <p>Drafting for an audience that has an approved policy starts its next version.</p>
      {error && <Notice kind="error">{error}</Notice>}
      <form onSubmit={onSubmit} noValidate aria-labelledby="new-heading">
        <SelectField
          label="For"
          name="audience"
          value={audience}
          onChange={(e) => {
            setAudience(e.target.value as Audience);
            setTemplate("");
          }}
          options={(Object.keys(AUDIENCE_LABELS) as Audience[]).map((a) => ({ value: a, label: AUDIENCE_LABELS[a] }))}
        />
        <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} />
        <SelectField label="Start from" name="template" value={template} onChange={(e) => setTemplate(e.target.value)} blank="No items (add them yourself)" options={templates.map((t) => ({ value: t.key, label: `Starter template: ${t.name}` }))} />
        <TextField type="date" label="Takes effect from (optional)" name="effective_from" hint="For a new version of an approved policy: the date it supersedes the current one." value={from} onChange={(e) => setFrom(e.target.value)} />
        <div className="button-row">
          <Button type="submit">Start the draft</Button>
        </div>
      </form>
    </section>
  );
}
