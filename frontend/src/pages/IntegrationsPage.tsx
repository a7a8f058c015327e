import { useState } from "react";
import { Link } from "react-router";
import { api, PAGE_SIZE, unwrap, type ApiClient } from "../api/client";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { PagedTable } from "../components/DataTable";
import { Button } from "../components/forms";
import { LocationNotice, Notice, Page, type Message } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { formatDateTime } from "../lib/labels";
import { allSchools, schoolNames } from "../lib/schools";

function clientStatus(client: ApiClient): { label: string; tone: string } {
  if (client.revoked_at) return { label: "Revoked", tone: "status--inactive" };
  if (client.expires_at && new Date(client.expires_at) < new Date()) return { label: "Expired", tone: "status--muted" };
  return { label: "Active", tone: "status--active" };
}

function clientStatusCell(client: ApiClient) {
  const status = clientStatus(client);
  return (
    <>
      <span className={`status ${status.tone}`}>{status.label}</span>
      {client.expires_at && !client.revoked_at && <div className="hint">Expires {formatDateTime(client.expires_at)}</div>}
    </>
  );
}

export function IntegrationsPage() {
  const [offset, setOffset] = useState(0);
  const clients = useLoad(() => unwrap(api.GET("/api/v1/integration-clients", { params: { query: { limit: PAGE_SIZE, offset } } })), [offset]);
  const schools = useLoad(() => allSchools(), []);
  const names = schoolNames(schools.data ?? []);
  const [revoking, setRevoking] = useState<ApiClient | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    try {
      await unwrap(api.POST("/api/v1/integration-clients/{client_id}/revoke", { params: { path: { client_id: revoking.id } } }));
      setMessage({ kind: "success", text: `${revoking.name} has been revoked. Its tokens stop working at once.` });
      clients.reload();
    } catch (e) {
      setMessage({ kind: "error", text: e instanceof Error ? e.message : "Revoking did not work." });
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  }

  return (
    <Page title="Integrations" lead="Integration clients let your school MIS pull observation counts. Each sees only the schools you choose.">
      <div className="toolbar">
        <Link className="button button--primary" to="/integrations/new">
          Create an integration client
        </Link>
      </div>
      <LocationNotice />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <PagedTable
        list={clients}
        loading="Loading integration clients"
        empty="No integration clients yet."
        caption="Integration clients"
        rowKey={(client) => client.id}
        columns={[
          { header: "Name", cell: (client) => client.name },
          { header: "Client ID", className: "mono", cell: (client) => client.id },
          { header: "Scopes", cell: (client) => client.scopes.join(", ") },
          { header: "Schools", cell: (client) => client.school_ids.map((id) => names.get(id) ?? "Unknown school").join(", ") },
          { header: "Status", cell: clientStatusCell },
          { header: "Last used", cell: (client) => (client.last_used_at ? formatDateTime(client.last_used_at) : "Never") },
          {
            header: "Actions",
            cell: (client) =>
              !client.revoked_at && (
                <Button variant="link" onClick={() => setRevoking(client)}>
                  Revoke<span className="visually-hidden"> {client.name}</span>
                </Button>
              ),
          },
        ]}
        pagerLabel="Integration clients"
        onPage={setOffset}
      />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? ""}?`}
        confirmLabel="Revoke client"
        danger
        busy={busy}
        onConfirm={revoke}
        onCancel={() => setRevoking(null)}
      >
        <p>The system using this client will stop getting data straight away. This cannot be undone; you would create a new client instead.</p>
      </ConfirmDialog>
    </Page>
  );
}
