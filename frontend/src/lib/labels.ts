import type { Phase, Role, Schemas, TermDate } from "../api/client";

export const ROLE_LABELS: Record<Role, string> = {
  trust_admin: "Trust admin",
  school_lead: "School lead",
  mentor: "Mentor",
  mentee: "Mentee",
  observer: "Observer",
};

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const PHASE_LABELS: Record<Phase, string> = {
  nursery: "Nursery",
  primary: "Primary",
  secondary: "Secondary",
  all_through: "All-through",
  special: "Special",
  alternative_provision: "Alternative provision",
  post_16: "Post-16",
};

export const PHASES = Object.keys(PHASE_LABELS) as Phase[];

export const TERM_KIND_LABELS: Record<TermDate["kind"], string> = { term: "Term", closure: "Closure" };

export type ClientScope = Schemas["ApiClientCreate"]["scopes"][number];

export const SCOPE_LABELS: Record<ClientScope, string> = {
  "observations:read": "Read observation counts (observations:read)",
  "org:read": "Read schools and term dates (org:read)",
};

/** One option of a select. */
export interface Choice {
  value: string;
  label: string;
}

/** Select options for some of a set of coded values, each with its label ("mentor" → "Mentor"). */
export function labelChoices<K extends string>(values: readonly K[], labels: Record<K, string>): Choice[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** "2025-09-03" → "3 Sept 2025" (read as a calendar date, not shifted by time zone). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return dateFormat.format(new Date(y, m - 1, d));
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : "";
}
