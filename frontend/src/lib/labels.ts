import type { Meeting, Phase, Role, Schemas, TermDate } from "../api/client";

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

/**
 * One vocabulary for meetings that did not happen, each word with the line that explains it
 * where the choice is made or the word is shown. The API keeps its values (`cancelled` with
 * `lost`, `missed`); these are what people read.
 */
export const MEETING_WORDS = {
  calledOff: {
    label: "Called off",
    explain: "Called off ahead of time, with a reason: it will not happen that week and counts against the entitlement.",
  },
  didNotTakePlace: {
    label: "Did not take place",
    explain: "Recorded afterwards: the meeting was due but did not happen. It counts against the entitlement.",
  },
  schoolClosed: { label: "School closed", explain: "The school was closed that day, so it counts against nobody." },
  pairingEnded: { label: "Pairing ended", explain: "The pairing ended before it, so it counts against nobody." },
  moved: { label: "Moved", explain: "Moved to another time in the same week: it still counts as protected time." },
} as const;

export type MeetingWord = keyof typeof MEETING_WORDS;

/** The word for how a meeting stands: "Scheduled", "Held", "Called off", "Did not take place", "School closed"... */
export function meetingStatusWord(meeting: Pick<Meeting, "status" | "lost" | "cancel_reason">): string {
  switch (meeting.status) {
    case "scheduled":
      return "Scheduled";
    case "held":
      return "Held";
    case "missed":
      return MEETING_WORDS.didNotTakePlace.label;
    case "cancelled":
      if (meeting.cancel_reason === "school_closed") return MEETING_WORDS.schoolClosed.label;
      if (meeting.cancel_reason === "pairing_ended") return MEETING_WORDS.pairingEnded.label;
      return meeting.lost || meeting.cancel_reason === "called_off" ? MEETING_WORDS.calledOff.label : "Cancelled";
  }
}
