import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { api, PAGE_SIZE, unwrap, type Schemas } from "../api/client";
import { PagedTable } from "../components/DataTable";
import { Button, SelectField } from "../components/forms";
import { LoadFailed, Loading, Notice, Page, type Message } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { formatDateTime, labelChoices } from "../lib/labels";

type Outcome = Schemas["DeliveryOutcome"];
const OUTCOME_LABELS: Record<Outcome, string> = {
  processed: "Processed",
  duplicate: "Duplicate",
  ignored: "Ignored",
  rejected: "Rejected",
  failed: "Failed",
};
const OUTCOME_TONES: Record<Outcome, string> = {
  processed: "status--active",
  duplicate: "status--muted",
  ignored: "status--muted",
  rejected: "status--inactive",
  failed: "status--inactive",
};
const OUTCOMES = Object.keys(OUTCOME_LABELS) as Outcome[];

function OutcomeTag({ outcome }: { outcome: Outcome }) {
  return <span className={`status ${OUTCOME_TONES[outcome]}`}>{OUTCOME_LABELS[outcome]}</span>;
}

export function DeliveriesPage() {
  const [params, setParams] = useSearchParams();
  const outcome = (params.get("outcome") ?? "") as Outcome | "";
  const providerId = params.get("provider_id") ?? "";
  const [offset, setOffset] = useState(0);
  const deliveries = useLoad(
    () =>
      unwrap(
        api.GET("/api/v1/webhook-deliveries", {
          params: { query: { limit: PAGE_SIZE, offset, outcome: outcome || undefined, provider_id: providerId || undefined } },
        }),
      ),
    [offset, outcome, providerId],
  );

  function choose(value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set("outcome", value);
    else next.delete("outcome");
    setOffset(0);
    setParams(next);
  }

  return (
    <Page title="Delivery log" lead="Every delivery your providers sent: when, what, and what became of it.">
      <p>
        <Link to="/providers">Back to providers</Link>
        {providerId && (
          <>
            {" · "}
            <Link to="/providers/deliveries">All providers</Link>
          </>
        )}
      </p>
      <div className="form">
        <SelectField label="Outcome" name="outcome" blank="Any outcome" options={labelChoices(OUTCOMES, OUTCOME_LABELS)} value={outcome} onChange={(e) => choose(e.target.value)} />
      </div>
      <PagedTable
        list={deliveries}
        loading="Loading deliveries"
        empty="No deliveries."
        caption="Deliveries"
        rowKey={(d) => d.id}
        columns={[
          { header: "Received", cell: (d) => <Link to={`/providers/deliveries/${d.id}`}>{formatDateTime(d.received_at)}</Link> },
          { header: "Provider", cell: (d) => d.provider_name },
          { header: "Type", className: "mono", cell: (d) => d.type || "(none)" },
          { header: "Outcome", cell: (d) => <OutcomeTag outcome={d.outcome} /> },
          { header: "Why", cell: (d) => d.reason ?? "" },
        ]}
        pagerLabel="Delivery pages"
        onPage={setOffset}
      />
    </Page>
  );
}

export function DeliveryPage() {
  const { deliveryId = "" } = useParams();
  const path = { delivery_id: deliveryId };
  const delivery = useLoad(() => unwrap(api.GET("/api/v1/webhook-deliveries/{delivery_id}", { params: { path } })), [deliveryId]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  if (delivery.error) return <LoadFailed title="Delivery" error={delivery.error} backTo="/providers/deliveries" back="Back to the delivery log" />;
  if (!delivery.data) return <Loading what="Loading the delivery" />;
  const d = delivery.data;

  async function reprocess() {
    setBusy(true);
    try {
      const result = await unwrap(api.POST("/api/v1/webhook-deliveries/{delivery_id}/reprocess", { params: { path } }));
      delivery.setData(result);
      setMessage({ kind: result.outcome === "processed" ? "success" : "error", text: `Processed again: ${OUTCOME_LABELS[result.outcome].toLowerCase()}.` });
    } catch (e) {
      setMessage({ kind: "error", text: e instanceof Error ? e.message : "Processing again did not work." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={`Delivery from ${d.provider_name}`} lead={formatDateTime(d.received_at)}>
      <p>
        <Link to="/providers/deliveries">Back to the delivery log</Link>
      </p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <dl className="summary-list">
        <dt>Outcome</dt>
        <dd>
          <OutcomeTag outcome={d.outcome} />
        </dd>
        {d.reason && (
          <>
            <dt>Why</dt>
            <dd>{d.reason}</dd>
          </>
        )}
        <dt>Type</dt>
        <dd className="mono">{d.type || "(none)"}</dd>
        <dt>Webhook id</dt>
        <dd className="mono">{d.webhook_id}</dd>
        <dt>Sent</dt>
        <dd>{d.sent_at ? formatDateTime(d.sent_at) : "Not given"}</dd>
        {d.duplicate_of && (
          <>
            <dt>First arrival</dt>
            <dd>
              <Link to={`/providers/deliveries/${d.duplicate_of}`}>The delivery it repeats</Link>
            </dd>
          </>
        )}
        {d.reprocessed_at && (
          <>
            <dt>Processed again</dt>
            <dd>{formatDateTime(d.reprocessed_at)}</dd>
          </>
        )}
      </dl>
      <h2>What it changed</h2>
      {d.effects.length === 0 ? (
        <p>Nothing.</p>
      ) : (
        <ul>
          {d.effects.map((effect, i) => (
            <li key={i}>{effect}</li>
          ))}
        </ul>
      )}
      {d.can.reprocess && (
        <>
          <p className="hint">Once whatever stopped it is fixed, it can be processed again, once.</p>
          <Button disabled={busy} onClick={reprocess}>
            {busy ? "Processing…" : "Process again"}
          </Button>
        </>
      )}
      {d.body && (
        <>
          <h2>Payload</h2>
          <pre className="payload" tabIndex={0} aria-label="The payload as received">
            {pretty(d.body)}
          </pre>
        </>
      )}
    </Page>
  );
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
