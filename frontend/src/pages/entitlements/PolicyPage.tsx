/** One policy version: its items, its approval history, and what the person may do with it now,
 * as the API's `can` flags say: edit and submit a draft, record the board's decision with its
 * note, retire it, start a new version from a date, adopt an approved one for a school. */
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap, type Schemas } from "../../api/client";
import { DataTable } from "../../components/DataTable";
import { Button, Checkbox, SelectField, TextArea, TextField } from "../../components/forms";
import { Loaded, LocationNotice, Notice, Page, type Message } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { formatDate, formatDateTime } from "../../lib/labels";
import { amount, AUDIENCE_LABELS, categoryLabel, PERIOD_LABELS, POLICY_STATUS_LABELS } from "../../lib/entitlements";

type Detail = Schemas["PolicyDetail"];
type ItemInput = Schemas["ItemInput"];
type Period = Schemas["Period"];

function errorText(e: unknown, fallback: string): string {
  return e instanceof Error ? e.message : fallback;
}

export function PolicyPage() {
  const { policyId = "" } = useParams();
  const load = useLoad(() => unwrap(api.GET("/api/v1/entitlements/policies/{policy_id}", { params: { path: { policy_id: policyId } } })), [policyId]);
  const [message, setMessage] = useState<Message | null>(null);
  const title = load.data ? `${load.data.name}, version ${load.data.version}` : "Entitlement policy";

  async function act(run: () => Promise<Detail>, done: string) {
    setMessage(null);
    try {
      const next = await run();
      load.setData(next);
      setMessage({ kind: "success", text: done });
    } catch (e) {
      setMessage({ kind: "error", text: errorText(e, "That did not work.") });
    }
  }

  return (
    <Page title={title}>
      <p>
        <Link to="/entitlements/policies">Back to the policies</Link>
      </p>
      <LocationNotice />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <Loaded load={load} what="Loading the policy">
        {(policy) => <PolicyBody policy={policy} act={act} />}
      </Loaded>
    </Page>
  );
}

type Act = (run: () => Promise<Detail>, done: string) => Promise<void>;

function PolicyBody({ policy, act }: { policy: Detail; act: Act }) {
  const path = { params: { path: { policy_id: policy.id } } };
  return (
    <>
      <dl className="facts">
        <dt>For</dt>
        <dd>{AUDIENCE_LABELS[policy.audience]}</dd>
        <dt>Status</dt>
        <dd>
          <span className="status status--info">{POLICY_STATUS_LABELS[policy.status]}</span>
        </dd>
        <dt>Takes effect</dt>
        <dd>{policy.effective_from ? formatDate(policy.effective_from) : "On approval"}</dd>
        {policy.submitted_by && (
          <>
            <dt>Submitted</dt>
            <dd>
              {policy.submitted_by.full_name}, {formatDateTime(policy.submitted_at)}
            </dd>
          </>
        )}
        {policy.decided_by && (
          <>
            <dt>{policy.status === "rejected" ? "Rejected" : "Decided"}</dt>
            <dd>
              Recorded by {policy.decided_by.full_name}, {formatDateTime(policy.decided_at)}: “{policy.decision_note}”
            </dd>
          </>
        )}
        {policy.retired_at && (
          <>
            <dt>Retired</dt>
            <dd>{formatDateTime(policy.retired_at)}</dd>
          </>
        )}
      </dl>
      {policy.can.edit ? (
        <ItemsEditor key={policy.id + policy.items.length} policy={policy} act={act} />
      ) : (
        <section className="section" aria-labelledby="items-heading">
          <h2 id="items-heading">Items</h2>
          <ItemsTable items={policy.items} />
        </section>
      )}
      {policy.can.submit && (
        <section className="section" aria-labelledby="submit-heading">
          <h2 id="submit-heading">Submit to the board</h2>
          <p>Once submitted, the draft waits for the headteachers' board's decision.</p>
          <div className="button-row">
            <Button onClick={() => act(() => unwrap(api.POST("/api/v1/entitlements/policies/{policy_id}/submit", path)), "Submitted to the headteachers' board.")}>Submit to the board</Button>
          </div>
        </section>
      )}
      {policy.can.decide && <Decision policy={policy} act={act} />}
      {policy.can.revise && <Revise policy={policy} act={act} />}
      {policy.can.retire && (
        <section className="section" aria-labelledby="retire-heading">
          <h2 id="retire-heading">Retire</h2>
          <p>Schools following this version follow nothing after today.</p>
          <div className="button-row">
            <Button variant="secondary" onClick={() => act(() => unwrap(api.POST("/api/v1/entitlements/policies/{policy_id}/retire", path)), "The version is retired.")}>
              Retire this version
            </Button>
          </div>
        </section>
      )}
      {policy.can.adopt && <Adopt key={policy.adopt_for.map((s) => s.id).join()} policy={policy} />}
    </>
  );
}

