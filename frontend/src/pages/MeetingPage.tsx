import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap, type MeetingAction, type MeetingDetail } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { LoadFailed, Loading, Notice, Page, type Message } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { MEETING_WORDS } from "../lib/labels";
import { formatDay, formatTime } from "../lib/time";
import { AgendaSection } from "./meeting/AgendaSection";
import { ChangeMeeting } from "./meeting/ChangeMeeting";
import { MeetingSummary } from "./meeting/MeetingSummary";
import { RecordSection } from "./meeting/RecordSection";

export function MeetingPage() {
  const { meetingId = "" } = useParams();
  const meeting = useLoad(() => unwrap(api.GET("/api/v1/meetings/{meeting_id}", { params: { path: { meeting_id: meetingId } } })), [meetingId]);
  if (meeting.error) return <LoadFailed title="Meeting not found" error={meeting.error} />;
  if (!meeting.data) return <Loading what="Loading the meeting" />;
  return <MeetingView key={meeting.data.id} meeting={meeting.data} onChange={meeting.setData} reload={meeting.reload} />;
}

function MeetingView({ meeting, onChange, reload }: { meeting: MeetingDetail; onChange: (m: MeetingDetail) => void; reload: () => void }) {
  const { me } = useAuth();
  const [message, setMessage] = useState<Message | null>(null);
  // What each person may do comes from the server (`can`), which enforces the same rules.
  const { can } = meeting;
  const inPair = me?.id === meeting.mentor.id || me?.id === meeting.mentee.id;
  const showError = (text: string) => setMessage({ kind: "error", text });

  /** A ticked action shows at once wherever it is listed. */
  function updateAction(updated: MeetingAction) {
    const swap = (list: MeetingAction[]) => list.map((a) => (a.id === updated.id ? updated : a));
    onChange({
      ...meeting,
      carried_actions: swap(meeting.carried_actions),
      record: meeting.record ? { ...meeting.record, actions: swap(meeting.record.actions) } : null,
    });
  }

  function changed(text: string) {
    setMessage({ kind: "success", text });
    reload();
    // The form goes away with the change: focus returns to the top, where the message is.
    document.querySelector<HTMLElement>("main h1")?.focus();
  }

  return (
    <Page title={`Meeting on ${formatDay(meeting.starts_at)}`} lead={`${formatTime(meeting.starts_at)}–${formatTime(meeting.ends_at)} · ${meeting.location}`}>
      <p>
        <Link to={`/pairings/${meeting.pairing_id}`}>Back to the pairing</Link>
        {inPair && (
          <>
            {" "}
            · <Link to="/my-week">My week</Link>
          </>
        )}
      </p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {meeting.status === "scheduled" && meeting.closed_day && (
        <Notice>
          The school is closed that day ({meeting.closed_day}). Move the meeting to another day of its week below, or a school lead lets it go
          from the school's term dates: {MEETING_WORDS.schoolClosed.explain.toLowerCase()}
        </Notice>
      )}
      <MeetingSummary meeting={meeting} />
      <AgendaSection meeting={meeting} onChange={onChange} onActionUpdated={updateAction} onError={showError} />
      {can.cancel && <ChangeMeeting key={`${meeting.starts_at}-${meeting.status}`} meeting={meeting} onChanged={changed} />}
      <RecordSection
        meeting={meeting}
        meId={me?.id}
        onChange={onChange}
        onSaved={() => setMessage({ kind: "success", text: "The record has been saved." })}
        onActionUpdated={updateAction}
        onError={showError}
      />
    </Page>
  );
}
