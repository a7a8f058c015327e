/** The record keeper's form on the meeting page: held or did not take place, notes, and the actions agreed. */
import { useEffect, useRef, useState } from "react";
import { api, unwrap, type MeetingDetail, type Schemas } from "../../api/client";
import { problemToFormErrors } from "../../api/problems";
import { Button, Checkbox, ErrorSummary, Radios, TextArea, summaryItems } from "../../components/forms";
import type { Errors } from "../../lib/validation";
import { MEETING_WORDS } from "../../lib/labels";
import { ActionRowFields, type ActionRow } from "./ActionRowFields";
import { Loaded } from "../../components/Page";
import { saveReviews, TargetReviewFields, useOpenTargets, useReviews, type ReviewRow } from "./TargetReviews";

const MAX_ACTIONS = 30;

export function RecordForm({
  meeting,
  meId,
  onSaved,
  onCancel,
}: {
  meeting: MeetingDetail;
  meId: string | undefined;
  onSaved: (meeting: MeetingDetail) => void;
  onCancel?: () => void;
}) {
  const record = meeting.record;
  const nextKey = useRef(0);
  const newRow = (): ActionRow => ({ key: nextKey.current++, text: "", owner: meId === meeting.mentor.id ? "mentee" : "mentor", due_on: "" });
  const [status, setStatus] = useState<string>(meeting.status === "missed" ? "missed" : meeting.status === "held" ? "held" : "");
  const [notes, setNotes] = useState(record?.notes ?? "");
  // Notes on targets written before targets were reviewed by reference are kept as they were.
  const earlierTargetNotes = record?.targets_reviewed ?? "";
  const openTargets = useOpenTargets(meeting.pairing_id);
  const reviewed = useReviews(meeting.id, record !== null && record !== undefined);
  const [reviews, setReviews] = useState<ReviewRow[] | null>(null);
  const reviewRows: ReviewRow[] =
    reviews ?? (reviewed.data ?? []).map((r) => ({ target_id: r.target.id, note: r.note, outcome: r.status_set === "achieved" || r.status_set === "dropped" ? r.status_set : "" }));
  const choices = [
    ...(reviewed.data ?? []).map((r) => r.target).filter((t) => !(openTargets.data ?? []).some((o) => o.id === t.id)),
    ...(openTargets.data ?? []),
  ];
  const [wellbeing, setWellbeing] = useState(record?.wellbeing_discussed ?? false);
  const [actions, setActions] = useState<ActionRow[]>(() =>
    (record?.actions ?? []).map((a) => ({
      key: nextKey.current++,
      id: a.id,
      text: a.text,
      owner: a.owner.id === meeting.mentee.id ? "mentee" : "mentor",
      due_on: a.due_on ?? "",
    })),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const focusAfterAdd = useRef<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from "Change the record": the form's heading takes focus.
  useEffect(() => {
    if (record) heading.current?.focus();
    // Only when the form opens.
  }, []);

  const rowNames = actions.flatMap((_, i) => [`action-${i}-text`, `action-${i}-due_on`]);
  const order = ["status", "notes", "target_reviews", ...reviewRows.map((r) => `review-${r.target_id}-note`), ...rowNames];

  function update(index: number, change: Partial<ActionRow>) {
    setActions((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  }

  function addRow() {
    const row = newRow();
    focusAfterAdd.current = row.key;
    setActions((rows) => [...rows, row]);
  }

  function removeRow(index: number) {
    setActions((rows) => rows.filter((_, i) => i !== index));
    // Focus goes somewhere sensible: the "Add an action" button.
    requestAnimationFrame(() => document.getElementById("record-add-action")?.focus());
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const found = recordProblems(status, notes, reviewRows, actions);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setGeneral([]);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const body: Schemas["RecordWrite"] = {
        status: status as "held" | "missed",
        notes: notes.trim(),
        targets_reviewed: earlierTargetNotes,
        wellbeing_discussed: wellbeing,
        actions: actions.map((row) => ({ id: row.id ?? null, text: row.text.trim(), owner: row.owner, due_on: row.due_on || null })),
      };
      const saved = await unwrap(api.PUT("/api/v1/meetings/{meeting_id}/record", { params: { path: { meeting_id: meeting.id } }, body }));
      // The targets it reviewed, once it is recorded as held (a meeting that did not take place reviewed none).
      if (saved.status === "held" && (reviewRows.length > 0 || (reviewed.data ?? []).length > 0)) await saveReviews(meeting.id, reviewRows);
      setErrors({});
      setGeneral([]);
      onSaved(saved);
    } catch (error) {
      const mapped = problemToFormErrors(error, order, actionAliases(actions.length));
      setErrors(mapped.fields);
      setGeneral(mapped.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const items = summaryItems(errors, order, general, (name) => `record-${name}`);

  return (
    <div className="panel">
      <h3 id="record-form-heading" ref={heading} tabIndex={-1}>{record ? "Change the record" : "Write the record"}</h3>
      <p>You keep the record of this meeting. Both of you and your school lead can read it.</p>
      <ErrorSummary items={items} focusKey={attempt} />
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="record-form-heading">
        <Radios
          legend="Did the meeting happen?"
          name="status"
          id="record-status"
          value={status}
          error={errors.status}
          onChange={setStatus}
          options={[
            { value: "held", label: "Yes, it was held" },
            { value: "missed", label: `No: ${MEETING_WORDS.didNotTakePlace.label.toLowerCase()}`, hint: MEETING_WORDS.didNotTakePlace.explain },
          ]}
        />
        <TextArea label="Notes" id="record-notes" name="notes" rows={6} value={notes} error={errors.notes} onChange={(e) => setNotes(e.target.value)} />
        {status !== "missed" && (
          <Loaded load={openTargets} what="Loading the open targets">
            {() => <TargetReviewFields choices={choices} rows={reviewRows} errors={errors} onChange={setReviews} />}
          </Loaded>
        )}
        <div className="field">
          <Checkbox name="wellbeing_discussed" label="We talked about wellbeing and workload" checked={wellbeing} onChange={(e) => setWellbeing(e.target.checked)} />
        </div>
        <fieldset className="field">
          <legend>Actions agreed</legend>
          {actions.length === 0 && <p className="hint">No actions. Add one for each thing either of you will do before next time.</p>}
          {actions.map((row, index) => (
            <ActionRowFields
              key={row.key}
              row={row}
              index={index}
              errors={errors}
              names={{ mentor: meeting.mentor.full_name, mentee: meeting.mentee.full_name }}
              autoFocus={focusAfterAdd.current === row.key}
              onChange={(change) => update(index, change)}
              onRemove={() => removeRow(index)}
            />
          ))}
          {actions.length < MAX_ACTIONS && (
            <Button variant="secondary" id="record-add-action" onClick={addRow}>
              Add an action
            </Button>
          )}
        </fieldset>
        <div className="button-row">
          <Button type="submit" disabled={busy}>
            Save the record
          </Button>
          {onCancel && (
            <Button variant="secondary" onClick={onCancel} disabled={busy}>
              Cancel changes
            </Button>
          )}
        </div>
      </form>
    </div>
  );
}

function recordProblems(status: string, notes: string, reviews: ReviewRow[], actions: ActionRow[]): Errors {
  const found: Errors = {};
  if (!status) found.status = "Choose whether the meeting was held or did not take place";
  if (notes.length > 20000) found.notes = "The notes must be 20,000 characters or fewer";
  reviews.forEach((r) => {
    if (r.note.length > 5000) found[`review-${r.target_id}-note`] = "A progress note must be 5,000 characters or fewer";
  });
  actions.forEach((row, i) => {
    if (!row.text.trim()) found[`action-${i}-text`] = `Enter what action ${i + 1} is, or remove it`;
    else if (row.text.length > 500) found[`action-${i}-text`] = `Action ${i + 1} must be 500 characters or fewer`;
  });
  return found;
}

/** The API names action fields `actions.0.text`; the form names them `action-0-text`. */
function actionAliases(count: number): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    aliases[`actions.${i}.text`] = `action-${i}-text`;
    aliases[`actions.${i}.due_on`] = `action-${i}-due_on`;
    aliases[`actions.${i}.owner`] = `action-${i}-text`;
  }
  return aliases;
}
