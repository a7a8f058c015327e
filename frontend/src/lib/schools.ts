import { api, MAX_PAGE, unwrap, type School } from "../api/client";
import type { Choice } from "./labels";

/** Every school the person can see (the server caps a page at 200, ample for a trust). */
export async function allSchools(activeOnly = false): Promise<School[]> {
  const page = await unwrap(
    api.GET("/api/v1/schools", { params: { query: { limit: MAX_PAGE, ...(activeOnly ? { active: true } : {}) } } }),
  );
  return page.items;
}

export function schoolNames(schools: School[]): Map<string, string> {
  return new Map(schools.map((s) => [s.id, s.name]));
}

export function schoolChoices(schools: School[]): Choice[] {
  return schools.map((s) => ({ value: s.id, label: s.name }));
}
