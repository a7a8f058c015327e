/** One cover request: the course, the person, and the lead's decision with a note. */
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import { Button, Radios, TextArea } from "../components/forms";
import { LoadFailed, Loading, Notice, Page, type Message } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { formatDateTime } from "../lib/labels";
import { COVER_WORDS, whenOf } from "../lib/training";

export function CoverRequestPage() {
  const { coverId = "" } = useParams();
  const load = useLoad(() => unwrap(api.GET("/api/v1/training/cover-requests/{cover_request_id}", { params: { path: { cover_request_id: coverId } } })), [coverId]);
  const [decision, setDecision] = useState("approved");
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<Message | null>(null);
  if (load.error && !load.data) return <LoadFailed title="Cover request" error={load.error} backTo="/training/cover" back="Back to cover requests" />;
  if (!load.data) return <Loading what="Loading the cover request" />;
  const c = load.data;

  async function decide(event: React.FormEvent) {
    event.preventDefault();
    try {
      load.setData(
        await unwrap(
          api.PUT("/api/v1/training/cover-requests/{cover_request_id}/decision", {
            params: { path: { cover_request_id: c.id } },
            body: { decision: decision as "approved" | "declined", note: note.trim() },
          }),
        ),
      );
      setMessage({ kind: "success", text: decision === "approved" ? "Release approved: it shows on their week." : "Release declined." });
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
      document.getElementById("field-note")?.focus();
    }
  }

  return (
    <Page title={`Cover for ${c.person.full_name}`} lead={`To attend "${c.title}", ${whenOf({ kind: "course_date", starts_at: c.starts_at, ends_at: c.ends_at, due_at: null })}.`}>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <dl className="details">
        <dt>Status</dt>
        <dd>{COVER_WORDS[c.status]}</dd>
        <dt>Where</dt>
        <dd>{c.location || "Not given"}</dd>
        {c.decided_by && (
          <>
            <dt>Decided by</dt>
            <dd>
              {c.decided_by.full_name}, {formatDateTime(c.decided_at)}
            </dd>
          </>
        )}
        {c.decision_note && (
          <>
            <dt>Note</dt>
            <dd>{c.decision_note}</dd>
          </>
        )}
      </dl>
      {c.can.decide && (
        <section className="section" aria-labelledby="decide-heading">
          <h2 id="decide-heading">Decide</h2>
          <form className="form" onSubmit={decide} aria-labelledby="decide-heading">
            <Radios legend="Release them for the course?" name="decision" value={decision} onChange={setDecision} options={[{ value: "approved", label: "Approve: arrange cover" }, { value: "declined", label: "Decline" }]} />
            <TextArea label={decision === "declined" ? "Why not" : "Note (optional)"} hint="They read it." name="note" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
            <Button type="submit">{decision === "approved" ? "Approve release" : "Decline release"}</Button>
          </form>
        </section>
      )}
      <p>
        <Link to={`/training/items/${c.item_id}`}>The course date</Link> · <Link to="/training/cover">Back to cover requests</Link>
      </p>
    </Page>
  );
}
