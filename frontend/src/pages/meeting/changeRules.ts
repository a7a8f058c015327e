/** The rules for cancelling or moving a meeting, and what the API is sent. */
import type { Schemas } from "../../api/client";
import { plural } from "../../components/Meetings";
import { formatDate } from "../../lib/labels";
import { addDays, formatWhen, mondayOf, wallClock, wallClockToIso } from "../../lib/time";
import { maxLength, required, validate, type Errors } from "../../lib/validation";

export type ChangeField = "reason" | "outcome" | "new_date" | "new_time" | "scope";
export type ChangeValues = Record<ChangeField, string>;
export type CancelResult = Schemas["CancelResult"];

/** The meeting's planned date and time, and the school week (Monday to Friday) it may move within. */
export interface ChangeWeek {
  start: { date: string; time: string };
  weekStart: string;
  weekEnd: string;
}

export function changeWeek(meeting: { starts_at: string; occurrence_date: string }): ChangeWeek {
  const weekStart = mondayOf(meeting.occurrence_date);
  // Protected time stays within the school week, Monday to Friday.
  return { start: wallClock(meeting.starts_at), weekStart, weekEnd: addDays(weekStart, 4) };
}

export function changeProblems(values: ChangeValues, { start, weekStart, weekEnd }: ChangeWeek): Errors {
  const errors = validate(values, {
    reason: [required("Say why the meeting cannot go ahead as planned"), maxLength(500, "The reason")],
    outcome: [required("Choose whether the meeting moves or is called off")],
  });
  if (!errors.reason && values.reason.trim().length < 3) errors.reason = "The reason must be at least 3 characters";
  if (values.outcome === "moved") {
    if (!values.new_date) errors.new_date = "Enter the new date";
    else if (values.new_date < weekStart || values.new_date > weekEnd)
      errors.new_date = `The new date must be a school day in the same week, ${formatDate(weekStart)} to ${formatDate(weekEnd)}`;
    if (!values.new_time) errors.new_time = "Enter the new time";
    if (!errors.new_date && !errors.new_time && values.new_date === start.date && values.new_time === start.time)
      errors.new_time = "Choose a different time from the one planned";
  }
  return errors;
}

export function changeBody(values: ChangeValues) {
  return {
    reason: values.reason.trim(),
    outcome: values.outcome as "moved" | "lost",
    new_starts_at: values.outcome === "moved" ? wallClockToIso(values.new_date, values.new_time) : null,
    scope: values.scope as "this" | "following",
  };
}

/** What the page says once the change is made. */
export function changedMessage(changed: CancelResult["changed"], moving: boolean): string {
  const first = changed[0];
  return moving && first?.new_starts_at
    ? `Moved to ${formatWhen(first.new_starts_at)}${changed.length > 1 ? `, and ${plural(changed.length - 1, "later meeting")} moved the same way` : ""}.`
    : `${plural(changed.length, "meeting")} called off.`;
}
