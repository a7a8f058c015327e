import { useState } from "react";
import { api, unwrap, type MeetingAction } from "../../api/client";
import { formatDate } from "../../lib/labels";
import { formatShortDate } from "../../lib/time";

function actionText(action: MeetingAction, withWeek = false): string {
  const from = withWeek ? `, from the meeting of ${formatShortDate(action.meeting_date)}` : "";
  return `${action.text} (${action.owner.full_name}${action.due_on ? `, by ${formatDate(action.due_on)}` : ""}${from})`;
}

/** A meeting's actions: boxes to tick for those who may, a plain list with Done or Open for the rest. */
export function ActionList({
  actions,
  withWeek = false,
  canTick,
  onUpdated,
  onError,
}: {
  actions: MeetingAction[];
  /** Name the meeting that agreed each action (for actions carried from earlier meetings). */
  withWeek?: boolean;
  canTick: boolean;
  onUpdated: (a: MeetingAction) => void;
  onError: (text: string) => void;
}) {
  // Ticks show at once; a failed save puts the box back and says so.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [status, setStatus] = useState("");

  async function toggle(action: MeetingAction, done: boolean) {
    setPending((p) => ({ ...p, [action.id]: done }));
    try {
      const updated = await unwrap(api.PATCH("/api/v1/meeting-actions/{action_id}", { params: { path: { action_id: action.id } }, body: { done } }));
      onUpdated(updated);
      setStatus(`${updated.text}: marked ${updated.done ? "done" : "not done"}.`);
    } catch (e) {
      onError(e instanceof Error ? e.message : "That did not work.");
    } finally {
      setPending(({ [action.id]: _, ...rest }) => rest);
    }
  }

  if (!canTick) {
    return (
      <ul className="item-list">
        {actions.map((action) => (
          <li key={action.id}>
            {actionText(action, withWeek)} <span className={`status ${action.done ? "status--active" : "status--muted"}`}>{action.done ? "Done" : "Open"}</span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <>
      <ul className="item-list item-list--checks">
        {actions.map((action) => (
          <li key={action.id} className="checkbox">
            <input
              id={`action-${action.id}`}
              type="checkbox"
              checked={pending[action.id] ?? action.done}
              onChange={(e) => toggle(action, e.target.checked)}
            />
            <label htmlFor={`action-${action.id}`}>
              {actionText(action, withWeek)}
              <span className="visually-hidden">{action.done ? ", done" : ", not done"}</span>
            </label>
          </li>
        ))}
      </ul>
      <p role="status" className="hint">
        {status}
      </p>
    </>
  );
}
