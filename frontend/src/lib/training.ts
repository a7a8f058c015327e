/** Words and shapes for training: course dates, deadlines, cover, the training record. */
import type { Schemas } from "../api/client";
import { formatDateTime } from "./labels";
import { wallClock } from "./time";

export type TrainingItem = Schemas["TrainingItemPublic"];
export type TrainingItemDetail = Schemas["TrainingItemDetail"];
export type CoverRequest = Schemas["CoverRequestPublic"];
export type TrainingRecord = Schemas["TrainingRecord"];

export const KIND_WORDS: Record<TrainingItem["kind"], string> = { course_date: "Course date", deadline: "Deadline" };
export const COVER_WORDS: Record<CoverRequest["status"], string> = {
  pending: "Waiting for the lead",
  approved: "Release approved",
  declined: "Release declined",
  withdrawn: "No longer needed",
};
export const TRAINING_KIND_WORDS: Record<Schemas["TrainingKind"], string> = { initial: "Initial", refresher: "Refresher" };

/** National standards for school-based ITT mentors (DfE, 2016). */
export const MENTOR_STANDARDS: { value: number; label: string }[] = [
  { value: 1, label: "1 Personal qualities" },
  { value: 2, label: "2 Teaching" },
  { value: 3, label: "3 Professionalism" },
  { value: 4, label: "4 Self-development and working in partnership" },
];

/** "Wed 9 Dec 2026, 09:00 to 12:00" or "due Fri 11 Dec 2026, 17:00". */
export function whenOf(item: Pick<TrainingItem, "kind" | "starts_at" | "ends_at" | "due_at">): string {
  if (item.kind === "deadline") return `Due ${formatDateTime(item.due_at)}`;
  if (!item.starts_at || !item.ends_at) return "";
  const start = wallClock(item.starts_at);
  const end = wallClock(item.ends_at);
  return start.date === end.date ? `${formatDateTime(item.starts_at)} to ${end.time}` : `${formatDateTime(item.starts_at)} to ${formatDateTime(item.ends_at)}`;
}

/** 390 minutes → "6 h 30 min". */
export function hours(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}
