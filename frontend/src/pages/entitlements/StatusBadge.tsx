/** A compliance status: its word always, its colour and a mark as extra signals, never alone. */
import { statusLabel } from "../../lib/entitlements";

const MARKS: Record<string, string> = { met: "✓", on_track: "→", at_risk: "!", missed: "✗", not_owed: "–", not_measured: "?" };

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`ent-status ent-status--${status}`}>
      <span aria-hidden="true">{MARKS[status] ?? ""} </span>
      {statusLabel(status)}
    </span>
  );
}
