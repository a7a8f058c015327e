/** Targets: the ones you work towards, set or review (with their status and evidence), and the school's board without names. */
import { useState } from "react";
import { Link } from "react-router";
import { api, MAX_PAGE, unwrap, type Target, type TargetStatus } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { DataTable } from "../components/DataTable";
import { Button, SelectField, TextArea } from "../components/forms";
import { Loaded, Notice, Page } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { formatDate, labelChoices } from "../lib/labels";
import { standardsText, TARGET_STATUS_LABELS } from "../lib/observations";

export function TargetsPage() {
  const { currentSchool } = useAuth();
  const mine = useLoad(() => unwrap(api.GET("/api/v1/targets", { params: { query: { limit: 100 } } })), []);
  const browses = currentSchool ? currentSchool.roles.some((r) => r === "mentor" || r === "school_lead") : false;
  return (
    <Page title="Targets" lead="Targets set from observations and meeting records.">
      <section className="section" aria-labelledby="mine-heading">
        <h2 id="mine-heading">Targets you work on or review</h2>
        <Loaded load={mine} what="Loading targets">
          {(page) => (page.items.length === 0 ? <p>No targets yet.</p> : <ul className="cards">{page.items.map((t) => <TargetCard key={t.id} target={t} />)}</ul>)}
        </Loaded>
      </section>
      {browses && currentSchool && <Board schoolId={currentSchool.schoolId} schoolName={currentSchool.schoolName} />}
    </Page>
  );
}

function TargetCard({ target }: { target: Target }) {
  const [current, setCurrent] = useState(target);
  const [status, setStatus] = useState<TargetStatus>(target.status);
  const [evidence, setEvidence] = useState(target.evidence);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `target-${target.id}`;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await unwrap(api.PATCH("/api/v1/targets/{target_id}", { params: { path: { target_id: target.id } }, body: { status, evidence: evidence.trim() } }));
      setCurrent(saved);
      setMessage({ kind: "success", text: "Saved." });
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="card">
      <h3 id={`${id}-heading`}>{current.text}</h3>
      <p>
        {current.mentee.full_name} · due {formatDate(current.due_on)} · {standardsText(current.standards)} ·{" "}
        {current.source_type === "observation" ? <Link to={`/observations/${current.source_id}`}>from an observation</Link> : <Link to={`/meetings/${current.source_id}`}>from a meeting</Link>}
      </p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <form onSubmit={save} className="form" aria-labelledby={`${id}-heading`}>
        <SelectField id={`${id}-status`} label="Status" name="status" value={status} onChange={(e) => setStatus(e.target.value as TargetStatus)} options={labelChoices(Object.keys(TARGET_STATUS_LABELS) as TargetStatus[], TARGET_STATUS_LABELS)} />
        <TextArea id={`${id}-evidence`} label="Evidence" name="evidence" rows={2} maxLength={10000} value={evidence} onChange={(e) => setEvidence(e.target.value)} />
        <Button type="submit" variant="secondary" disabled={busy}>
          Save
        </Button>
      </form>
    </li>
  );
}

function Board({ schoolId, schoolName }: { schoolId: string; schoolName: string }) {
  const board = useLoad(
    () => unwrap(api.GET("/api/v1/schools/{school_id}/target-board", { params: { path: { school_id: schoolId }, query: { limit: MAX_PAGE } } })),
    [schoolId],
  );
  return (
    <section className="section" aria-labelledby="board-heading">
      <h2 id="board-heading">Targets board: {schoolName}</h2>
      <p>The targets set in your school, newest first, without names: to learn from each other.</p>
      <Loaded load={board} what="Loading the board">
        {(page) => (
          <DataTable
            caption={page.total > page.items.length ? `The newest ${page.items.length} of ${page.total} targets set at ${schoolName}` : `Targets set at ${schoolName}`}
            rows={page.items}
            rowKey={(_, index) => String(index)}
            empty="No targets have been set yet."
            columns={[
              { header: "Target", cell: (t) => t.text },
              { header: "Standards", cell: (t) => standardsText(t.standards) },
              { header: "Set", cell: (t) => `${formatDate(t.set_on)}, from ${t.source_type === "observation" ? "an observation" : "a meeting"}` },
              { header: "Due", cell: (t) => formatDate(t.due_on) },
              { header: "Status", cell: (t) => TARGET_STATUS_LABELS[t.status] },
            ]}
          />
        )}
      </Loaded>
    </section>
  );
}
