import type { PairingDetail } from "../../api/client";
import { Badges } from "../../components/Meetings";
import { formatDate } from "../../lib/labels";
import { KIND_LABELS, PAIRING_STATE, type PairingState } from "../../lib/mentoring";

/** Who is paired, how, and for how long. */
export function PairingSummary({ pairing, state }: { pairing: PairingDetail; state: PairingState }) {
  return (
    <dl className="summary-list">
      <dt>Mentor</dt>
      <dd>{pairing.mentor.full_name}</dd>
      <dt>Mentee</dt>
      <dd>{pairing.mentee.full_name}</dd>
      <dt>Kind</dt>
      <dd>{KIND_LABELS[pairing.kind]}</dd>
      <dt>Dates</dt>
      <dd>
        {formatDate(pairing.starts_on)} to {formatDate(pairing.ends_on)} <Badges badges={[PAIRING_STATE[state]]} />
      </dd>
      {pairing.ended_early_reason && (
        <>
          <dt>Ended early</dt>
          <dd>{pairing.ended_early_reason}</dd>
        </>
      )}
    </dl>
  );
}
