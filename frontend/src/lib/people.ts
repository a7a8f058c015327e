import type { Me, Role, School, User } from "../api/client";
import { ROLE_LABELS, ROLES } from "./labels";

/** "Mentor at Hillcrest Academy, Trust admin" */
export function describeRoles(user: User, names: Map<string, string>): string {
  return user.roles
    .map((r) => (r.school_id ? `${ROLE_LABELS[r.role]} at ${names.get(r.school_id) ?? "another school"}` : ROLE_LABELS[r.role]))
    .join(", ");
}

export function schoolsLedBy(me: Me | null): Set<string> {
  return new Set((me?.roles ?? []).filter((r) => r.role === "school_lead" && r.school_id).map((r) => r.school_id as string));
}

export function isAdmin(me: Me | null): boolean {
  return (me?.roles ?? []).some((r) => r.role === "trust_admin");
}

/** Roles this person may hand out: only trust admins make trust admins. */
export function grantableRoles(me: Me | null): Role[] {
  return isAdmin(me) ? ROLES : ROLES.filter((r) => r !== "trust_admin");
}

/** Schools this person may give roles at: any active school for admins, led schools for leads. */
export function grantableSchools(me: Me | null, schools: School[]): School[] {
  const led = schoolsLedBy(me);
  return schools.filter((s) => s.active && (isAdmin(me) || led.has(s.id)));
}
