/**
 * The observer's record, made for a phone in a classroom: big controls, the standards as
 * toggles, and everything typed kept on the device until the server has it (a lost connection
 * or a closed tab loses nothing). After sharing, the same form amends, with a reason.
 */
import { useEffect, useRef, useState } from "react";
import { api, unwrap, type ObservationDetail } from "../../api/client";
import { problemToFormErrors } from "../../api/problems";
import { Button, Checkbox, ErrorSummary, TextArea, summaryItems } from "../../components/forms";
import { StandardsToggles } from "../../components/StandardsToggles";
import { clearDraft, loadDraft, saveDraft } from "../../lib/observations";
import { formatWhen } from "../../lib/time";
import type { Errors } from "../../lib/validation";

const ORDER = ["focus_standards", "strengths", "points_to_develop", "reason"];

export function RecordForm({
  observation,
  amend,
  onSaved,
  onCancel,
}: {
  observation: ObservationDetail;
  amend: boolean;
  onSaved: (observation: ObservationDetail, text: string) => void;
  onCancel?: () => void;
}) {
  const record = observation.record;
  const [restored] = useState(() => loadDraft(observation.id));
  const [standards, setStandards] = useState<number[]>(restored?.focus_standards ?? record?.focus_standards ?? []);
  const [strengths, setStrengths] = useState(restored?.strengths ?? record?.strengths ?? "");
  const [toDevelop, setToDevelop] = useState(restored?.points_to_develop ?? record?.points_to_develop ?? "");
  const [feedbackGiven, setFeedbackGiven] = useState(restored?.feedback_given ?? Boolean(record?.feedback_given_at));
  const [reason, setReason] = useState(restored?.reason ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const touched = useRef(false);

  // Every change is kept on the device at once; saving clears it.
  useEffect(() => {
    if (!touched.current) return;
    saveDraft(observation.id, { focus_standards: standards, strengths, points_to_develop: toDevelop, feedback_given: feedbackGiven, reason });
  }, [observation.id, standards, strengths, toDevelop, feedbackGiven, reason]);

  function change<T>(set: (value: T) => void) {
    return (value: T) => {
      touched.current = true;
      set(value);
    };
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const found: Errors = {};
    if (!strengths.trim() && !toDevelop.trim()) found.strengths = "Write at least one strength or one point to develop";
    if (amend && reason.trim().length < 3) found.reason = "Say why the shared record changes";
    if (Object.keys(found).length) {
      setErrors(found);
      setGeneral([]);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    const given = feedbackGiven ? record?.feedback_given_at ?? new Date().toISOString() : null;
    const body = { focus_standards: standards, strengths: strengths.trim(), points_to_develop: toDevelop.trim(), feedback_given_at: given };
    const path = { params: { path: { observation_id: observation.id } } };
    try {
      const saved = amend
        ? await unwrap(api.POST("/api/v1/observations/{observation_id}/amendments", { ...path, body: { ...body, reason: reason.trim() } }))
        : await unwrap(api.PUT("/api/v1/observations/{observation_id}/record", { ...path, body }));
      clearDraft(observation.id);
      onSaved(saved, amend ? "The amendment has been saved; the shared version is kept." : "The record has been saved.");
    } catch (error) {
      const mapped = problemToFormErrors(error, ORDER, { feedback_given_at: "strengths" });
      const offline = !(error instanceof Error) || /could not be reached/.test(error.message);
      setErrors(mapped.fields);
      setGeneral(offline ? [...mapped.general, "Your record is kept on this device; save again when you are back online."] : mapped.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const items = summaryItems(errors, ORDER, general, (name) => `obs-${name}`);
  return (
    <section className="panel record-form" aria-labelledby="obs-record-heading">
      <h2 id="obs-record-heading">{amend ? "Amend the shared record" : record ? "Change the record" : "Write the record"}</h2>
      {restored && (
        <p className="notice notice--info" role="status">
          Restored what you wrote on this device{restored.saved_at ? ` (${formatWhen(restored.saved_at)})` : ""}; it is not saved until you save it.
        </p>
      )}
      <ErrorSummary items={items} focusKey={attempt} />
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="obs-record-heading">
        <StandardsToggles
          id="obs-focus_standards"
          legend="Focus: Teachers' Standards"
          hint="Tap each standard the lesson showed."
          error={errors.focus_standards}
          value={standards}
          onChange={change(setStandards)}
        />
        <TextArea id="obs-strengths" name="strengths" label="Strengths" rows={5} maxLength={10000} value={strengths} error={errors.strengths} onChange={(e) => change(setStrengths)(e.target.value)} />
        <TextArea
          id="obs-points_to_develop"
          name="points_to_develop"
          label="Points to develop"
          rows={5}
          maxLength={10000}
          value={toDevelop}
          error={errors.points_to_develop}
          onChange={(e) => change(setToDevelop)(e.target.value)}
        />
        <Checkbox name="feedback_given" label="I have given the mentee feedback" checked={feedbackGiven} onChange={(e) => change(setFeedbackGiven)(e.target.checked)} />
        {amend && (
          <TextArea id="obs-reason" name="reason" label="Why it changes" hint="The mentee has read the shared version; it is kept." rows={2} maxLength={500} value={reason} error={errors.reason} onChange={(e) => change(setReason)(e.target.value)} />
        )}
        <div className="button-row">
          <Button type="submit" className="button--large" disabled={busy}>
            {busy ? "Saving…" : amend ? "Save the amendment" : "Save the record"}
          </Button>
          {onCancel && (
            <Button variant="secondary" className="button--large" onClick={onCancel}>
              Close
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
