/** Words for entitlement policies and compliance. */
import type { Schemas } from "../api/client";

export type ComplianceStatus = "met" | "on_track" | "at_risk" | "missed" | "not_owed" | "not_measured";

export const STATUS_LABELS: Record<ComplianceStatus, string> = {
  met: "Met",
  on_track: "On track",
  at_risk: "At risk",
  missed: "Missed",
  not_owed: "Not owed yet",
  not_measured: "Not measured",
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as ComplianceStatus] ?? status;
}

export const AUDIENCE_LABELS: Record<Schemas["PolicyAudience"], string> = {
  mentor: "Mentors",
  itt: "Trainee teachers (ITT)",
  ect: "Early career teachers (ECT)",
  rqt: "Recently qualified teachers (RQT)",
};

export const POLICY_STATUS_LABELS: Record<Schemas["PolicyStatus"], string> = {
  draft: "Draft",
  submitted: "Submitted to the board",
  approved: "Approved",
  rejected: "Rejected",
  retired: "Retired",
};

export const PERIOD_LABELS: Record<Schemas["Period"], string> = {
  week: "each week",
  fortnight: "each fortnight",
  half_term: "each half term",
  term: "each term",
  year: "over the year",
  once: "once",
};

/** A category key in words: "protected_weekly_meeting" → "Protected weekly meeting". */
export function categoryLabel(category: string): string {
  const words = category.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A figure without needless decimals, with its unit in the singular for exactly one: 60
 * minutes, 1 observation, 1.5 hours, 0.33 observations. Units are named in the plural; one
 * word in -s ("check-ins") loses it, others ("per cent", "yes or no") stay as they are. */
export function amount(value: number, unit = ""): string {
  const shown = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  if (!unit) return shown;
  const one = shown === "1" && /^[A-Za-z-]+s$/.test(unit) ? unit.slice(0, -1) : unit;
  return `${shown} ${one}`;
}
