import { useState } from "react";
import type { MeetingAction, MeetingDetail } from "../../api/client";
import { Button } from "../../components/forms";
import { RecordForm } from "./RecordForm";
import { RecordView } from "./RecordView";

/** The record as written, its form for the record keeper, or why there is none to see. */
export function RecordSection({
  meeting,
  meId,
  onChange,
  onSaved,
  onActionUpdated,
  onError,
}: {
  meeting: MeetingDetail;
  meId: string | undefined;
  onChange: (m: MeetingDetail) => void;
  onSaved: () => void;
  onActionUpdated: (a: MeetingAction) => void;
  onError: (text: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const canRecord = meeting.can.record;

  /** Closing the form puts focus on the section's heading, where the reader is. */
  function close() {
    setEditing(false);
    document.getElementById("record-heading")?.focus();
  }

  return (
    <section className="section" aria-labelledby="record-heading">
      <h2 id="record-heading" tabIndex={-1}>
        Record
      </h2>
      {meeting.record && !editing && (
        <>
          <RecordView record={meeting.record} meeting={meeting} canTick={meeting.can.tick_actions} onUpdated={onActionUpdated} onError={onError} />
          {canRecord && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Change the record
            </Button>
          )}
        </>
      )}
      {!meeting.record && meeting.has_record && <p>This meeting has been recorded. The record stays with the pair and their school leads.</p>}
      {!meeting.record && !meeting.has_record && !canRecord && (
        <p>
          {meeting.status === "cancelled"
            ? "This meeting did not happen, so it has no record."
            : `No record yet. ${meeting.record_keeper.full_name} writes it once the meeting has started.`}
        </p>
      )}
      {canRecord && (editing || !meeting.record) && (
        <RecordForm
          meeting={meeting}
          meId={meId}
          onSaved={(saved) => {
            onChange(saved);
            onSaved();
            close();
          }}
          onCancel={meeting.record ? close : undefined}
        />
      )}
    </section>
  );
}
