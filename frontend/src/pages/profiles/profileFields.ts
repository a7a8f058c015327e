/** What mentor and mentee profiles' fields must hold, and how the API takes them, whether added or edited. */
import type { Pathway, Phase } from "../../api/client";
import { formatDate } from "../../lib/labels";
import { dateOrderProblem, maxLength, required, validate, type Errors } from "../../lib/validation";

export type MentorValues = Record<"subjects" | "phase" | "starts_on" | "ends_on", string>;

export type MenteeValues = Record<
  "pathway" | "induction_year" | "programme" | "provider" | "subject" | "phase" | "starts_on" | "ends_on",
  string
>;

/** "1 Sep 2025 to 31 Jul 2026", or "From 1 Sep 2025" when open-ended. */
export function profileDates(profile: { starts_on: string; ends_on: string | null }): string {
  return profile.ends_on ? `${formatDate(profile.starts_on)} to ${formatDate(profile.ends_on)}` : `From ${formatDate(profile.starts_on)}`;
}

/** An add form's first rule: who the profile is for. */
export function checkPerson(userId: string): Errors {
  return userId ? {} : { user_id: "Choose who the profile is for" };
}

export function checkMentor(values: MentorValues): Errors {
  const errors = validate(values, {
    subjects: [maxLength(1000, "Subjects")],
    starts_on: [required("Enter the date they start mentoring")],
  });
  const order = dateOrderProblem(values.starts_on, values.ends_on);
  if (order) errors.ends_on = order;
  return errors;
}

/** Subjects are typed as one line, separated by commas or semicolons. */
function splitSubjects(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function mentorTerms(values: MentorValues, trained: boolean) {
  return {
    subjects: splitSubjects(values.subjects),
    phase: (values.phase || null) as Phase | null,
    trained,
    starts_on: values.starts_on,
    ends_on: values.ends_on || null,
  };
}

export function checkMentee(values: MenteeValues): Errors {
  const errors = validate(values, {
    pathway: [required("Choose the mentee's pathway")],
    programme: [maxLength(200, "The programme")],
    provider: [maxLength(200, "The provider")],
    subject: [maxLength(100, "The subject")],
    starts_on: [required("Enter the date they start")],
  });
  if (values.pathway === "ect" && !values.induction_year) errors.induction_year = "Choose the ECT's induction year";
  const order = dateOrderProblem(values.starts_on, values.ends_on);
  if (order) errors.ends_on = order;
  return errors;
}

/** The induction year goes only with the ECT pathway. */
export function menteeTerms(values: MenteeValues) {
  return {
    pathway: values.pathway as Pathway,
    induction_year: values.pathway === "ect" ? Number(values.induction_year) : null,
    programme: values.programme.trim() || null,
    provider: values.provider.trim() || null,
    subject: values.subject.trim() || null,
    phase: (values.phase || null) as Phase | null,
    starts_on: values.starts_on,
    ends_on: values.ends_on || null,
  };
}
