/** Words for observations and targets, and the half-written record kept on the device. */
import type { ObservationKind, ObservationStatus, ObserverRole, TargetStatus } from "../api/client";
import type { Badge } from "./mentoring";

export const OBSERVER_ROLE_LABELS: Record<ObserverRole, string> = {
  mentor: "Mentor",
  subject_colleague: "Subject colleague",
  senco: "SENCO",
  eal_specialist: "EAL specialist",
  senior_leader: "Senior leader",
  peer: "Peer",
  external: "External",
};

export const OBSERVATION_KIND_LABELS: Record<ObservationKind, string> = {
  formal: "Formal",
  drop_in: "Drop-in",
  peer: "Peer",
  joint: "Joint",
  learning_walk: "Learning walk",
};

export const OBSERVATION_STATUS_LABELS: Record<ObservationStatus, string> = {
  scheduled: "Scheduled",
  completed: "Recorded",
  shared: "Shared",
  cancelled: "Cancelled",
};

export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  open: "Open",
  achieved: "Achieved",
  dropped: "Dropped",
};

/** Teachers' Standards, part one. */
export const STANDARDS: Record<number, string> = {
  1: "High expectations",
  2: "Promote progress",
  3: "Subject knowledge",
  4: "Plan and teach",
  5: "Adapt teaching",
  6: "Assessment",
  7: "Manage behaviour",
  8: "Wider responsibilities",
};

export function standardsText(standards: readonly number[]): string {
  return standards.length ? standards.map((n) => `TS${n} ${STANDARDS[n]}`).join("; ") : "No standards named";
}

export function observationBadge(status: ObservationStatus): Badge {
  const tone = status === "shared" ? "active" : status === "cancelled" ? "inactive" : status === "completed" ? "info" : "muted";
  return { text: OBSERVATION_STATUS_LABELS[status], tone };
}

/** A record being written: kept on the device until it is saved, so a lost connection loses nothing. */
export interface RecordDraft {
  focus_standards: number[];
  strengths: string;
  points_to_develop: string;
  feedback_given: boolean;
  reason: string;
  saved_at: string;
}

const DRAFT_PREFIX = "mentorhub.observation-draft.";

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage refused (private mode, settings): the form still works
  }
}

export function loadDraft(observationId: string): RecordDraft | null {
  const raw = storage()?.getItem(DRAFT_PREFIX + observationId);
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as Partial<RecordDraft>;
    if (!Array.isArray(draft.focus_standards) || typeof draft.strengths !== "string" || typeof draft.points_to_develop !== "string") return null;
    return {
      focus_standards: draft.focus_standards.filter((n) => Number.isInteger(n) && n >= 1 && n <= 8),
      strengths: draft.strengths,
      points_to_develop: draft.points_to_develop,
      feedback_given: draft.feedback_given === true,
      reason: typeof draft.reason === "string" ? draft.reason : "",
      saved_at: typeof draft.saved_at === "string" ? draft.saved_at : "",
    };
  } catch {
    return null;
  }
}

export function saveDraft(observationId: string, draft: Omit<RecordDraft, "saved_at">, now: Date = new Date()): void {
  try {
    storage()?.setItem(DRAFT_PREFIX + observationId, JSON.stringify({ ...draft, saved_at: now.toISOString() }));
  } catch {
    // A full or refused storage: nothing more to do; the form keeps its values.
  }
}

export function clearDraft(observationId: string): void {
  storage()?.removeItem(DRAFT_PREFIX + observationId);
}

/** Flips one standard in a sorted list. */
export function toggleStandard(standards: readonly number[], standard: number): number[] {
  return standards.includes(standard) ? standards.filter((n) => n !== standard) : [...standards, standard].sort((a, b) => a - b);
}
