/** Wellbeing check-ins: the words for scores, and the points of a trend chart. */
import type { Schemas } from "../api/client";

export type CheckIn = Schemas["CheckInPublic"];
export type CheckInDetail = Schemas["CheckInDetail"];
export type SummaryRow = Schemas["SummaryRow"];

export const WELLBEING_WORDS: Record<number, string> = {
  1: "1, struggling",
  2: "2, finding it hard",
  3: "3, getting by",
  4: "4, doing well",
  5: "5, thriving",
};

export const WORKLOAD_WORDS: Record<number, string> = {
  1: "1, manageable",
  2: "2, busy but fine",
  3: "3, heavy",
  4: "4, very heavy",
  5: "5, unmanageable",
};

export interface TrendPoint {
  date: string;
  wellbeing: number;
  workload: number;
}

/** Oldest first, for a chart read left to right. */
export function trendPoints(checkIns: Pick<CheckIn, "checked_in_on" | "wellbeing_score" | "workload_score" | "created_at">[]): TrendPoint[] {
  return [...checkIns]
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
    .map((c) => ({ date: c.checked_in_on, wellbeing: c.wellbeing_score, workload: c.workload_score }));
}

/** A one-line reading of the trend, for the chart's accessible name. */
export function trendSummary(points: TrendPoint[]): string {
  if (points.length === 0) return "No check-ins yet.";
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length === 1) return `One check-in: wellbeing ${last.wellbeing} of 5, workload ${last.workload} of 5.`;
  return `${points.length} check-ins. Wellbeing went from ${first.wellbeing} to ${last.wellbeing} of 5; workload from ${first.workload} to ${last.workload} of 5.`;
}
