import { useEffect, useRef, useState } from "react";
import { api, unwrap, type MeetingDetail } from "../../api/client";
import { problemList } from "../../api/problems";
import { Button, ErrorSummary, Radios, TextArea, TextField, withFieldPrefix } from "../../components/forms";
import { useForm } from "../../components/useForm";
import { formatDate, MEETING_WORDS } from "../../lib/labels";
import { ChangePreview } from "./ChangePreview";
import { changeBody, changedMessage, changeProblems, changeWeek, type CancelResult, type ChangeField, type ChangeValues } from "./changeRules";

const ALIASES = { new_starts_at: "new_date" };

/** Cancel or move a meeting: a check first (a dry run listing what changes and any clashes), then Confirm. */
export function ChangeMeeting({ meeting, onChanged }: { meeting: MeetingDetail; onChanged: (text: string) => void }) {
  const week = changeWeek(meeting);
  const form = useForm<ChangeField>({ reason: "", outcome: "", new_date: week.start.date, new_time: week.start.time, scope: "this" });
  const [preview, setPreview] = useState<{ key: string; result: CancelResult } | null>(null);
  const [checks, setChecks] = useState(0);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const fresh = preview !== null && preview.key === JSON.stringify(form.values);
  const moving = form.values.outcome === "moved";
  const check = (values: ChangeValues) => changeProblems(values, week);
  const path = { meeting_id: meeting.id };

  useEffect(() => {
    if (checks > 0) resultHeading.current?.focus();
  }, [checks]);

  async function onCheck(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      check,
      async (values) => {
        const result = await unwrap(api.POST("/api/v1/meetings/{meeting_id}/cancel", { params: { path, query: { dry_run: true } }, body: changeBody(values) }));
        setPreview({ key: JSON.stringify(values), result });
        setChecks((n) => n + 1);
      },
      ALIASES,
    );
  }

  async function onConfirm() {
    let changed: CancelResult["changed"] = [];
    const ok = await form.submit(
      check,
      async (values) => {
        try {
          changed = (await unwrap(api.POST("/api/v1/meetings/{meeting_id}/cancel", { params: { path }, body: changeBody(values) }))).changed;
        } catch (error) {
          // A clash found on saving is listed as the check lists it.
          const clashes = problemList(error, "clashes");
          if (clashes) setPreview({ key: JSON.stringify(values), result: { changed: preview?.result.changed ?? [], clashes, dry_run: true } });
          throw error;
        }
      },
      ALIASES,
    );
    if (ok) onChanged(changedMessage(changed, moving));
  }

  return (
    <section className="panel" aria-labelledby="change-heading">
      <h2 id="change-heading">Move or call off this meeting</h2>
      <p>
        The protected hour should still happen this week if it can: move it to another time in the same week. A meeting that cannot happen is
        called off and counts against the entitlement. If it was due and did not happen, record that afterwards instead: "{MEETING_WORDS.didNotTakePlace.label}".
      </p>
      <ErrorSummary items={withFieldPrefix(form.summary, "change")} focusKey={form.attempt} />
      <form onSubmit={onCheck} noValidate className="form" aria-labelledby="change-heading">
        <TextArea label="Reason" hint="For example: parents' evening, or the mentor is covering a lesson." id="change-reason" {...form.field("reason")} />
        <Radios
          legend="What happens to the meeting?"
          name="outcome"
          id="change-outcome"
          value={form.values.outcome}
          error={form.errors.outcome}
          onChange={(value) => form.set("outcome", value)}
          options={[
            // A meeting that has started cannot move: the API says so in can.move.
            ...(meeting.can.move ? [{ value: "moved", label: "Move it to a new time in the same week" }] : []),
            { value: "lost", label: "Call it off", hint: MEETING_WORDS.calledOff.explain },
          ]}
        />
        {moving && (
          <div className="field-pair">
            <TextField
              label="New date"
              hint={`A school day from Monday ${formatDate(week.weekStart)} to Friday ${formatDate(week.weekEnd)}.`}
              type="date"
              id="change-new_date"
              min={week.weekStart}
              max={week.weekEnd}
              {...form.field("new_date")}
            />
            <TextField label="New start time" hint="School time (UK)." type="time" id="change-new_time" className="field--short" {...form.field("new_time")} />
          </div>
        )}
        {meeting.slot_id && (
          <Radios
            legend="Which meetings?"
            name="scope"
            id="change-scope"
            value={form.values.scope}
            error={form.errors.scope}
            onChange={(value) => form.set("scope", value)}
            options={[
              { value: "this", label: "Only this meeting" },
              { value: "following", label: "This meeting and every later one in the weekly slot" },
            ]}
          />
        )}
        <Button type="submit" variant={fresh ? "secondary" : "primary"} disabled={form.busy}>
          Check
        </Button>
      </form>
      {preview && <ChangePreview result={preview.result} fresh={fresh} moving={moving} busy={form.busy} headingRef={resultHeading} onConfirm={onConfirm} />}
    </section>
  );
}
