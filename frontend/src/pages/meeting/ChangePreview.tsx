import type { Ref } from "react";
import { Button } from "../../components/forms";
import { ClashTable } from "../../components/Meetings";
import { Notice } from "../../components/Page";
import { formatWhen } from "../../lib/time";
import type { CancelResult } from "./changeRules";

/** What a check found: each meeting that would change, any clashes, and the button that confirms. */
export function ChangePreview({
  result,
  fresh,
  moving,
  busy,
  headingRef,
  onConfirm,
}: {
  result: CancelResult;
  /** The check is of the details as they are now; only then can it be confirmed. */
  fresh: boolean;
  moving: boolean;
  busy: boolean;
  headingRef: Ref<HTMLHeadingElement>;
  onConfirm: () => void;
}) {
  const count = result.changed.length;
  return (
    <div className="result" role="region" aria-labelledby="change-result-heading">
      <h3 id="change-result-heading" ref={headingRef} tabIndex={-1}>
        {result.clashes.length > 0 ? "The new time clashes" : "Ready to confirm"}
      </h3>
      {!fresh && <Notice>You have changed the details since this check. Check again before confirming.</Notice>}
      <ul className="item-list">
        {result.changed.map((change) => (
          <li key={change.meeting_id}>
            {change.new_starts_at
              ? `${formatWhen(change.starts_at)} moves to ${formatWhen(change.new_starts_at)}`
              : `${formatWhen(change.starts_at)} will be called off`}
          </li>
        ))}
      </ul>
      {result.clashes.length > 0 ? (
        <>
          <p>Choose another time, then check again. These are the clashes:</p>
          <ClashTable clashes={result.clashes} caption="Clashes with the new time" />
        </>
      ) : (
        <>
          {result.changed.some((c) => c.new_starts_at) && <p>No clashes: neither of you has anything else booked then.</p>}
          {fresh && (
            <Button variant={moving ? "primary" : "danger"} onClick={onConfirm} disabled={busy}>
              {moving ? (count > 1 ? `Move ${count} meetings` : "Move the meeting") : count > 1 ? `Call off ${count} meetings` : "Call it off"}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
