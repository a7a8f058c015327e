import { useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { Button, ErrorSummary, withFieldPrefix, type SummaryItem } from "../../components/forms";

/**
 * The edit form of someone's mentor or mentee profile around its fields (`children`, with ids
 * starting `edit-<kind>`). Its heading takes focus when it opens, so the form is announced.
 */
export function EditProfilePanel({
  kind,
  name,
  form,
  onSubmit,
  onCancel,
  children,
}: {
  kind: "mentor" | "mentee";
  name: string;
  form: { summary: SummaryItem[]; attempt: number; busy: boolean };
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const headingId = `edit-${kind}-heading`;
  return (
    <div className="panel">
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        Edit {name}'s {kind} profile
      </h3>
      <ErrorSummary items={withFieldPrefix(form.summary, `edit-${kind}`)} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby={headingId}>
        {children}
        <div className="button-row">
          <Button type="submit" disabled={form.busy}>
            Save changes
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}
