import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, MAX_PAGE, unwrap, type Schemas } from "../api/client";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { DataTable } from "../components/DataTable";
import { Button, ErrorSummary, SelectField, TextField } from "../components/forms";
import { LoadFailed, Loading, LocationNotice, Notice, Page, type Message } from "../components/Page";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { formatDateTime, labelChoices } from "../lib/labels";
import { maxLength, required, validate, type Errors } from "../lib/validation";
import { PROVIDER_KIND_LABELS, PROVIDER_KINDS, ProviderStatus, SecretHandover, type ProviderKind } from "./ProvidersPage";

type ProviderDetail = Schemas["ProviderDetail"];

const OVERLAPS = [
  { value: "24", label: "24 hours (recommended)" },
  { value: "72", label: "3 days" },
  { value: "168", label: "7 days" },
  { value: "0", label: "No overlap: the current secret stops at once" },
];

export function ProviderPage() {
  const { providerId = "" } = useParams();
  const path = { provider_id: providerId };
  const provider = useLoad(() => unwrap(api.GET("/api/v1/providers/{provider_id}", { params: { path } })), [providerId]);
  const people = useLoad(
    () => unwrap(api.GET("/api/v1/providers/{provider_id}/people", { params: { path, query: { limit: MAX_PAGE } } })),
    [providerId],
  );
  const candidates = useLoad(async () => {
    const [mentors, mentees] = await Promise.all(
      (["mentor", "mentee"] as const).map((role) => unwrap(api.GET("/api/v1/users", { params: { query: { role, limit: MAX_PAGE } } }))),
    );
    const seen = new Map<string, Schemas["UserPublic"]>();
    for (const user of [...mentors.items, ...mentees.items]) seen.set(user.id, user);
    return [...seen.values()].sort((a, b) => a.full_name.localeCompare(b.full_name));
  }, []);
  const [message, setMessage] = useState<Message | null>(null);
  const [rotated, setRotated] = useState<Schemas["SecretRotated"] | null>(null);
  const [confirm, setConfirm] = useState<"disable" | "rotate" | null>(null);
  const [busy, setBusy] = useState(false);
  const [overlap, setOverlap] = useState("24");
  const [personId, setPersonId] = useState("");
  const edit = useForm({ name: "", kind: "" });

  if (provider.error) return <LoadFailed title="Provider" error={provider.error} backTo="/providers" back="Back to providers" />;
  if (!provider.data) return <Loading what="Loading the provider" />;
  const detail: ProviderDetail = provider.data;

  async function act(run: () => Promise<unknown>, success: string) {
    setBusy(true);
    try {
      await run();
      setMessage({ kind: "success", text: success });
      provider.reload();
      people.reload();
    } catch (e) {
      setMessage({ kind: "error", text: e instanceof Error ? e.message : "That did not work." });
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  }

  async function rotate() {
    setBusy(true);
    try {
      const result = await unwrap(api.POST("/api/v1/providers/{provider_id}/rotate-secret", { params: { path }, body: { overlap_hours: Number(overlap) } }));
      setRotated(result);
      provider.setData(result.provider);
    } catch (e) {
      setMessage({ kind: "error", text: e instanceof Error ? e.message : "Rotating did not work." });
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  }

  async function onEdit(event: React.FormEvent) {
    event.preventDefault();
    const values = { name: edit.values.name || detail.name, kind: edit.values.kind || detail.kind };
    await edit.submit(
      (): Errors => validate(values, { name: [required("Enter the provider's name"), maxLength(200, "The name")] }),
      async () => {
        const saved = await unwrap(api.PATCH("/api/v1/providers/{provider_id}", { params: { path }, body: { name: values.name.trim(), kind: values.kind as ProviderKind } }));
        provider.setData(saved);
        setMessage({ kind: "success", text: "Saved." });
      },
    );
  }

  if (rotated) {
    return (
      <Page title="New signing secret" heading={`A new secret for ${detail.name}`}>
        <SecretHandover url={detail.webhook_url} secret={rotated.signing_secret} rotated />
        <p>
          {rotated.previous_expires_at
            ? `The previous secret keeps working until ${formatDateTime(rotated.previous_expires_at)}, so the provider can switch at any moment before then.`
            : "The previous secret has stopped working."}
        </p>
        <Button onClick={() => setRotated(null)}>I have stored the secret</Button>
      </Page>
    );
  }

  const linked = people.data?.items ?? [];
  const linkedIds = new Set(linked.map((p) => p.user_id));
  const choices = (candidates.data ?? []).filter((u) => !linkedIds.has(u.id)).map((u) => ({ value: u.id, label: `${u.full_name} (${u.email})` }));

  return (
    <Page title={detail.name} lead={PROVIDER_KIND_LABELS[detail.kind]}>
      <p>
        <Link to="/providers">Back to providers</Link> · <Link to={`/providers/deliveries?provider_id=${detail.id}`}>Deliveries from {detail.name}</Link>
      </p>
      <LocationNotice />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <dl className="summary-list">
        <dt>Status</dt>
        <dd>
          <ProviderStatus provider={detail} />
        </dd>
        <dt>Webhook URL</dt>
        <dd className="mono">{detail.webhook_url}</dd>
      </dl>

      <h2>Signing secrets</h2>
      <DataTable
        caption="Secrets that still verify"
        rows={detail.secrets}
        rowKey={(s) => s.id}
        empty="No secret verifies: rotate to make one."
        columns={[
          { header: "Secret", cell: (s) => (s.status === "current" ? "Current" : "Retiring") },
          { header: "Created", cell: (s) => formatDateTime(s.created_at) },
          { header: "Stops working", cell: (s) => (s.expires_at ? formatDateTime(s.expires_at) : "When replaced") },
        ]}
      />
      <p className="hint">Secrets are never shown again after they are made. Rotating makes a new one; the current one keeps working for the overlap you choose, so deliveries carry on while the provider switches.</p>
      {detail.can.rotate_secret && (
        <div className="form">
          <SelectField label="Overlap" name="overlap" options={OVERLAPS} value={overlap} onChange={(e) => setOverlap(e.target.value)} hint="How long the current secret keeps working beside the new one." />
          <Button variant="secondary" onClick={() => setConfirm("rotate")}>
            Rotate secret
          </Button>
        </div>
      )}

      <h2>Linked mentors and mentees</h2>
      {people.error && <Notice kind="error">{people.error}</Notice>}
      <DataTable
        caption={`People linked to ${detail.name}`}
        rows={linked}
        rowKey={(p) => p.user_id}
        empty="Nobody is linked yet."
        columns={[
          { header: "Name", cell: (p) => p.full_name },
          { header: "Role", cell: (p) => p.roles.map((r) => (r === "mentor" ? "Mentor" : "Mentee")).join(", ") },
          { header: "TRN", cell: (p) => p.trn ?? "" },
          {
            header: "Actions",
            cell: (p) =>
              detail.can.link_people && (
                <Button
                  variant="link"
                  disabled={busy}
                  onClick={() =>
                    act(() => unwrap(api.DELETE("/api/v1/providers/{provider_id}/people/{user_id}", { params: { path: { ...path, user_id: p.user_id } } })), `${p.full_name} is no longer linked.`)
                  }
                >
                  Unlink<span className="visually-hidden"> {p.full_name}</span>
                </Button>
              ),
          },
        ]}
      />
      {detail.can.link_people && (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!personId) return;
            const name = choices.find((c) => c.value === personId)?.label ?? "They";
            void act(() => unwrap(api.POST("/api/v1/providers/{provider_id}/people", { params: { path }, body: { user_ids: [personId] } })), `${name} is linked.`).then(() => setPersonId(""));
          }}
        >
          <SelectField
            label="Link a mentor or mentee"
            name="person"
            blank="Choose a person"
            options={choices}
            value={personId}
            onChange={(e) => setPersonId(e.target.value)}
            hint="Each person has one provider: linking someone linked elsewhere moves them here."
          />
          <Button type="submit" disabled={busy || !personId}>
            Link person
          </Button>
        </form>
      )}

      {detail.can.edit && (
        <>
          <h2>Details</h2>
          <ErrorSummary items={edit.summary} focusKey={edit.attempt} />
          <form onSubmit={onEdit} noValidate className="form">
            <TextField label="Name" {...edit.field("name")} value={edit.values.name || detail.name} />
            <SelectField label="Kind" options={labelChoices(PROVIDER_KINDS, PROVIDER_KIND_LABELS)} {...edit.field("kind")} value={edit.values.kind || detail.kind} />
            <Button type="submit" disabled={edit.busy}>
              Save details
            </Button>
          </form>
        </>
      )}

      <h2>Accepting deliveries</h2>
      <p className="hint">A disabled provider's deliveries are all refused, whatever their signature.</p>
      {detail.can.disable && (
        <Button variant="secondary" onClick={() => setConfirm("disable")}>
          Disable provider
        </Button>
      )}
      {detail.can.enable && (
        <Button variant="secondary" disabled={busy} onClick={() => act(() => unwrap(api.POST("/api/v1/providers/{provider_id}/enable", { params: { path } })), `${detail.name} is enabled again.`)}>
          Enable provider
        </Button>
      )}
      <ConfirmDialog open={confirm === "disable"} title={`Disable ${detail.name}?`} confirmLabel="Disable provider" danger busy={busy} onConfirm={() => act(() => unwrap(api.POST("/api/v1/providers/{provider_id}/disable", { params: { path } })), `${detail.name} is disabled. Its deliveries are refused.`)} onCancel={() => setConfirm(null)}>
        <p>Every delivery from this provider will be refused until you enable it again. Nothing already received changes.</p>
      </ConfirmDialog>
      <ConfirmDialog open={confirm === "rotate"} title="Rotate the signing secret?" confirmLabel="Rotate secret" busy={busy} onConfirm={rotate} onCancel={() => setConfirm(null)}>
        <p>{overlap === "0" ? "The current secret stops working at once." : `The current secret keeps working for ${OVERLAPS.find((o) => o.value === overlap)?.label.replace(" (recommended)", "")}, then only the new one does.`} The new secret is shown once.</p>
      </ConfirmDialog>
    </Page>
  );
}
