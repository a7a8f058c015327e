/** The days a compliance view judges: from, to and "as things stood on", kept in the address's
 * query (`?from=…&to=…&as_of=…`) so a view can be shared as it is. Blank fields mean the API's
 * defaults: this school year, judged as of today. */
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { Button, ErrorSummary, summaryItems, TextField } from "../../components/forms";

export interface RangeQuery {
  from?: string;
  to?: string;
  as_of?: string;
}

const FIELDS = ["from", "to", "as_of"] as const;
type Field = (typeof FIELDS)[number];

/** The range asked for in the address, as the API's query parameters (blank ones left out). */
export function useRangeQuery(): [RangeQuery, (next: RangeQuery) => void] {
  const [params, setParams] = useSearchParams();
  const query: RangeQuery = {};
  for (const name of FIELDS) {
    const value = params.get(name);
    if (value) query[name] = value;
  }
  function set(next: RangeQuery) {
    const kept = new URLSearchParams(params);
    for (const name of FIELDS) {
      if (next[name]) kept.set(name, next[name]!);
      else kept.delete(name);
    }
    setParams(kept);
  }
  return [query, set];
}

/** The same range as a query string for a link to another compliance view ("" when none). */
export function rangeSearch(query: RangeQuery): string {
  const params = new URLSearchParams();
  for (const name of FIELDS) if (query[name]) params.set(name, query[name]!);
  const text = params.toString();
  return text ? `?${text}` : "";
}

const DAY = 86_400_000;

/** What is wrong with a range, field by field, before it is asked for. */
export function rangeErrors(values: Record<Field, string>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!values.from) errors.from = "Enter the first day, like 2026-09-01.";
  if (!values.to) errors.to = "Enter the last day, like 2027-08-31.";
  if (values.from && values.to) {
    const span = (Date.parse(values.to) - Date.parse(values.from)) / DAY;
    if (span < 0) errors.to = "The last day comes on or after the first day.";
    else if (span > 400) errors.to = "Choose at most a school year: the last day is within 400 days of the first.";
  }
  return errors;
}

/**
 * The range form. `shown` is the range the API judged (its defaults fill blank fields);
 * choosing "Show" puts the range in the address, which reloads the view.
 */
export function ComplianceRange({ shown, query, onChange }: { shown: { starts_on: string; ends_on: string; as_of: string } | null; query: RangeQuery; onChange: (next: RangeQuery) => void }) {
  const initial = (): Record<Field, string> => ({
    from: query.from ?? shown?.starts_on ?? "",
    to: query.to ?? shown?.ends_on ?? "",
    as_of: query.as_of ?? "",
  });
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const key = `${query.from}|${query.to}|${query.as_of}|${shown?.starts_on}|${shown?.ends_on}`;
  // A new address (back button, shared link) or the first answer fills the fields again.
  useEffect(() => setValues(initial()), [key]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const found = rangeErrors(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    onChange({ from: values.from, to: values.to, as_of: values.as_of || undefined });
  }

  const bind = (name: Field) => ({
    name: `range-${name}`,
    id: `field-${name}`,
    value: values[name],
    error: errors[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [name]: e.target.value }),
  });

  // Folded until a range is asked for, so a phone shows the figures first.
  const asked = Boolean(query.from || query.to || query.as_of);
  return (
    <details className="ent-range" open={asked || Object.keys(errors).length > 0 || undefined}>
      <summary id="range-heading">Change the dates</summary>
      <ErrorSummary items={summaryItems(errors as Record<string, string>, FIELDS)} focusKey={attempt} />
      <form onSubmit={submit} noValidate aria-labelledby="range-heading">
        <div className="ent-range__fields">
          <TextField type="date" label="From" {...bind("from")} />
          <TextField type="date" label="To" {...bind("to")} />
          <TextField type="date" label="As things stood on" hint="Optional: blank for today" {...bind("as_of")} />
        </div>
        <div className="button-row">
          <Button type="submit">Show these dates</Button>
          {asked && (
            <Button variant="secondary" onClick={() => onChange({})}>
              This school year
            </Button>
          )}
        </div>
      </form>
    </details>
  );
}
