/** Meetings still scheduled on a day the school is closed: each moves to another day of its week, or the lead lets them go. */
import { useState } from "react";
import { Link } from "react-router";
import { api, MAX_PAGE, unwrap, type Meeting } from "../../api/client";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { Button } from "../../components/forms";
import { plural } from "../../components/Meetings";
import { Notice, type Message } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { MEETING_WORDS } from "../../lib/labels";
import { formatSpan } from "../../lib/time";

export function ClosureMeetings({ schoolId, version, canLetGo }: { schoolId: string; version: number; canLetGo: boolean }) {
  const list = useLoad(
    () => unwrap(api.GET("/api/v1/meetings", { params: { query: { school_id: schoolId, on_closure_day: true, limit: MAX_PAGE } } })),
    [schoolId, version],
  );
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const meetings: Meeting[] = list.data?.items ?? [];

  async function letGo() {
    setBusy(true);
    try {
      const result = await unwrap(
        api.POST("/api/v1/schools/{school_id}/closure-meetings/let-go", {
          params: { path: { school_id: schoolId } },
          body: { meeting_ids: meetings.map((m) => m.id) },
        }),
      );
      setMessage({ kind: "success", text: `${plural(result.changed.length, "meeting")} let go: ${MEETING_WORDS.schoolClosed.explain}` });
      list.reload();
    } catch (e) {
      setMessage({ kind: "error", text: e instanceof Error ? e.message : "Letting the meetings go did not work." });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  if (list.error) return <Notice kind="error">{list.error}</Notice>;
  if (meetings.length === 0) return message ? <Notice kind={message.kind}>{message.text}</Notice> : null;
  const count = plural(meetings.length, "meeting");
  return (
    <section className="section panel" aria-labelledby="closure-meetings-heading">
      <h2 id="closure-meetings-heading">Meetings on closure days ({meetings.length})</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <p role="status">
        {meetings.length === 1 ? "1 meeting is" : `${meetings.length} meetings are`} still planned on a day the school is closed. Open a meeting to
        move it to another day of its week, or let {meetings.length === 1 ? "it" : "them"} go: {MEETING_WORDS.schoolClosed.explain.toLowerCase()}
      </p>
      <DataTable
        caption="Meetings on closure days"
        rows={meetings}
        rowKey={(m) => m.id}
        columns={[
          { header: "When", cell: (m) => <Link to={`/meetings/${m.id}`}>{formatSpan(m.starts_at, m.ends_at)}</Link> },
          { header: "Mentor and mentee", cell: (m) => `${m.mentor.full_name} and ${m.mentee.full_name}` },
          { header: "Closure", cell: (m) => m.closed_day },
        ]}
      />
      {canLetGo && (
        <div className="button-row">
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Let {meetings.length === 1 ? "it" : `these ${meetings.length} meetings`} go
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Let ${count} go?`}
        confirmLabel={`Let ${count} go`}
        busy={busy}
        onConfirm={letGo}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {meetings.length === 1 ? "It is" : "They are"} cancelled as "{MEETING_WORDS.schoolClosed.label}" and count against nobody. Meetings you still
          want to hold this week, move first from their own page.
        </p>
      </ConfirmDialog>
    </section>
  );
}
