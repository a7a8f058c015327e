import { useState } from "react";
import { api, unwrap, type School } from "../../api/client";
import { Button, Checkbox, ErrorSummary, Fieldset } from "../../components/forms";
import { Notice } from "../../components/Page";
import { useForm } from "../../components/useForm";
import type { Errors } from "../../lib/validation";

/** Copies a school's term dates to other schools the signed-in person manages. */
export function CopyTermDates({ school, targets }: { school: School; targets: School[] }) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [replace, setReplace] = useState(false);
  const form = useForm({ targets: "" });
  const [done, setDone] = useState<string | null>(null);

  function toggle(id: string, on: boolean) {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setDone(null);
    await form.submit(
      (): Errors => (chosen.size === 0 ? { targets: "Choose at least one school to copy to" } : {}),
      async () => {
        const result = await unwrap(
          api.POST("/api/v1/schools/{school_id}/term-dates/copy", {
            params: { path: { school_id: school.id } },
            body: { target_school_ids: [...chosen], replace },
          }),
        );
        const count = result.target_school_ids.length;
        setDone(`Copied ${result.copied} term date${result.copied === 1 ? "" : "s"} to ${count} school${count === 1 ? "" : "s"}.`);
        setChosen(new Set());
      },
      { target_school_ids: "targets" },
    );
  }

  return (
    <section className="panel" aria-labelledby="copy-heading">
      <h2 id="copy-heading">Copy these dates to other schools</h2>
      {done && <Notice kind="success">{done}</Notice>}
      <ErrorSummary items={form.summary.map((item) => (item.fieldId ? { ...item, fieldId: "copy-targets" } : item))} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate>
        <Fieldset id="copy-targets" legend="Schools to copy to" error={form.errors.targets}>
          {targets.map((target) => (
            <Checkbox
              key={target.id}
              name="target_school_ids"
              value={target.id}
              label={target.name}
              checked={chosen.has(target.id)}
              onChange={(e) => toggle(target.id, e.target.checked)}
            />
          ))}
        </Fieldset>
        <div className="field">
          <Checkbox
            name="replace"
            label="Replace the term dates those schools already have"
            checked={replace}
            onChange={(e) => setReplace(e.target.checked)}
          />
          <p className="hint">Without this, copying stops if the dates overlap ones a school already has.</p>
        </div>
        <Button type="submit" variant="secondary" disabled={form.busy}>
          Copy term dates
        </Button>
      </form>
    </section>
  );
}
