/**
 * Meeting times are wall-clock times at the school (Europe/London), whatever zone the browser is
 * in. The API speaks instants (ISO 8601 with an offset); these helpers convert both ways.
 */

import type { Choice } from "./labels";

export const SCHOOL_TIME_ZONE = "Europe/London";

/** Monday is 0, as in the API. */
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** Protected time happens on school days: Monday to Friday. */
export const SCHOOL_DAYS = WEEKDAYS.slice(0, 5);

/** Monday to Friday for a select, valued by their index as the API numbers them (Monday is 0). */
export const SCHOOL_DAY_CHOICES: Choice[] = SCHOOL_DAYS.map((day, index) => ({ value: String(index), label: day }));

/** Whole days from one calendar date to another. */
export function daysBetween(from: string, to: string): number {
  const [a, b] = [from, to].map((d) => {
    const [y, m, day] = d.split("-").map(Number);
    return Date.UTC(y, m - 1, day);
  });
  return Math.round((b - a) / 86_400_000);
}

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: SCHOOL_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

const dayFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: SCHOOL_TIME_ZONE,
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
});

const longDayFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: SCHOOL_TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

interface WallClock {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
}

/** The school's wall-clock date and time of an instant. */
export function wallClock(iso: string | number | Date): WallClock {
  const parts = Object.fromEntries(partsFormat.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Minutes the school's clock is ahead of UTC at an instant (0 in winter, 60 in summer). */
function offsetMinutes(instant: number): number {
  const { date, time } = wallClock(instant);
  const [y, m, d] = date.split("-").map(Number);
  const [h, min] = time.split(":").map(Number);
  const asUtc = Date.UTC(y, m - 1, d, h, min);
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** "2026-11-25" + "17:00" at the school → "2026-11-25T17:00:00+00:00". */
export function wallClockToIso(date: string, time: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const [h, min] = time.split(":").map(Number);
  const naive = Date.UTC(y, m - 1, d, h, min);
  // The offset at the guessed instant, then again at the corrected one (settles across a change).
  let offset = offsetMinutes(naive);
  offset = offsetMinutes(naive - offset * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${date}T${time.slice(0, 5)}:00${sign}${hh}:${mm}`;
}

/** Today's date at the school. */
export function schoolToday(now: Date = new Date()): string {
  return wallClock(now).date;
}

/** A calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Monday 0 … Sunday 6 of a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The Monday of the week a calendar date is in. */
export function mondayOf(date: string): string {
  return addDays(date, -weekdayOf(date));
}

/** "15:30:00" or an instant → "15:30". */
export function formatTime(value: string): string {
  return /^\d{2}:\d{2}/.test(value) ? value.slice(0, 5) : wallClock(value).time;
}

function joinParts(format: Intl.DateTimeFormat, iso: string): string {
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/** "Wed 25 Nov 2026" (built from parts: engines differ on the comma after the weekday). */
export function formatDay(iso: string): string {
  return joinParts(dayFormat, iso);
}

/** "Wednesday 25 November 2026". */
export function formatLongDay(iso: string): string {
  return joinParts(longDayFormat, iso);
}

/** "Wed 25 Nov 2026, 15:30–16:30" at the school. */
export function formatSpan(starts: string, ends: string): string {
  return `${formatDay(starts)}, ${formatTime(starts)}–${formatTime(ends)}`;
}

const shortDateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });

/** A calendar date "2026-09-09" → "Wed 9 Sep" (no year, not shifted by time zone). */
export function formatShortDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number);
  const parts = Object.fromEntries(shortDateFormat.formatToParts(new Date(Date.UTC(y, m - 1, d))).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month}`;
}

/** "Wed 25 Nov 2026, 15:30". */
export function formatWhen(iso: string): string {
  return `${formatDay(iso)}, ${formatTime(iso)}`;
}
