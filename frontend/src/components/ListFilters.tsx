/** The filter form over a list, and the filters more than one list has. */
import type { FormEvent, ReactNode } from "react";
import { Button, SelectField } from "./forms";
import type { FieldBinding } from "./useForm";

/** A search landmark named `label` with the filter fields and a Filter button. */
export function FilterForm({
  label,
  onSubmit,
  noValidate,
  children,
}: {
  label: string;
  onSubmit: (event: FormEvent) => void;
  noValidate?: boolean;
  children: ReactNode;
}) {
  return (
    <form className="filters" onSubmit={onSubmit} role="search" aria-label={label} noValidate={noValidate}>
      {children}
      <div className="button-row">
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </div>
    </form>
  );
}

/** Whether a list shows active, deactivated or all records (`?status=`, active by default). */
export function StatusFilter(field: FieldBinding) {
  return (
    <SelectField label="Status" {...field}>
      <option value="active">Active</option>
      <option value="inactive">Deactivated</option>
      <option value="all">All</option>
    </SelectField>
  );
}

/** The API's `active` query for a status filter's value: nothing for all. */
export function activeQuery(status: string): boolean | undefined {
  return status === "all" ? undefined : status === "active";
}
