/** What a term or closure must hold, and saving it. */
import { api, unwrap, type TermDate } from "../../api/client";
import { allPages } from "../../lib/pages";
import { dateOrderProblem, maxLength, required, validate, type Errors } from "../../lib/validation";

export type TermDateValues = Record<"kind" | "name" | "starts_on" | "ends_on", string>;

export const BLANK_TERM_DATE: TermDateValues = { kind: "term", name: "", starts_on: "", ends_on: "" };

export function termDateProblems(values: TermDateValues): Errors {
  const errors = validate(values, {
    kind: [required("Choose term or closure")],
    name: [required("Enter a name, like Autumn term"), maxLength(100, "The name")],
    starts_on: [required("Enter the first day")],
    ends_on: [required("Enter the last day")],
  });
  const order = dateOrderProblem(values.starts_on, values.ends_on);
  if (order && !errors.ends_on) errors.ends_on = order;
  return errors;
}

/** Every term and closure of a school, in date order, page by page (the list is paged like every list). */
export function allTermDates(schoolId: string): Promise<TermDate[]> {
  return allPages((query) => unwrap(api.GET("/api/v1/schools/{school_id}/term-dates", { params: { path: { school_id: schoolId }, query } })));
}

/** Saves the changes to `editing`, or adds a new term date to the school. */
export async function saveTermDate(values: TermDateValues, editing: TermDate | null, schoolId: string): Promise<void> {
  const body = { kind: values.kind as TermDate["kind"], name: values.name.trim(), starts_on: values.starts_on, ends_on: values.ends_on };
  if (editing) {
    await unwrap(api.PATCH("/api/v1/term-dates/{term_date_id}", { params: { path: { term_date_id: editing.id } }, body }));
  } else {
    await unwrap(api.POST("/api/v1/schools/{school_id}/term-dates", { params: { path: { school_id: schoolId } }, body }));
  }
}
