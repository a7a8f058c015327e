/** Small form checks, run before anything is sent. The server checks again and has the last word. */

export type Errors = Record<string, string>;
export type Check = (value: string) => string | null;

export const required =
  (message: string): Check =>
  (value) =>
    value.trim() ? null : message;

export const email: Check = (value) =>
  !value.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
    ? null
    : "Enter an email address like name@school.org.uk";

export const digits =
  (count: number, what: string): Check =>
  (value) =>
    !value.trim() || new RegExp(`^\\d{${count}}$`).test(value.trim()) ? null : `${what} must be ${count} digits`;

export const maxLength =
  (limit: number, what: string): Check =>
  (value) =>
    value.length <= limit ? null : `${what} must be ${limit} characters or fewer`;

export const MIN_PASSWORD_LENGTH = 10;

/** The server's rules for a new password, checked early so people are told at once. */
export function newPasswordProblem(password: string, email: string, current: string): string | null {
  if (!password) return "Enter a new password";
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Your new password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return "Your new password must not be your email address";
  }
  if (current && password === current) return "Your new password must be different from your current one";
  return null;
}

/** Runs each field's checks in order; the first failing check gives that field's message. */
export function validate(values: Record<string, string>, rules: Record<string, Check[]>): Errors {
  const errors: Errors = {};
  for (const [field, checks] of Object.entries(rules)) {
    for (const check of checks) {
      const message = check(values[field] ?? "");
      if (message) {
        errors[field] = message;
        break;
      }
    }
  }
  return errors;
}

/** A date range where the end is on or after the start (ISO dates compare as strings). */
export function dateOrderProblem(startsOn: string, endsOn: string): string | null {
  return startsOn && endsOn && endsOn < startsOn ? "The end date must be the same as or after the start date" : null;
}
