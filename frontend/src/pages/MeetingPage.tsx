import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap, type MeetingAction, type MeetingDetail, type Schemas } from "../api/client";
import { problemList } from "../api/problems";
import { useAuth } from "../auth/AuthContext";
import { Button, ErrorSummary, Radios, TextArea, TextField } from "../components/forms";
import { Badges, ClashTable, plural } from "../components/Meetings";
import { Loading, Notice, Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { formatDate, formatDateTime } from "../lib/labels";
import { meetingBadges } from "../lib/mentoring";
import { addDays, formatDay, formatLongDay, formatShortDate, formatTime, formatWhen, mondayOf, wallClock, wallClockToIso } from "../lib/time";
import { maxLength, required, validate, type Errors } from "../lib/validation";
import { RecordForm } from "./MeetingRecordForm";

type Message = { kind: "success" | "error"; text: string } | null;

export function MeetingPage() {
  const { meetingId = "" } = useParams();
  const meeting = useLoad(() => unwrap(api.GET("/api/v1/meetings/{meeting_id}", { params: { path: { meeting_id: meetingId } } })), [meetingId]);
  if (meeting.error) {
    return (
      <Page title="Meeting not found">
        <Notice kind="error">{meeting.error}</Notice>
        <Link to="/">Back to the home page</Link>
      </Page>
    );
  }
  if (!meeting.data) return <Loading what="Loading the meeting" />;
  return <MeetingView key={meeting.data.id} meeting={meeting.data} onChange={meeting.setData} reload={meeting.reload} />;
}

function MeetingView({ meeting, onChange, reload }: { meeting: MeetingDetail; onChange: (m: MeetingDetail) => void; reload: () => void }) {
  const { me } = useAuth();
  const [message, setMessage] = useState<Message>(null);
  const [editing, setEditing] = useState(false);
  // What each person may do comes from the server (`can`), which enforces the same rules.
  const { can } = meeting;
  const inPair = me?.id === meeting.mentor.id || me?.id === meeting.mentee.id;
  const canRecord = can.record;
  const meId = me?.id;
  // What was said (agenda, actions, record) stays with the pair and their school's leads.
  const readable = meeting.content_visible;

  function updateAction(updated: MeetingAction) {
    const swap = (list: MeetingAction[]) => list.map((a) => (a.id === updated.id ? updated : a));
    onChange({
      ...meeting,
      carried_actions: swap(meeting.carried_actions),
      record: meeting.record ? { ...meeting.record, actions: swap(meeting.record.actions) } : null,
    });
  }

  return (
    <Page title={`Meeting on ${formatDay(meeting.starts_at)}`} lead={`${formatTime(meeting.starts_at)}–${formatTime(meeting.ends_at)} · ${meeting.location}`}>
      <p>
        <Link to={`/pairings/${meeting.pairing_id}`}>Back to the pairing</Link>
        {inPair && (
          <>
            {" "}
            · <Link to="/my-week">My week</Link>
          </>
        )}
      </p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <dl className="summary-list">
        <dt>When</dt>
        <dd>
          {formatLongDay(meeting.starts_at)}, {formatTime(meeting.starts_at)} to {formatTime(meeting.ends_at)} (school time)
        </dd>
        <dt>Where</dt>
        <dd>{meeting.location}</dd>
        <dt>Mentor</dt>
        <dd>{meeting.mentor.full_name}</dd>
        <dt>Mentee</dt>
        <dd>{meeting.mentee.full_name}</dd>
        <dt>Status</dt>
        <dd>
          <Badges badges={meetingBadges(meeting)} />
        </dd>
        {meeting.moved_from && (
          <>
            <dt>Moved from</dt>
            <dd>{formatWhen(meeting.moved_from)}</dd>
          </>
        )}
        {meeting.change_reason && (
          <>
            <dt>{meeting.lost ? "Why it was lost" : meeting.status === "cancelled" ? "Why it was cancelled" : "Why it was moved"}</dt>
            <dd>{meeting.change_reason}</dd>
          </>
        )}
        <dt>Record keeper</dt>
        <dd>{meeting.record_keeper.full_name}</dd>
      </dl>

      <section className="section" aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">Agenda</h2>
        {!readable && <p>The agenda and the record stay with the pair and their school leads.</p>}
        {readable && (
          <>
            <h3>Open actions from earlier meetings</h3>
            {meeting.carried_actions.length === 0 ? (
              <p>None: every earlier action is done.</p>
            ) : (
              <ActionList actions={meeting.carried_actions} withWeek canTick={can.tick_actions} onUpdated={updateAction} onError={(text) => setMessage({ kind: "error", text })} />
            )}
            <h3>Things to talk about</h3>
            {meeting.agenda_items.length === 0 ? (
              <p>Nothing added yet.</p>
            ) : (
              <ul className="item-list">
                {meeting.agenda_items.map((item) => (
                  <li key={item.id}>
                    {item.text} <span className="hint">(added by {item.added_by.full_name})</span>
                  </li>
                ))}
              </ul>
            )}
            {can.add_agenda_item && <AddAgendaItem meeting={meeting} onAdded={onChange} />}
          </>
        )}
      </section>

      {can.cancel && (
        <ChangeMeeting
          key={`${meeting.starts_at}-${meeting.status}`}
          meeting={meeting}
          onChanged={(text) => {
            setMessage({ kind: "success", text });
            reload();
            // The form goes away with the change: focus returns to the top, where the message is.
            document.querySelector<HTMLElement>("main h1")?.focus();
          }}
        />
      )}

      <section className="section" aria-labelledby="record-heading">
        <h2 id="record-heading" tabIndex={-1}>
          Record
        </h2>
        {meeting.record && !editing && (
          <>
            <RecordView record={meeting.record} meeting={meeting} canTick={can.tick_actions} onUpdated={updateAction} onError={(text) => setMessage({ kind: "error", text })} />
            {canRecord && (
              <Button variant="secondary" onClick={() => setEditing(true)}>
                Change the record
              </Button>
            )}
          </>
        )}
        {!meeting.record && meeting.has_record && <p>This meeting has been recorded. The record stays with the pair and their school leads.</p>}
        {!meeting.record && !meeting.has_record && !canRecord && (
          <p>
            {meeting.status === "cancelled"
              ? "This meeting did not happen, so it has no record."
              : `No record yet. ${meeting.record_keeper.full_name} writes it once the meeting has started.`}
          </p>
        )}
        {canRecord && (editing || !meeting.record) && (
          <RecordForm
            meeting={meeting}
            meId={meId}
            onSaved={(saved) => {
              onChange(saved);
              setEditing(false);
              setMessage({ kind: "success", text: "The record has been saved." });
              document.getElementById("record-heading")?.focus();
            }}
            onCancel={
              meeting.record
                ? () => {
                    setEditing(false);
                    document.getElementById("record-heading")?.focus();
                  }
                : undefined
            }
          />
        )}
      </section>
    </Page>
  );
}

function RecordView({
  record,
  meeting,
  canTick,
  onUpdated,
  onError,
}: {
  record: NonNullable<MeetingDetail["record"]>;
  meeting: MeetingDetail;
  canTick: boolean;
  onUpdated: (a: MeetingAction) => void;
  onError: (text: string) => void;
}) {
  return (
    <>
      <p className="hint">
        Written by {record.recorded_by === meeting.mentor.id ? meeting.mentor.full_name : record.recorded_by === meeting.mentee.id ? meeting.mentee.full_name : "the record keeper"} on{" "}
        {formatDateTime(record.recorded_at)}
        {record.updated_at ? `, last changed ${formatDateTime(record.updated_at)}` : ""}.
      </p>
      <dl className="summary-list summary-list--wide">
        <dt>Meeting</dt>
        <dd>{meeting.status === "missed" ? "Missed" : "Held"}</dd>
        <dt>Notes</dt>
        <dd className="prose">{record.notes || "None"}</dd>
        <dt>Targets reviewed</dt>
        <dd className="prose">{record.targets_reviewed || "None"}</dd>
        <dt>Wellbeing and workload</dt>
        <dd>{record.wellbeing_discussed ? "Discussed" : "Not discussed"}</dd>
      </dl>
      <h3>Actions agreed</h3>
      {record.actions.length === 0 ? <p>No actions.</p> : <ActionList actions={record.actions} canTick={canTick} onUpdated={onUpdated} onError={onError} />}
    </>
  );
}

function actionText(action: MeetingAction, withWeek = false): string {
  const from = withWeek ? `, from the meeting of ${formatShortDate(action.meeting_date)}` : "";
  return `${action.text} (${action.owner.full_name}${action.due_on ? `, by ${formatDate(action.due_on)}` : ""}${from})`;
}

function ActionList({
  actions,
  withWeek = false,
  canTick,
  onUpdated,
  onError,
}: {
  actions: MeetingAction[];
  /** Name the meeting that agreed each action (for actions carried from earlier meetings). */
  withWeek?: boolean;
  canTick: boolean;
  onUpdated: (a: MeetingAction) => void;
  onError: (text: string) => void;
}) {
  // Ticks show at once; a failed save puts the box back and says so.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [status, setStatus] = useState("");

  async function toggle(action: MeetingAction, done: boolean) {
    setPending((p) => ({ ...p, [action.id]: done }));
    try {
      const updated = await unwrap(api.PATCH("/api/v1/meeting-actions/{action_id}", { params: { path: { action_id: action.id } }, body: { done } }));
      onUpdated(updated);
      setStatus(`${updated.text}: marked ${updated.done ? "done" : "not done"}.`);
    } catch (e) {
      onError(e instanceof Error ? e.message : "That did not work.");
    } finally {
      setPending(({ [action.id]: _, ...rest }) => rest);
    }
  }

  if (!canTick) {
    return (
      <ul className="item-list">
        {actions.map((action) => (
          <li key={action.id}>
            {actionText(action, withWeek)} <span className={`status ${action.done ? "status--active" : "status--muted"}`}>{action.done ? "Done" : "Open"}</span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <>
      <ul className="item-list item-list--checks">
        {actions.map((action) => (
          <li key={action.id} className="checkbox">
            <input
              id={`action-${action.id}`}
              type="checkbox"
              checked={pending[action.id] ?? action.done}
              onChange={(e) => toggle(action, e.target.checked)}
            />
            <label htmlFor={`action-${action.id}`}>
              {actionText(action, withWeek)}
              <span className="visually-hidden">{action.done ? ", done" : ", not done"}</span>
            </label>
          </li>
        ))}
      </ul>
      <p role="status" className="hint">
        {status}
      </p>
    </>
  );
}

function AddAgendaItem({ meeting, onAdded }: { meeting: MeetingDetail; onAdded: (m: MeetingDetail) => void }) {
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

type ChangeField = "reason" | "outcome" | "new_date" | "new_time" | "scope";
type CancelResult = Schemas["CancelResult"];

function ChangeMeeting({ meeting, onChanged }: { meeting: MeetingDetail; onChanged: (text: string) => void }) {
  const start = wallClock(meeting.starts_at);
  const weekStart = mondayOf(meeting.occurrence_date);
  const weekEnd = addDays(weekStart, 4); // protected time stays within the school week, Monday to Friday
  const form = useForm<ChangeField>({ reason: "", outcome: "", new_date: start.date, new_time: start.time, scope: "this" });
  const [preview, setPreview] = useState<{ key: string; result: CancelResult } | null>(null);
  const [checks, setChecks] = useState(0);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const key = JSON.stringify(form.values);
  const fresh = preview !== null && preview.key === key;
  const moving = form.values.outcome === "moved";

  useEffect(() => {
    if (checks > 0) resultHeading.current?.focus();
  }, [checks]);

  function check(values: Record<ChangeField, string>): Errors {
    const errors = validate(values, {
      reason: [required("Say why the meeting cannot go ahead as planned"), maxLength(500, "The reason")],
      outcome: [required("Choose whether the meeting moves or is lost")],
    });
    if (!errors.reason && values.reason.trim().length < 3) errors.reason = "The reason must be at least 3 characters";
    if (values.outcome === "moved") {
      if (!values.new_date) errors.new_date = "Enter the new date";
      else if (values.new_date < weekStart || values.new_date > weekEnd)
        errors.new_date = `The new date must be a school day in the same week, ${formatDate(weekStart)} to ${formatDate(weekEnd)}`;
      if (!values.new_time) errors.new_time = "Enter the new time";
      if (!errors.new_date && !errors.new_time && values.new_date === start.date && values.new_time === start.time)
        errors.new_time = "Choose a different time from the one planned";
    }
    return errors;
  }

  function body(values: Record<ChangeField, string>) {
    return {
      reason: values.reason.trim(),
      outcome: values.outcome as "moved" | "lost",
      new_starts_at: values.outcome === "moved" ? wallClockToIso(values.new_date, values.new_time) : null,
      scope: values.scope as "this" | "following",
    };
  }

  async function onCheck(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      check,
      async (values) => {
        const result = await unwrap(
          api.POST("/api/v1/meetings/{meeting_id}/cancel", { params: { path: { meeting_id: meeting.id }, query: { dry_run: true } }, body: body(values) }),
        );
        setPreview({ key: JSON.stringify(values), result });
        setChecks((n) => n + 1);
      },
      { new_starts_at: "new_date" },
    );
  }

  async function onConfirm() {
    let changed: CancelResult["changed"] = [];
    const ok = await form.submit(
      check,
      async (values) => {
        try {
          const result = await unwrap(api.POST("/api/v1/meetings/{meeting_id}/cancel", { params: { path: { meeting_id: meeting.id } }, body: body(values) }));
          changed = result.changed;
        } catch (error) {
          const clashes = problemList(error, "clashes");
          if (clashes) setPreview({ key: JSON.stringify(values), result: { changed: preview?.result.changed ?? [], clashes, dry_run: true } });
          throw error;
        }
      },
      { new_starts_at: "new_date" },
    );
    if (ok) {
      const first = changed[0];
      onChanged(
        moving && first?.new_starts_at
          ? `Moved to ${formatWhen(first.new_starts_at)}${changed.length > 1 ? `, and ${plural(changed.length - 1, "later meeting")} moved the same way` : ""}.`
          : `${plural(changed.length, "meeting")} marked as lost.`,
      );
    }
  }

  const result = preview?.result;
  return (
    <section className="panel" aria-labelledby="change-heading">
      <h2 id="change-heading">Cancel or move this meeting</h2>
      <p>
        The protected hour should still happen this week if it can: move it to another time in the same week. A meeting that cannot happen is
        lost and counts against the entitlement.
      </p>
      <ErrorSummary items={form.summary.map((i) => (i.fieldId ? { ...i, fieldId: i.fieldId.replace("field-", "change-") } : i))} focusKey={form.attempt} />
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
            { value: "moved", label: "Move it to a new time in the same week" },
            { value: "lost", label: "Mark it as lost", hint: "It will not happen this week." },
          ]}
        />
        {moving && (
          <div className="field-pair">
            <TextField
              label="New date"
              hint={`A school day from Monday ${formatDate(weekStart)} to Friday ${formatDate(weekEnd)}.`}
              type="date"
              id="change-new_date"
              min={weekStart}
              max={weekEnd}
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
      {result && (
        <div className="result" role="region" aria-labelledby="change-result-heading">
          <h3 id="change-result-heading" ref={resultHeading} tabIndex={-1}>
            {result.clashes.length > 0 ? "The new time clashes" : "Ready to confirm"}
          </h3>
          {!fresh && <Notice>You have changed the details since this check. Check again before confirming.</Notice>}
          <ul className="item-list">
            {result.changed.map((change) => (
              <li key={change.meeting_id}>
                {change.new_starts_at
                  ? `${formatWhen(change.starts_at)} moves to ${formatWhen(change.new_starts_at)}`
                  : `${formatWhen(change.starts_at)} will be marked as lost`}
              </li>
            ))}
          </ul>
          {result.clashes.length > 0 ? (
            <>
              <p>Choose another time, then check again. These are the clashes:</p>
              <ClashTable clashes={result.clashes} caption="Clashes with the new time" />
            </>
          ) : (
            <>
              {result.changed.some((c) => c.new_starts_at) && <p>No clashes: neither of you has anything else booked then.</p>}
              {fresh && (
                <Button variant={moving ? "primary" : "danger"} onClick={onConfirm} disabled={form.busy}>
                  {moving ? (result.changed.length > 1 ? `Move ${result.changed.length} meetings` : "Move the meeting") : result.changed.length > 1 ? `Mark ${result.changed.length} meetings as lost` : "Mark as lost"}
                </Button>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
