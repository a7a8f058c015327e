import type { MeetingAction, MeetingDetail } from "../../api/client";
import { formatDateTime, MEETING_WORDS } from "../../lib/labels";
import { ActionList } from "./ActionList";
import { ReviewedTargets } from "./TargetReviews";

export function RecordView({
  record,
  meeting,
  canTick,
  onUpdated,
  onError,
}: {
  record: NonNullable<MeetingDetail["record"]>;
  meeting: MeetingDetail;
  canTick: boolean;
  onUpdated: (a: MeetingAction) => void;
  onError: (text: string) => void;
}) {
  const writer =
    record.recorded_by === meeting.mentor.id ? meeting.mentor.full_name : record.recorded_by === meeting.mentee.id ? meeting.mentee.full_name : "the record keeper";
  return (
    <>
      <p className="hint">
        Written by {writer} on {formatDateTime(record.recorded_at)}
        {record.updated_at ? `, last changed ${formatDateTime(record.updated_at)}` : ""}.
      </p>
      <dl className="summary-list summary-list--wide">
        <dt>Meeting</dt>
        <dd>{meeting.status === "missed" ? MEETING_WORDS.didNotTakePlace.label : "Held"}</dd>
        <dt>Notes</dt>
        <dd className="prose">{record.notes || "None"}</dd>
        <dt>Targets reviewed</dt>
        <dd>
          <ReviewedTargets meetingId={meeting.id} />
        </dd>
        {record.targets_reviewed && (
          <>
            <dt>Notes on targets</dt>
            <dd className="prose">{record.targets_reviewed}</dd>
          </>
        )}
        <dt>Wellbeing and workload</dt>
        <dd>{record.wellbeing_discussed ? "Discussed" : "Not discussed"}</dd>
      </dl>
      <h3>Actions agreed</h3>
      {record.actions.length === 0 ? <p>No actions.</p> : <ActionList actions={record.actions} canTick={canTick} onUpdated={onUpdated} onError={onError} />}
    </>
  );
}
