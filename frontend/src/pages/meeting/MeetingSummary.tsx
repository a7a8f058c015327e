import type { MeetingDetail } from "../../api/client";
import { Badges } from "../../components/Meetings";
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
          <dt>{meeting.lost ? "Why it was lost" : meeting.status === "cancelled" ? "Why it was cancelled" : "Why it was moved"}</dt>
          <dd>{meeting.change_reason}</dd>
        </>
      )}
      <dt>Record keeper</dt>
      <dd>{meeting.record_keeper.full_name}</dd>
    </dl>
  );
}
