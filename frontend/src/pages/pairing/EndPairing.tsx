import { useState } from "react";
import { api, unwrap, type Pairing } from "../../api/client";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Button, ErrorSummary, TextArea, TextField, withFieldPrefix } from "../../components/forms";
import { useForm } from "../../components/useForm";
import { formatDate } from "../../lib/labels";
import { maxLength, required, validate } from "../../lib/validation";

/** Ends a pairing before its planned last day, once the form is checked and the dialog confirmed. */
export function EndPairing({ pairing, onEnded }: { pairing: Pairing; onEnded: (pairing: Pairing) => void }) {
  const form = useForm({ ends_on: "", reason: "" });
  const [confirming, setConfirming] = useState(false);

  function check(values: Record<"ends_on" | "reason", string>) {
    const errors = validate(values, {
      ends_on: [required("Enter the last day of the pairing")],
      reason: [required("Say why the pairing is ending"), maxLength(500, "The reason")],
    });
    if (!errors.ends_on && (values.ends_on < pairing.starts_on || values.ends_on > pairing.ends_on)) {
      errors.ends_on = `The last day must be between ${formatDate(pairing.starts_on)} and ${formatDate(pairing.ends_on)}`;
    }
    if (!errors.reason && values.reason.trim().length < 3) errors.reason = "The reason must be at least 3 characters";
    return errors;
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    // Check first, then ask for confirmation; the dialog's button sends it.
    const ok = await form.submit(check, async () => setConfirming(true));
    if (!ok) setConfirming(false);
  }

  async function confirm() {
    const ok = await form.submit(check, async (values) => {
      const ended = await unwrap(
        api.POST("/api/v1/pairings/{pairing_id}/end", {
          params: { path: { pairing_id: pairing.id } },
          body: { ends_on: values.ends_on, reason: values.reason.trim() },
        }),
      );
      onEnded(ended);
    });
    setConfirming(false);
    if (ok) form.reset();
  }

  return (
    <section className="panel" aria-labelledby="end-heading">
      <h2 id="end-heading">End this pairing early</h2>
      <p>The pairing's history stays. Meetings after the last day are cancelled as "Pairing ended" and count against nobody.</p>
      <ErrorSummary items={withFieldPrefix(form.summary, "end-field")} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="end-heading">
        <TextField label="Last day" type="date" id="end-field-ends_on" {...form.field("ends_on")} />
        <TextArea label="Reason" hint="For example: the mentor has left the school." id="end-field-reason" {...form.field("reason")} />
        <Button type="submit" variant="danger" disabled={form.busy}>
          End pairing
        </Button>
      </form>
      <ConfirmDialog
        open={confirming}
        title="End this pairing?"
        confirmLabel="End pairing"
        danger
        busy={form.busy}
        onConfirm={confirm}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {pairing.mentor.full_name} and {pairing.mentee.full_name} will stop being paired after {formatDate(form.values.ends_on)}. Their later meetings
          will be cancelled.
        </p>
      </ConfirmDialog>
    </section>
  );
}
