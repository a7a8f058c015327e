import type { User } from "../../api/client";
import { ROLE_LABELS } from "../../lib/labels";

export type Membership = User["roles"][number];

/** "Mentor at Hillcrest Academy", or "Trust admin (whole trust)". */
export function roleText(membership: Membership, names: Map<string, string>): string {
  const role = ROLE_LABELS[membership.role];
  return membership.school_id ? `${role} at ${names.get(membership.school_id) ?? "another school"}` : `${role} (whole trust)`;
}
