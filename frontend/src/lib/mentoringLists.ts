/** Whole mentoring lists, for screens that need every row (a table of a school's profiles, the
 * choices of a form, a pairing's agreement versions and weekly slots). */
import { api, unwrap, type Agreement, type MenteeProfile, type MentorProfile, type Slot } from "../api/client";
import { allPages } from "./pages";

export function allMentorProfiles(schoolId: string): Promise<MentorProfile[]> {
  return allPages((query) => unwrap(api.GET("/api/v1/schools/{school_id}/mentor-profiles", { params: { path: { school_id: schoolId }, query } })));
}

export function allMenteeProfiles(schoolId: string): Promise<MenteeProfile[]> {
  return allPages((query) => unwrap(api.GET("/api/v1/schools/{school_id}/mentee-profiles", { params: { path: { school_id: schoolId }, query } })));
}

/** Every version of a pairing's agreement, newest first; the one marked `current` is in force. */
export function allAgreements(pairingId: string): Promise<Agreement[]> {
  return allPages((query) => unwrap(api.GET("/api/v1/pairings/{pairing_id}/agreements", { params: { path: { pairing_id: pairingId }, query } })));
}

/** Every weekly slot of a pairing, oldest first. */
export function allSlots(pairingId: string): Promise<Slot[]> {
  return allPages((query) => unwrap(api.GET("/api/v1/pairings/{pairing_id}/slots", { params: { path: { pairing_id: pairingId }, query } })));
}
