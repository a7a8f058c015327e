/** Targets reviewed at a meeting, by reference: the record form offers the pair's open targets
 * (and any this meeting already reviewed) to tick, each with a progress note and an outcome; the
 * record shows what was reviewed. Reviews belong to targets, saved beside the record. */
import { api, unwrap, type Schemas, type Target } from "../../api/client";
import { Checkbox, Radios, TextArea } from "../../components/forms";
import { Loaded } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { formatDate } from "../../lib/labels";
import { standardsText, TARGET_STATUS_LABELS } from "../../lib/observations";

export type Review = Schemas["TargetReviewPublic"];
export type ReviewRow = { target_id: string; note: string; outcome: "" | "achieved" | "dropped" };

export function useReviews(meetingId: string, hasRecord: boolean) {
  return useLoad(
    () =>
      hasRecord
        ? unwrap(api.GET("/api/v1/meetings/{meeting_id}/target-reviews", { params: { path: { meeting_id: meetingId }, query: { limit: 50 } } })).then((p) => p.items)
        : Promise.resolve([] as Review[]),
    [meetingId, hasRecord],
  );
}

/** The pair's open targets: the ones a meeting may review. */
export function useOpenTargets(pairingId: string) {
  return useLoad(() => unwrap(api.GET("/api/v1/targets", { params: { query: { pairing_id: pairingId, status: "open", limit: 100 } } })).then((p) => p.items), [pairingId]);
}

export function saveReviews(meetingId: string, rows: ReviewRow[]) {
  return unwrap(
    api.PUT("/api/v1/meetings/{meeting_id}/target-reviews", {
      params: { path: { meeting_id: meetingId } },
      body: { reviews: rows.map((r) => ({ target_id: r.target_id, note: r.note.trim(), status: r.outcome || null })) },
    }),
  );
}

type Choice = Pick<Target, "id" | "text" | "standards" | "due_on" | "status">;

/** Ticking a target opens its note and outcome. */
export function TargetReviewFields({
  choices,
  rows,
  errors,
  onChange,
}: {
  choices: Choice[];
  rows: ReviewRow[];
  errors: Record<string, string>;
  onChange: (rows: ReviewRow[]) => void;
}) {
  const byId = new Map(rows.map((r) => [r.target_id, r]));
  function toggle(id: string, on: boolean) {
    onChange(on ? [...rows, { target_id: id, note: "", outcome: "" }] : rows.filter((r) => r.target_id !== id));
  }
  function update(id: string, change: Partial<ReviewRow>) {
    onChange(rows.map((r) => (r.target_id === id ? { ...r, ...change } : r)));
  }
  return (
    <fieldset className="field" id="record-target_reviews">
      <legend>Targets reviewed</legend>
      {choices.length === 0 ? (
        <p className="hint">No open targets. Set targets from an observation or from this meeting once it is recorded.</p>
      ) : (
        <p className="hint">Tick each open target you talked about, and say how it is going.</p>
      )}
      {choices.map((target) => {
        const row = byId.get(target.id);
        return (
          <div className="panel target-review" key={target.id}>
            <Checkbox
              name={`review-${target.id}`}
              id={`review-${target.id}`}
              checked={row !== undefined}
              onChange={(e) => toggle(target.id, e.target.checked)}
              label={
                <>
                  {target.text} <span className="hint">({standardsText(target.standards)}; due {formatDate(target.due_on)})</span>
                </>
              }
            />
            {row && (
              <>
                <TextArea
                  label="Progress and next steps"
                  id={`review-${target.id}-note`}
                  name={`review-${target.id}-note`}
                  rows={2}
                  maxLength={5000}
                  value={row.note}
                  error={errors[`review-${target.id}-note`]}
                  onChange={(e) => update(target.id, { note: e.target.value })}
                />
                <Radios
                  legend="Outcome"
                  name={`review-${target.id}-outcome`}
                  id={`review-${target.id}-outcome`}
                  value={row.outcome}
                  onChange={(value) => update(target.id, { outcome: value as ReviewRow["outcome"] })}
                  options={[
                    { value: "", label: "Still working on it" },
                    { value: "achieved", label: "Achieved" },
                    { value: "dropped", label: "Dropped" },
                  ]}
                />
              </>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** What the meeting reviewed, as the record shows it. */
export function ReviewedTargets({ meetingId }: { meetingId: string }) {
  const reviews = useReviews(meetingId, true);
  return (
    <Loaded load={reviews} what="Loading the targets reviewed">
      {(items) =>
        items.length === 0 ? (
          <>None</>
        ) : (
          <ul className="item-list">
            {items.map((r) => (
              <li key={r.id}>
                <strong>{r.target.text}</strong>
                {r.status_set ? ` (${TARGET_STATUS_LABELS[r.status_set].toLowerCase()} at this meeting)` : ""}
                {r.note && <span className="prose">: {r.note}</span>}
              </li>
            ))}
          </ul>
        )
      }
    </Loaded>
  );
}
