/** Dates and words for the coverage page: the default range, week labels and the chart's summary. */
import type { ObserverRole, Schemas } from "../../api/client";
import { OBSERVER_ROLE_LABELS } from "../../lib/observations";

export type CoverageWeek = Schemas["CoverageWeek"];

/** Today's date at school (London), as YYYY-MM-DD. */
export function todayAtSchool(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
}

function utcDate(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** The Monday eleven weeks before the week of `to`: twelve school weeks in all. */
export function twelveWeeksBefore(to: string): string {
  const day = utcDate(to);
  const monday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - monday - 77);
  return day.toISOString().slice(0, 10);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function formatWeek(iso: string, part?: "day" | "month"): string {
  const date = utcDate(iso);
  if (part === "day") return String(date.getUTCDate());
  // Three letters, so that twelve weeks' labels fit under their bars on a phone.
  if (part === "month") return MONTHS[date.getUTCMonth()];
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The roles with any observation in these weeks, in the chart's order. */
export function rolesSeen(weeks: CoverageWeek[], order: ObserverRole[]): ObserverRole[] {
  return order.filter((role) => weeks.some((w) => (w.by_role[role] ?? 0) > 0));
}

/** What the chart shows, in one paragraph: the total, by role, the busiest week and the empty ones. */
export function chartSummary(weeks: CoverageWeek[], order: ObserverRole[]): string {
  if (weeks.length === 0) return "No weeks in this range.";
  const total = weeks.reduce((sum, w) => sum + w.total, 0);
  const range = `the ${plural(weeks.length, "week")} from ${formatWeek(weeks[0].week_start)}`;
  if (total === 0) return `No observations took place in ${range}.`;
  const byRole = rolesSeen(weeks, order)
    .map((role) => `${OBSERVER_ROLE_LABELS[role]} ${weeks.reduce((sum, w) => sum + (w.by_role[role] ?? 0), 0)}`)
    .join(", ");
  const busiest = weeks.reduce((best, w) => (w.total > best.total ? w : best));
  const empty = weeks.filter((w) => w.total === 0).length;
  const none = empty === 0 ? "Every week had at least one." : empty === 1 ? "One week had none." : `${plural(empty, "week")} had none.`;
  return `${plural(total, "observation")} took place in ${range}: ${byRole}. The busiest was the week of ${formatWeek(busiest.week_start)}, with ${plural(busiest.total, "observation")}. ${none}`;
}
