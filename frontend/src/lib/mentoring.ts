/** Words for mentoring: pairing kinds, pathways, meeting states. */
import type { Me, Meeting, Pairing, PairingKind, Pathway } from "../api/client";
import { MEETING_WORDS, meetingStatusWord } from "./labels";

export const KIND_LABELS: Record<PairingKind, string> = {
  induction_mentor: "Induction mentor",
  subject_mentor: "Subject mentor",
};

export const PATHWAY_LABELS: Record<Pathway, string> = {
  itt: "Trainee teacher (ITT)",
  ect: "Early career teacher (ECT)",
  rqt: "Recently qualified teacher (RQT)",
};

export interface Badge {
  text: string;
  tone: "active" | "inactive" | "muted" | "info";
}

/** What to show beside a meeting: its state, and whether it was moved. */
export function meetingBadges(meeting: Pick<Meeting, "status" | "lost" | "cancel_reason" | "moved_from" | "has_record" | "closed_day">): Badge[] {
  const text = meetingStatusWord(meeting);
  // Red for what counts against the entitlement; grey for what counts against nobody.
  const counted = meeting.status === "missed" || (meeting.status === "cancelled" && meeting.lost);
  const tone: Badge["tone"] = meeting.status === "held" ? "active" : counted ? "inactive" : "muted";
  const badges: Badge[] = [{ text, tone }];
  if (meeting.status === "scheduled" && meeting.closed_day) badges.push({ text: "On a closure day", tone: "inactive" });
  if (meeting.moved_from) badges.push({ text: MEETING_WORDS.moved.label, tone: "info" });
  return badges;
}

/** The other person in a pairing, from where `me` stands (or "mentor and mentee" for leads). */
export function partnerOf(pairing: Pick<Pairing, "mentor" | "mentee">, meId: string | undefined): string {
  if (pairing.mentor.id === meId) return pairing.mentee.full_name;
  if (pairing.mentee.id === meId) return pairing.mentor.full_name;
  return `${pairing.mentor.full_name} and ${pairing.mentee.full_name}`;
}

/** Mentors and mentees see their own meetings; the mentoring pages are for leads and admins. */
export function isMentorOrMentee(me: Me | null): boolean {
  return (me?.roles ?? []).some((r) => r.role === "mentor" || r.role === "mentee");
}

/** Whose calendar feed holds anything: mentors and mentees (meetings, observations) and observers (observations). */
export function hasCalendar(me: Me | null): boolean {
  return isMentorOrMentee(me) || (me?.roles ?? []).some((r) => r.role === "observer");
}

/** Coverage names mentees: for school leads and trust admins only, as the API allows. */
export function readsCoverage(me: Me | null): boolean {
  return (me?.roles ?? []).some((r) => r.role === "school_lead" || r.role === "trust_admin");
}

export type PairingState = "active" | "ended" | "not-started";

export function pairingState(pairing: Pick<Pairing, "starts_on" | "ends_on">, today: string): PairingState {
  if (today < pairing.starts_on) return "not-started";
  if (today > pairing.ends_on) return "ended";
  return "active";
}

export const PAIRING_STATE: Record<PairingState, { text: string; tone: Badge["tone"] }> = {
  active: { text: "Active", tone: "active" },
  ended: { text: "Ended", tone: "muted" },
  "not-started": { text: "Not started", tone: "info" },
};
