/** Form building blocks: every control has a label; hints and errors are tied to it. */
import {
  useEffect,
  useId,
  useRef,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import type { Choice } from "../lib/labels";

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string;
}

function describedBy(hintId: string, errorId: string, hint?: ReactNode, error?: string): string | undefined {
  return [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
}

/** What a control needs to be tied to its label, hint and error. */
interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** The label, hint and error around one control; `control` renders the control itself. */
function Field({
  label,
  hint,
  error,
  id,
  className,
  control,
}: FieldProps & { id: string; className?: string; control: (props: ControlProps) => ReactNode }) {
  const auto = useId();
  const hintId = `${auto}-hint`;
  const errorId = `${auto}-error`;
  return (
    <div className={`field${error ? " field--error" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
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
      {control({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy(hintId, errorId, hint, error),
      })}
    </div>
  );
}

export function TextField({
  label,
  hint,
  error,
  id,
  className,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  return (
    <Field
      {...{ label, hint, error, className }}
      id={id ?? `field-${input.name}`}
      control={(tied) => <input type="text" {...input} {...tied} />}
    />
  );
}

/** A select; `blank` is a first, empty choice ("Any school", "Choose a role"), then `options`, then any `children`. */
export function SelectField({
  label,
  hint,
  error,
  id,
  children,
  className,
  blank,
  options = [],
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { name: string; blank?: string; options?: readonly Choice[] }) {
  return (
    <Field
      {...{ label, hint, error, className }}
      id={id ?? `field-${select.name}`}
      control={(tied) => (
        <select {...select} {...tied}>
          {blank !== undefined && <option value="">{blank}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
          {children}
        </select>
      )}
    />
  );
}

export function TextArea({
  label,
  hint,
  error,
  id,
  className,
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string }) {
  return (
    <Field
      {...{ label, hint, error, className }}
      id={id ?? `field-${textarea.name}`}
      control={(tied) => <textarea rows={3} {...textarea} {...tied} />}
    />
  );
}

/**
 * One choice from a few, as radio buttons under a legend. The group's id is `field-<name>` so
 * summary links land on it; arrow keys move between the options.
 */
export function Radios({
  legend,
  hint,
  error,
  name,
  id,
  value,
  options,
  onChange,
}: {
  legend: string;
  hint?: ReactNode;
  error?: string;
  name: string;
  id?: string;
  value: string;
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  onChange: (value: string) => void;
}) {
  const groupId = id ?? `field-${name}`;
  return (
    <Fieldset id={groupId} legend={legend} hint={hint} error={error}>
      <div className="radios">
        {options.map((option) => (
          <div className="radio" key={option.value}>
            <input
              id={`${groupId}-${option.value}`}
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-describedby={option.hint ? `${groupId}-${option.value}-hint` : undefined}
            />
            <label htmlFor={`${groupId}-${option.value}`}>{option.label}</label>
            {option.hint && (
              <p className="hint radio__hint" id={`${groupId}-${option.value}-hint`}>
                {option.hint}
              </p>
            )}
          </div>
        ))}
      </div>
    </Fieldset>
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

/**
 * A button. `disabled` (while a form saves, say) is said with aria-disabled rather than the
 * attribute, so the button keeps focus and a keyboard or screen-reader user stays where they
 * were: a disabled button would drop focus to the page body. Clicks do nothing meanwhile, and a
 * submit button holds back its form's submit (Enter in a field) until it is enabled again.
 */
export function Button({
  variant = "primary",
  className,
  type = "button",
  disabled,
  onClick,
  ...button
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const form = ref.current?.form;
    if (!disabled || type !== "submit" || !form) return;
    // Runs on the form itself, before the app's own submit handler sees the event.
    const holdBack = (event: Event) => {
      event.preventDefault();
      event.stopPropagation();
    };
    form.addEventListener("submit", holdBack);
    return () => form.removeEventListener("submit", holdBack);
  }, [disabled, type]);
  return (
    <button
      ref={ref}
      type={type}
      className={`button button--${variant}${className ? ` ${className}` : ""}`}
      aria-disabled={disabled ? true : undefined}
      onClick={(event) => {
        if (disabled) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
      {...button}
    />
  );
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

/** Points summary items at fields whose ids start `<prefix>-` instead of `field-`, for a screen with more than one form. */
export function withFieldPrefix(items: SummaryItem[], prefix: string): SummaryItem[] {
  return items.map((item) => (item.fieldId ? { ...item, fieldId: item.fieldId.replace("field-", `${prefix}-`) } : item));
}
