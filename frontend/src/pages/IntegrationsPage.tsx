import { useState } from "react";
import { Link } from "react-router";
import { api, PAGE_SIZE, unwrap, type ApiClient } from "../api/client";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { Button } from "../components/forms";
import { Loading, LocationNotice, Notice, Page } from "../components/Page";
import { Pager } from "../components/Pager";
import { useLoad } from "../components/useLoad";
import { formatDateTime } from "../lib/labels";
import { allSchools, schoolNames } from "../lib/schools";

function clientStatus(client: ApiClient): { label: string; tone: string } {
  if (client.revoked_at) return { label: "Revoked", tone: "status--inactive" };
  if (client.expires_at && new Date(client.expires_at) < new Date()) return { label: "Expired", tone: "status--muted" };
  return { label: "Active", tone: "status--active" };
}

export function IntegrationsPage() {
  const [offset, setOffset] = useState(0);
  const clients = useLoad(() => unwrap(api.GET("/api/v1/integration-clients", { params: { query: { limit: PAGE_SIZE, offset } } })), [offset]);
  const schools = useLoad(() => allSchools(), []);
  const names = schoolNames(schools.data ?? []);
  const [revoking, setRevoking] = useState<ApiClient | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);

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

  const data = clients.data;
  return (
    <Page title="Integrations" lead="Integration clients let your school MIS pull observation counts. Each sees only the schools you choose.">
      <div className="toolbar">
        <Link className="button button--primary" to="/integrations/new">
          Create an integration client
        </Link>
      </div>
      <LocationNotice />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {clients.error && <Notice kind="error">{clients.error}</Notice>}
      {clients.loading && !data && <Loading what="Loading integration clients" />}
      {data && data.items.length === 0 && <p>No integration clients yet.</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap table-wrap--stack">
          <table>
            <caption className="visually-hidden">Integration clients</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Client ID</th>
                <th scope="col">Scopes</th>
                <th scope="col">Schools</th>
                <th scope="col">Status</th>
                <th scope="col">Last used</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((client) => {
                const status = clientStatus(client);
                return (
                  <tr key={client.id}>
                    <td data-label="Name">{client.name}</td>
                    <td data-label="Client ID" className="mono">
                      {client.id}
                    </td>
                    <td data-label="Scopes">{client.scopes.join(", ")}</td>
                    <td data-label="Schools">{client.school_ids.map((id) => names.get(id) ?? "Unknown school").join(", ")}</td>
                    <td data-label="Status">
                      <span className={`status ${status.tone}`}>{status.label}</span>
                      {client.expires_at && !client.revoked_at && <div className="hint">Expires {formatDateTime(client.expires_at)}</div>}
                    </td>
                    <td data-label="Last used">{client.last_used_at ? formatDateTime(client.last_used_at) : "Never"}</td>
                    <td data-label="Actions">
                      {!client.revoked_at && (
                        <Button variant="link" onClick={() => setRevoking(client)}>
                          Revoke<span className="visually-hidden"> {client.name}</span>
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager label="Integration clients" total={data.total} limit={data.limit} offset={data.offset} onChange={setOffset} />}
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
