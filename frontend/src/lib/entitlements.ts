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

export const PROVISION_LABELS: Record<Schemas["ProvisionKind"], string> = {
  timetable_reduction: "Timetable reduction",
  tlr_payment: "TLR payment",
  device: "Device issued",
  job_description: "Job description on file",
};

/** What the amount means for each kind; none for a device or a job description (always 1). */
export const PROVISION_AMOUNT_LABELS: Partial<Record<Schemas["ProvisionKind"], string>> = {
  timetable_reduction: "Reduction, per cent of a full timetable",
  tlr_payment: "TLR, pounds a year",
};

/** A provision's amount in words: "10% of a full timetable", "£2,873 a year", "Issued". */
export function provisionAmount(kind: Schemas["ProvisionKind"], value: number): string {
  if (kind === "timetable_reduction") return `${amount(value)}% of a full timetable`;
  if (kind === "tlr_payment") return `£${value.toLocaleString("en-GB", { maximumFractionDigits: 2 })} a year`;
  if (kind === "device") return value > 0 ? "Issued" : "Not issued";
  return value > 0 ? "On file" : "Not on file";
}
