/** One observation: when and who, the record (as far as the reader may see it), and what they may do next. */
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap, type ObservationDetail, type Target } from "../api/client";
import { Button, ErrorSummary, TextArea } from "../components/forms";
import { Badges } from "../components/Meetings";
import { LoadFailed, Loading, Notice, Page, type Message } from "../components/Page";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { OBSERVATION_KIND_LABELS, OBSERVER_ROLE_LABELS, observationBadge, standardsText } from "../lib/observations";
import { formatSpan, formatWhen } from "../lib/time";
import { required, validate } from "../lib/validation";
import { RecordForm } from "./observation/RecordForm";
import { TargetForm } from "./observation/TargetForm";

export function ObservationPage() {
  const { observationId = "" } = useParams();
  const load = useLoad(() => unwrap(api.GET("/api/v1/observations/{observation_id}", { params: { path: { observation_id: observationId } } })), [observationId]);
  if (load.error) return <LoadFailed title="Observation not found" error={load.error} backTo="/observations" back="Back to observations" />;
  if (!load.data) return <Loading what="Loading the observation" />;
  return <ObservationView observation={load.data} onChange={load.setData} />;
}

function ObservationView({ observation, onChange }: { observation: ObservationDetail; onChange: (o: ObservationDetail) => void }) {
  const [message, setMessage] = useState<Message | null>(null);
  const [editing, setEditing] = useState(false);
  const [targets, setTargets] = useState<Target[]>([]);
  const { can, record } = observation;
  const path = { params: { path: { observation_id: observation.id } } };

  function done(updated: ObservationDetail, text: string) {
    onChange(updated);
    setEditing(false);
    setMessage({ kind: "success", text });
    document.querySelector<HTMLElement>("main h1")?.focus();
  }

  async function share() {
    try {
      done(await unwrap(api.POST("/api/v1/observations/{observation_id}/share", path)), "Shared with the mentee.");
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    }
  }

  const showForm = (can.record && (!record || editing)) || (can.amend && editing);
  return (
    <Page title={`Observation of ${observation.mentee.full_name}`} lead={`${formatSpan(observation.starts_at, observation.ends_at)} · ${observation.subject}, ${observation.class_name} (${observation.year_group})`}>
      <p>
        <Link to="/observations">Back to observations</Link>
      </p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <Badges badges={[observationBadge(observation.status)]} />
            {observation.cancel_reason && ` ${observation.cancel_reason}`}
          </dd>
        </div>
        <div>
          <dt>Observer</dt>
          <dd>
            {observation.observer.full_name} ({OBSERVER_ROLE_LABELS[observation.observer_role]})
          </dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{OBSERVATION_KIND_LABELS[observation.kind]}</dd>
        </div>
        <div>
          <dt>Mentee</dt>
          <dd>
            {observation.mentee.full_name} (mentor: {observation.mentor.full_name})
          </dd>
        </div>
      </dl>
      {showForm && <RecordForm observation={observation} amend={observation.status === "shared"} onSaved={done} onCancel={record ? () => setEditing(false) : undefined} />}
      {record && !showForm && (
        <section className="panel" aria-labelledby="record-heading">
          <h2 id="record-heading">The record</h2>
          <dl className="facts">
            <div>
              <dt>Focus</dt>
              <dd>{standardsText(record.focus_standards)}</dd>
            </div>
            <div>
              <dt>Strengths</dt>
              <dd className="prose">{record.strengths || "None written"}</dd>
            </div>
            <div>
              <dt>Points to develop</dt>
              <dd className="prose">{record.points_to_develop || "None written"}</dd>
            </div>
            <div>
              <dt>Feedback given</dt>
              <dd>{record.feedback_given_at ? formatWhen(record.feedback_given_at) : "Not yet"}</dd>
            </div>
          </dl>
          <div className="button-row">
            {(can.record || can.amend) && (
              <Button variant="secondary" className="button--large" onClick={() => setEditing(true)}>
                {can.amend ? "Amend the record" : "Change the record"}
              </Button>
            )}
            {can.share && (
              <Button className="button--large" onClick={share}>
                Share with {observation.mentee.full_name}
              </Button>
            )}
          </div>
          {record.amendments.length > 0 && (
            <details className="amendments">
              <summary>Earlier versions ({record.amendments.length})</summary>
              <ol>
                {record.amendments.map((a) => (
                  <li key={a.id}>
                    <p>
                      Changed {formatWhen(a.amended_at)} by {a.amended_by.full_name}: {a.reason}
                    </p>
                    <p>Focus: {standardsText(a.focus_standards)}</p>
                    <p className="prose">Strengths: {a.strengths}</p>
                    <p className="prose">Points to develop: {a.points_to_develop}</p>
                  </li>
                ))}
              </ol>
            </details>
          )}
        </section>
      )}
      {!observation.content_visible && observation.status !== "scheduled" && observation.status !== "cancelled" && (
        <p>The record stays with the observer, the mentor and the school's leads{observation.status === "completed" ? " until it is shared with the mentee" : ""}.</p>
      )}
      {(observation.reflection || can.reflect) && <Reflection observation={observation} onSaved={done} />}
      {can.set_target && (
        <>
          <TargetForm sourceId={observation.id} initialStandards={record?.focus_standards ?? []} onSet={(t) => { setTargets((list) => [...list, t]); setMessage({ kind: "success", text: "Target set. It is on the targets board." }); }} />
          {targets.length > 0 && (
            <ul>
              {targets.map((t) => (
                <li key={t.id}>{t.text}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {can.cancel && <CancelObservation observation={observation} onCancelled={done} />}
    </Page>
  );
}

function Reflection({ observation, onSaved }: { observation: ObservationDetail; onSaved: (o: ObservationDetail, text: string) => void }) {
  const [editing, setEditing] = useState(!observation.reflection);
  const form = useForm<"reflection">({ reflection: observation.reflection ?? "" });
  const { can } = observation;

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      (values) => validate(values, { reflection: [required("Write your reflection")] }),
      async (values) => {
        const saved = await unwrap(
          api.PUT("/api/v1/observations/{observation_id}/reflection", { params: { path: { observation_id: observation.id } }, body: { reflection: values.reflection.trim() } }),
        );
        setEditing(false);
        onSaved(saved, "Your reflection has been saved.");
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="reflection-heading">
      <h2 id="reflection-heading">{can.reflect ? "Your reflection" : `${observation.mentee.full_name}'s reflection`}</h2>
      {!editing && <p className="prose">{observation.reflection}</p>}
      {!editing && can.reflect && (
        <Button variant="secondary" onClick={() => setEditing(true)}>
          Change your reflection
        </Button>
      )}
      {editing && can.reflect && (
        <>
          <ErrorSummary items={form.summary} focusKey={form.attempt} />
          <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="reflection-heading">
            <TextArea label="What you take from it, and what you will try next" rows={5} maxLength={10000} {...form.field("reflection")} />
            <Button type="submit" className="button--large" disabled={form.busy}>
              {form.busy ? "Saving…" : "Save your reflection"}
            </Button>
          </form>
        </>
      )}
    </section>
  );
}

function CancelObservation({ observation, onCancelled }: { observation: ObservationDetail; onCancelled: (o: ObservationDetail, text: string) => void }) {
  const [open, setOpen] = useState(false);
  const form = useForm<"reason">({ reason: "" });
  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      (values) => {
        const errors = validate(values, { reason: [required("Say why it is cancelled")] });
        if (!errors.reason && values.reason.trim().length < 3) errors.reason = "Say why in a few words";
        return errors;
      },
      async (values) => {
        const saved = await unwrap(
          api.POST("/api/v1/observations/{observation_id}/cancel", { params: { path: { observation_id: observation.id } }, body: { reason: values.reason.trim() } }),
        );
        onCancelled(saved, "The observation has been cancelled.");
      },
    );
  }
  if (!open)
    return (
      <p>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Cancel this observation
        </Button>
      </p>
    );
  return (
    <section className="panel" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel this observation</h2>
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="cancel-heading">
        <TextArea label="Reason" rows={2} maxLength={500} {...form.field("reason")} />
        <div className="button-row">
          <Button type="submit" variant="danger" disabled={form.busy}>
            Cancel the observation
          </Button>
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Keep it
          </Button>
        </div>
      </form>
    </section>
  );
}
