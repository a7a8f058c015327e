/** One supervision session: when and where, whether it was held, and the private note (for the lead who holds it and the mentor); the lead records it. */
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import { Button, Radios, TextArea, TextField } from "../components/forms";
import { LoadFailed, Loading, Notice, Page, type Message } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { formatDate, formatDateTime } from "../lib/labels";
import { SUPERVISION_STATUS } from "./SupervisionPage";

export function SupervisionSessionPage() {
  const { supervisionId = "" } = useParams();
  const load = useLoad(() => unwrap(api.GET("/api/v1/supervision/sessions/{supervision_id}", { params: { path: { supervision_id: supervisionId } } })), [supervisionId]);
  const [held, setHeld] = useState("yes");
  const [heldOn, setHeldOn] = useState("");
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<Message | null>(null);
  if (load.error && !load.data) return <LoadFailed title="Supervision" error={load.error} backTo="/supervision" back="Back to supervision" />;
  if (!load.data) return <Loading what="Loading the session" />;
  const s = load.data;

  async function record(event: React.FormEvent) {
    event.preventDefault();
    try {
      const body = held === "yes" ? { held: true, held_on: heldOn || null, not_held_reason: "", supervision_note: note.trim() } : { held: false, not_held_reason: reason.trim(), supervision_note: note.trim() };
      load.setData(await unwrap(api.PUT("/api/v1/supervision/sessions/{supervision_id}/record", { params: { path: { supervision_id: s.id } }, body })));
      setMessage({ kind: "success", text: "Recorded." });
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    }
  }

  return (
    <Page title={`Supervision with ${s.mentor.full_name}`} lead={`${formatDateTime(s.starts_at)}${s.location ? `, ${s.location}` : ""}, with ${s.supervisor.full_name}.`}>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <dl className="details">
        <dt>Status</dt>
        <dd>{s.status === "held" && s.held_on ? `Held on ${formatDate(s.held_on)}` : SUPERVISION_STATUS[s.status]}</dd>
        {s.not_held_reason && (
          <>
            <dt>Why not</dt>
            <dd>{s.not_held_reason}</dd>
          </>
        )}
        {s.note_shown && s.status !== "scheduled" && (
          <>
            <dt>Private note</dt>
            <dd>{s.supervision_note || "None"}</dd>
          </>
        )}
      </dl>
      {s.can.record && (
        <section className="section" aria-labelledby="record-heading">
          <h2 id="record-heading">Record the session</h2>
          <form className="form" onSubmit={record} aria-labelledby="record-heading">
            <Radios legend="Did it take place?" name="held" value={held} onChange={setHeld} options={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]} />
            {held === "yes" ? (
              <TextField label="Held on (if not the day it was scheduled for)" type="date" name="held_on" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
            ) : (
              <TextField label="Why not (optional)" name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            )}
            <TextArea id="field-supervision-note" label="Private note (optional)" hint="Read only by you and the mentor." name="note" maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} />
            <Button type="submit">Record</Button>
          </form>
        </section>
      )}
      <p>
        <Link to="/supervision">Back to supervision</Link>
      </p>
    </Page>
  );
}
