import type { MeetingDetail } from "../../api/client";
import { Badges } from "../../components/Meetings";
import { MEETING_WORDS } from "../../lib/labels";
import { meetingBadges } from "../../lib/mentoring";
import { formatLongDay, formatTime, formatWhen } from "../../lib/time";

/** When, where, who and how the meeting stands. */
export function MeetingSummary({ meeting }: { meeting: MeetingDetail }) {
  return (
    <dl className="summary-list">
      <dt>When</dt>
      <dd>
        {formatLongDay(meeting.starts_at)}, {formatTime(meeting.starts_at)} to {formatTime(meeting.ends_at)} (school time)
      </dd>
      <dt>Where</dt>
      <dd>{meeting.location}</dd>
      <dt>Mentor</dt>
      <dd>{meeting.mentor.full_name}</dd>
      <dt>Mentee</dt>
      <dd>{meeting.mentee.full_name}</dd>
      <dt>Status</dt>
      <dd>
        <Badges badges={meetingBadges(meeting)} />
      </dd>
      {meeting.moved_from && (
        <>
          <dt>Moved from</dt>
          <dd>{formatWhen(meeting.moved_from)}</dd>
        </>
      )}
      {meeting.change_reason && (
        <>
          <dt>{meeting.lost ? "Why it was called off" : meeting.status === "cancelled" ? "Why it was cancelled" : "Why it was moved"}</dt>
          <dd>{meeting.change_reason}</dd>
        </>
      )}
      {meetingExplanation(meeting) && (
        <>
          <dt>What this means</dt>
          <dd>{meetingExplanation(meeting)}</dd>
        </>
      )}
      <dt>Record keeper</dt>
      <dd>{meeting.record_keeper.full_name}</dd>
    </dl>
  );
}

/** The one line that explains a meeting that did not happen, in the words its badge uses. */
function meetingExplanation(meeting: MeetingDetail): string | null {
  if (meeting.status === "missed") return MEETING_WORDS.didNotTakePlace.explain;
  if (meeting.status !== "cancelled") return null;
  if (meeting.cancel_reason === "school_closed") return MEETING_WORDS.schoolClosed.explain;
  if (meeting.cancel_reason === "pairing_ended") return MEETING_WORDS.pairingEnded.explain;
  return meeting.lost ? MEETING_WORDS.calledOff.explain : null;
}
