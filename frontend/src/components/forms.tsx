/** Form building blocks: every control has a label; hints and errors are tied to it. */
import { useEffect, useId, useRef, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string;
}

function describedBy(hintId: string, errorId: string, hint?: ReactNode, error?: string): string | undefined {
  return [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
}

export function TextField({
  label,
  hint,
  error,
  id,
  className,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  const fieldId = id ?? `field-${input.name}`;
  const auto = useId();
  const hintId = `${auto}-hint`;
  const errorId = `${auto}-error`;
  return (
    <div className={`field${error ? " field--error" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={fieldId}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <input
        id={fieldId}
        type="text"
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, hint, error)}
      />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  error,
  id,
  children,
  className,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { name: string }) {
  const fieldId = id ?? `field-${select.name}`;
  const auto = useId();
  const hintId = `${auto}-hint`;
  const errorId = `${auto}-error`;
  return (
    <div className={`field${error ? " field--error" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={fieldId}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <select
        id={fieldId}
        {...select}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, hint, error)}
      >
        {children}
      </select>
    </div>
  );
}

export function Checkbox({
  label,
  id,
  ...input
}: { label: ReactNode } & InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  const auto = useId();
  const fieldId = id ?? `${auto}-checkbox`;
  return (
    <div className="checkbox">
      <input id={fieldId} type="checkbox" {...input} />
      <label htmlFor={fieldId}>{label}</label>
    </div>
  );
}

/** A group of checkboxes (or other controls) under one legend, with its own error. */
export function Fieldset({
  legend,
  hint,
  error,
  id,
  children,
}: { legend: string; hint?: ReactNode; error?: string; id: string; children: ReactNode }) {
  return (
    <fieldset
      className={`field${error ? " field--error" : ""}`}
      id={id}
      tabIndex={-1}
      aria-describedby={describedBy(`${id}-hint`, `${id}-error`, hint, error)}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}

type ButtonVariant = "primary" | "secondary" | "danger" | "link";

export function Button({
  variant = "primary",
  className,
  type = "button",
  ...button
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={`button button--${variant}${className ? ` ${className}` : ""}`} {...button} />;
}

export interface SummaryItem {
  /** The id of the field the message belongs to, or none for form-wide messages. */
  fieldId?: string;
  message: string;
}

/**
 * Lists a form's errors at its top and takes focus each time `focusKey` changes (on each failed
 * submit), so the errors are announced; each item links to its field.
 */
export function ErrorSummary({ items, focusKey, title = "There is a problem" }: { items: SummaryItem[]; focusKey: number; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
    // Focus follows each submit, not each keystroke.
  }, [focusKey]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 id={titleId}>{title}</h2>
      <ul>
        {items.map((item, index) => (
          <li key={`${item.fieldId ?? "form"}-${index}`}>
            {item.fieldId ? (
              <a
                href={`#${item.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.fieldId!)?.focus();
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Builds summary items from field errors (in the form's field order) plus general messages. */
export function summaryItems(
  fields: Record<string, string>,
  order: readonly string[],
  general: readonly string[] = [],
  idFor: (name: string) => string = (name) => `field-${name}`,
): SummaryItem[] {
  const items: SummaryItem[] = general.map((message) => ({ message }));
  for (const name of order) {
    if (fields[name]) items.push({ fieldId: idFor(name), message: fields[name] });
  }
  return items;
}
