/** Form state: values, field errors, form-wide errors, and a counter bumped on each failed submit. */
import { useState, type ChangeEvent } from "react";
import { problemToFormErrors } from "../api/problems";
import type { Errors } from "../lib/validation";
import { summaryItems, type SummaryItem } from "./forms";

/** What `field(name)` hands a TextField, SelectField or TextArea. */
export interface FieldBinding {
  name: string;
  value: string;
  error?: string;
  onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => void;
}

export function useForm<F extends string>(initial: Record<F, string>) {
  const names = Object.keys(initial) as F[];
  const [values, setValues] = useState<Record<F, string>>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  function set(name: F, value: string) {
    setValues((current) => ({ ...current, [name]: value }));
  }

  /** Props for a TextField or SelectField bound to one value. */
  function field(name: F): FieldBinding {
    return {
      name,
      value: values[name],
      error: errors[name],
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => set(name, event.target.value),
    };
  }

  function fail(fields: Errors, messages: string[] = []) {
    setErrors(fields);
    setGeneral(messages);
    setAttempt((n) => n + 1);
  }

  /**
   * Runs the client checks; if they pass, runs the action and maps any problem it throws onto
   * the fields (API field paths can be aliased to form names). Returns true on success.
   */
  async function submit(
    check: (values: Record<F, string>) => Errors,
    action: (values: Record<F, string>) => Promise<void>,
    aliases: Record<string, string> = {},
  ): Promise<boolean> {
    const found = check(values);
    if (Object.keys(found).length > 0) {
      fail(found);
      return false;
    }
    setBusy(true);
    try {
      await action(values);
      setErrors({});
      setGeneral([]);
      return true;
    } catch (error) {
      const mapped = problemToFormErrors(error, names, aliases);
      fail(mapped.fields, mapped.general);
      return false;
    } finally {
      setBusy(false);
    }
  }

  const summary: SummaryItem[] = summaryItems(errors, names, general);

  return { values, setValues, set, field, errors, summary, attempt, busy, submit, fail, reset: () => setValues(initial) };
}
