import { useState } from "react";
import { api, unwrap, type MeetingDetail } from "../../api/client";
import { Button, ErrorSummary, TextField } from "../../components/forms";
import { useForm } from "../../components/useForm";
import { maxLength, required, validate } from "../../lib/validation";

export function AddAgendaItem({ meeting, onAdded }: { meeting: MeetingDetail; onAdded: (m: MeetingDetail) => void }) {
  const form = useForm({ text: "" });
  const [done, setDone] = useState("");

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setDone("");
    const added = form.values.text.trim();
    const ok = await form.submit(
      (values) => validate(values, { text: [required("Enter something to talk about"), maxLength(500, "The item")] }),
      async (values) => {
        const updated = await unwrap(
          api.POST("/api/v1/meetings/{meeting_id}/agenda-items", { params: { path: { meeting_id: meeting.id } }, body: { text: values.text.trim() } }),
        );
        onAdded(updated);
      },
    );
    if (ok) {
      form.reset();
      setDone(`Added “${added}” to the agenda.`);
    }
  }

  return (
    <div className="panel">
      <ErrorSummary items={form.summary.map((i) => (i.fieldId ? { ...i, fieldId: "agenda-text" } : i))} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form" aria-label="Add to the agenda">
        <TextField label="Add to the agenda" hint="Something either of you wants to talk about." id="agenda-text" {...form.field("text")} />
        <Button type="submit" variant="secondary" disabled={form.busy}>
          Add to agenda
        </Button>
      </form>
      <p role="status" className="hint">
        {done}
      </p>
    </div>
  );
}
