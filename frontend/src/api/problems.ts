/** RFC 9457 problems from the API, and how they map onto form fields. */
import type { components } from "./schema";

export type Problem = components["schemas"]["Problem"];
export type FieldProblem = components["schemas"]["FieldProblem"];

export const PASSWORD_CHANGE_REQUIRED = "/password-change-required";

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, fallback = "Something went wrong. Try again.") {
    super(problem?.detail || problem?.title || fallback);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Problem).title === "string" &&
    typeof (value as Problem).status === "number"
  );
}

export interface FormErrors {
  /** Messages keyed by the form's own field names. */
  fields: Record<string, string>;
  /** Messages that belong to no field on the form. */
  general: string[];
}

/** Makes a validator message read as plain English ("String should have..." → "Must have..."). */
export function humanise(detail: string): string {
  const text = detail.replace(/^Value error, /, "").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Splits a problem into messages for the form's fields and messages for the summary.
 * `fieldNames` are the form's fields; `aliases` maps API field paths (e.g. "roles.0.school_id")
 * to them. The first message for a field wins.
 */
export function problemToFormErrors(
  error: unknown,
  fieldNames: readonly string[],
  aliases: Record<string, string> = {},
): FormErrors {
  const result: FormErrors = { fields: {}, general: [] };
  if (!(error instanceof ApiError)) {
    result.general.push(error instanceof Error ? error.message : "Something went wrong. Try again.");
    return result;
  }
  const problem = error.problem;
  const fieldProblems = problem?.errors ?? [];
  for (const item of fieldProblems) {
    const path = fieldPath(item);
    const name = path ? resolveField(path, fieldNames, aliases) : null;
    const message = humanise(item.detail);
    if (name) {
      result.fields[name] ??= message;
    } else {
      result.general.push(message);
    }
  }
  if (fieldProblems.length === 0) result.general.push(error.message);
  return result;
}

/**
 * The field a problem item points at, as a dotted path: MentorHub's `field`, or the other
 * spellings RFC 9457 problems use, a JSON pointer (`"pointer": "#/mentee_id"`) or a location
 * list (`"loc": ["body", "mentee_id"]`).
 */
export function fieldPath(item: FieldProblem | Record<string, unknown>): string | null {
  const loose = item as { field?: unknown; pointer?: unknown; loc?: unknown };
  if (typeof loose.field === "string" && loose.field) return loose.field;
  if (typeof loose.pointer === "string" && loose.pointer) {
    const parts = loose.pointer.replace(/^#/, "").split("/").filter(Boolean);
    return parts.map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")).join(".") || null;
  }
  if (Array.isArray(loose.loc)) {
    const parts = loose.loc.map(String).filter((part) => !["body", "query", "path", "form"].includes(part));
    return parts.join(".") || null;
  }
  return null;
}

function resolveField(
  field: string,
  fieldNames: readonly string[],
  aliases: Record<string, string>,
): string | null {
  if (field in aliases) return aliases[field];
  if (fieldNames.includes(field)) return field;
  // "roles.0.school_id" → try "school_id", then "roles".
  const parts = field.split(".");
  const last = parts[parts.length - 1];
  if (fieldNames.includes(last)) return last;
  if (fieldNames.includes(parts[0])) return parts[0];
  return null;
}

type ProblemLists = {
  clashes: components["schemas"]["ClashProblem"]["clashes"];
  import_errors: components["schemas"]["ImportProblem"]["import_errors"];
};

/** The list a typed problem carries beside `errors`: `clashes` (ClashProblem) or `import_errors` (ImportProblem). */
export function problemList<K extends keyof ProblemLists>(error: unknown, member: K): ProblemLists[K] | null {
  if (!(error instanceof ApiError) || !error.problem) return null;
  const value = error.problem[member];
  return Array.isArray(value) ? (value as ProblemLists[K]) : null;
}
