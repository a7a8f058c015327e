/** Set a target from an observation (or, with `sourceType`, a meeting record). */
import { useState } from "react";
import { api, unwrap, type Target } from "../../api/client";
import { Button, ErrorSummary, TextArea, TextField } from "../../components/forms";
import { StandardsToggles } from "../../components/StandardsToggles";
import { useForm } from "../../components/useForm";
import { addDays, schoolToday } from "../../lib/time";
import { maxLength, required, validate } from "../../lib/validation";

export function TargetForm({ sourceId, sourceType = "observation", initialStandards = [], onSet }: { sourceId: string; sourceType?: "observation" | "meeting"; initialStandards?: number[]; onSet: (target: Target) => void }) {
  const today = schoolToday();
  const form = useForm<"text" | "due_on" | "standards">({ text: "", due_on: addDays(today, 28), standards: "" });
  const [standards, setStandards] = useState<number[]>(initialStandards);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      (values) => {
        const errors = validate(values, { text: [required("Write the target"), maxLength(1000, "The target")], due_on: [required("Enter when it is due")] });
        if (!errors.text && values.text.trim().length < 3) errors.text = "Write the target in a few words at least";
        if (!errors.due_on && values.due_on < today) errors.due_on = "The due date must be today or later";
        return errors;
      },
      async (values) => {
        const target = await unwrap(api.POST("/api/v1/targets", { body: { source_type: sourceType, source_id: sourceId, standards, text: values.text.trim(), due_on: values.due_on } }));
        form.reset();
        onSet(target);
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="target-heading">
      <h2 id="target-heading">Set a target</h2>
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="target-heading">
        <StandardsToggles id="field-standards" legend="Standards it works on" value={standards} onChange={setStandards} error={form.errors.standards} />
        <TextArea label="Target" rows={3} maxLength={1000} {...form.field("text")} />
        <TextField label="Due by" type="date" min={today} {...form.field("due_on")} />
        <Button type="submit" className="button--large" disabled={form.busy}>
          {form.busy ? "Saving…" : "Set the target"}
        </Button>
      </form>
    </section>
  );
}