function ItemsTable({ items }: { items: Detail["items"] }) {
  return (
    <DataTable
      caption="The policy's items"
      rows={items}
      rowKey={(i) => i.id}
      empty="No items."
      columns={[
        { header: "Item", cell: (i) => categoryLabel(i.category) },
        { header: "Promise", cell: (i) => i.promise },
        { header: "Measured by", cell: (i) => (i.measured ? i.measure_label : `${i.measure_label} (not measured yet)`) },
        { header: "Target", cell: (i) => `${amount(i.target, i.unit)} ${PERIOD_LABELS[i.period]}${i.pro_rata ? " (pro rata)" : ""}` },
      ]}
    />
  );
}

function ItemsEditor({ policy, act }: { policy: Detail; act: Act }) {
  const catalogue = useLoad(() => unwrap(api.GET("/api/v1/entitlements/catalogue")), []);
  const [name, setName] = useState(policy.name);
  const [from, setFrom] = useState(policy.effective_from ?? "");
  const [items, setItems] = useState<ItemInput[]>(policy.items.map(({ category, promise, measure, target, period, pro_rata }) => ({ category, promise, measure, target, period, pro_rata })));
  const categories = catalogue.data?.categories[policy.audience] ?? [];
  const measures = catalogue.data?.measures ?? [];
  const change = (index: number, patch: Partial<ItemInput>) => setItems(items.map((it, i) => (i === index ? { ...it, ...patch } : it)));

  function save(event: React.FormEvent) {
    event.preventDefault();
    void act(() => unwrap(api.PATCH("/api/v1/entitlements/policies/{policy_id}", { params: { path: { policy_id: policy.id } }, body: { name, items, effective_from: from || null } })), "The draft is saved.");
  }

  return (
    <section className="section" aria-labelledby="items-heading">
      <h2 id="items-heading">Edit the draft</h2>
      <form onSubmit={save} noValidate aria-labelledby="items-heading">
        <TextField label="Name" name="policy-name" value={name} onChange={(e) => setName(e.target.value)} />
        {policy.supersedes_id && <TextField type="date" label="Supersedes the current version from" name="policy-from" value={from} onChange={(e) => setFrom(e.target.value)} />}
        <ol className="ent-items">
          {items.map((item, index) => (
            <li key={index} className="card">
              <fieldset>
                <legend>
                  Item {index + 1}: {categoryLabel(item.category)}
                </legend>
                <TextArea label="Promise" name={`promise-${index}`} value={item.promise} onChange={(e) => change(index, { promise: e.target.value })} />
                <TextField type="number" label="Target" name={`target-${index}`} min={0} step="any" value={String(item.target)} onChange={(e) => change(index, { target: Number(e.target.value) })} hint={measures.find((m) => m.name === item.measure)?.label} />
                <SelectField label="Period" name={`period-${index}`} value={item.period} onChange={(e) => change(index, { period: e.target.value as Period })} options={(Object.keys(PERIOD_LABELS) as Period[]).map((p) => ({ value: p, label: PERIOD_LABELS[p] }))} />
                <Checkbox label="Pro rata for part-time staff" name={`pro-rata-${index}`} checked={item.pro_rata ?? false} onChange={(e) => change(index, { pro_rata: e.target.checked })} />
                <div className="button-row">
                  <Button variant="secondary" onClick={() => setItems(items.filter((_, i) => i !== index))}>
                    Remove item {index + 1}
                  </Button>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        {categories.length > 0 && measures.length > 0 && (
          <div className="button-row">
            <Button variant="secondary" onClick={() => setItems([...items, { category: categories[0], promise: "Describe the promise", measure: measures[0].name, target: 1, period: "term", pro_rata: false }])}>
              Add an item
            </Button>
          </div>
        )}
        <div className="button-row">
          <Button type="submit">Save the draft</Button>
        </div>
      </form>
    </section>
  );
}

function Decision({ policy, act }: { policy: Detail; act: Act }) {
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | undefined>();
  function decide(approve: boolean) {
    if (!note.trim()) {
      setError("Write the board's note: when it met and what it decided.");
      return;
    }
    setError(undefined);
    void act(
      () => unwrap(api.POST("/api/v1/entitlements/policies/{policy_id}/decision", { params: { path: { policy_id: policy.id } }, body: { approve, note: note.trim() } })),
      approve ? "Approved: schools can adopt this version." : "Rejected: the draft can be changed and submitted again.",
    );
  }
  return (
    <section className="section" aria-labelledby="decision-heading">
      <h2 id="decision-heading">The board's decision</h2>
      <p>Record what the headteachers' board decided, acting for it.</p>
      <TextArea label="Board's note" name="decision-note" value={note} onChange={(e) => setNote(e.target.value)} error={error} />
      <div className="button-row">
        <Button onClick={() => decide(true)}>Approve</Button>
        <Button variant="secondary" onClick={() => decide(false)}>
          Reject
        </Button>
      </div>
    </section>
  );
}

function Revise({ policy, act }: { policy: Detail; act: Act }) {
  const [from, setFrom] = useState("");
  const [error, setError] = useState<string | undefined>();
  function revise(event: React.FormEvent) {
    event.preventDefault();
    if (!from) {
      setError("Choose the date the new version takes over.");
      return;
    }
    setError(undefined);
    void act(async () => {
      const next = await unwrap(api.POST("/api/v1/entitlements/policies/{policy_id}/versions", { params: { path: { policy_id: policy.id } }, body: { effective_from: from } }));
      window.history.replaceState(null, "", `/entitlements/policies/${next.id}`);
      return next;
    }, "A new draft version has been started.");
  }
  return (
    <section className="section" aria-labelledby="revise-heading">
      <h2 id="revise-heading">A new version</h2>
      <form onSubmit={revise} noValidate aria-labelledby="revise-heading">
        <TextField type="date" label="Supersedes this version from" name="revise-from" value={from} onChange={(e) => setFrom(e.target.value)} error={error} />
        <div className="button-row">
          <Button type="submit" variant="secondary">
            Start a new version
          </Button>
        </div>
      </form>
    </section>
  );
}

/** Adopting the version for a school that has not adopted it yet, as `adopt_for` names them. */
function Adopt({ policy }: { policy: Detail }) {
  const schools = policy.adopt_for;
  const [schoolId, setSchoolId] = useState(schools[0]?.id ?? "");
  const [from, setFrom] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<Message | null>(null);

  async function adopt(event: React.FormEvent) {
    event.preventDefault();
    if (!from) {
      setError("Choose the date the school adopts it from.");
      return;
    }
    setError(undefined);
    setMessage(null);
    try {
      await unwrap(api.POST("/api/v1/schools/{school_id}/entitlement-adoptions", { params: { path: { school_id: schoolId } }, body: { policy_id: policy.id, adopted_from: from } }));
      const school = schools.find((s) => s.id === schoolId)?.name ?? "The school";
      setMessage({ kind: "success", text: `${school} follows this version from ${formatDate(from)}.` });
    } catch (e) {
      setMessage({ kind: "error", text: errorText(e, "The policy could not be adopted.") });
    }
  }

  return (
    <section className="section" aria-labelledby="adopt-heading">
      <h2 id="adopt-heading">Adopt for a school</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <form onSubmit={adopt} noValidate aria-labelledby="adopt-heading">
        {schools.length > 1 && <SelectField label="School" name="adopt-school" value={schoolId} onChange={(e) => setSchoolId(e.target.value)} options={schools.map((s) => ({ value: s.id, label: s.name }))} />}
        <TextField type="date" label={schools.length > 1 ? "Adopted from" : `${schools[0].name} adopts it from`} name="adopt-from" value={from} onChange={(e) => setFrom(e.target.value)} error={error} />
        <div className="button-row">
          <Button type="submit">Adopt this version</Button>
        </div>
      </form>
    </section>
  );
}
