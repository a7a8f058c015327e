import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap, type Agreement, type Pairing, type PairingDetail } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { Button, ErrorSummary, TextArea, TextField } from "../components/forms";
import { Badges, MeetingTable } from "../components/Meetings";
import { Loading, LocationNotice, Notice, Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { formatDate, formatDateTime } from "../lib/labels";
import { KIND_LABELS, PAIRING_STATE, pairingState } from "../lib/mentoring";
import { formatTime, schoolToday, WEEKDAYS } from "../lib/time";
import { maxLength, required, validate } from "../lib/validation";

const RECENT = 5;

export function PairingPage() {
  const { pairingId = "" } = useParams();
  const pairing = useLoad(() => unwrap(api.GET("/api/v1/pairings/{pairing_id}", { params: { path: { pairing_id: pairingId } } })), [pairingId]);
  if (pairing.error) {
    return (
      <Page title="Pairing not found">
        <Notice kind="error">{pairing.error}</Notice>
        <Link to="/">Back to the home page</Link>
      </Page>
    );
  }
  if (!pairing.data) return <Loading what="Loading the pairing" />;
  return <PairingView key={pairing.data.id} pairing={pairing.data} reload={pairing.reload} />;
}

function PairingView({ pairing, reload }: { pairing: PairingDetail; reload: () => void }) {
  const { me } = useAuth();
  const today = schoolToday();
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const agreements = useLoad(
    () => unwrap(api.GET("/api/v1/pairings/{pairing_id}/agreements", { params: { path: { pairing_id: pairing.id } } })),
    [pairing.id],
  );
  const slots = useLoad(() => unwrap(api.GET("/api/v1/pairings/{pairing_id}/slots", { params: { path: { pairing_id: pairing.id } } })), [pairing.id]);
  const [now] = useState(() => new Date().toISOString());
  const upcoming = useLoad(
    () => unwrap(api.GET("/api/v1/meetings", { params: { query: { pairing_id: pairing.id, starts_from: now, limit: 6 } } })),
    [pairing.id],
  );
  // The most recent past meetings, newest first.
  const recent = useLoad(
    () => unwrap(api.GET("/api/v1/meetings", { params: { query: { pairing_id: pairing.id, starts_before: now, order: "desc", limit: RECENT } } })),
    [pairing.id],
  );
  // What this person may do comes from the server (`can`), which enforces the same rules.
  const canAct = pairing.can.propose_agreement;
  const canManage = pairing.can.end;
  const state = pairingState(pairing, today);
  const isMentor = me?.id === pairing.mentor.id;
  const isMentee = me?.id === pairing.mentee.id;
  const title = isMentor ? `Mentoring ${pairing.mentee.full_name}` : isMentee ? `Mentored by ${pairing.mentor.full_name}` : `${pairing.mentor.full_name} and ${pairing.mentee.full_name}`;

  return (
    <Page title={title} lead={`${KIND_LABELS[pairing.kind]} · ${pairing.school_name}`}>
      <p>
        {isMentor || isMentee ? <Link to="/my-week">Back to my week</Link> : <Link to={`/mentoring?school=${pairing.school_id}`}>Back to mentoring</Link>}
      </p>
      <LocationNotice />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <dl className="summary-list">
        <dt>Mentor</dt>
        <dd>{pairing.mentor.full_name}</dd>
        <dt>Mentee</dt>
        <dd>{pairing.mentee.full_name}</dd>
        <dt>Kind</dt>
        <dd>{KIND_LABELS[pairing.kind]}</dd>
        <dt>Dates</dt>
        <dd>
          {formatDate(pairing.starts_on)} to {formatDate(pairing.ends_on)} <Badges badges={[PAIRING_STATE[state]]} />
        </dd>
        {pairing.ended_early_reason && (
          <>
            <dt>Ended early</dt>
            <dd>{pairing.ended_early_reason}</dd>
          </>
        )}
      </dl>

      <section className="section" aria-labelledby="agreement-heading">
        <h2 id="agreement-heading" tabIndex={-1}>
          Mentoring agreement
        </h2>
        {agreements.error && <Notice kind="error">{agreements.error}</Notice>}
        {!agreements.data && !agreements.error && <Loading what="Loading the agreement" />}
        {agreements.data && (
          <AgreementSection
            pairing={pairing}
            versions={agreements.data}
            canAct={canAct}
            onAgreed={(agreed) => {
              agreements.setData(agreements.data!.map((a) => (a.id === agreed.id ? agreed : a)));
              setMessage({ kind: "success", text: `You have agreed version ${agreed.version}.` });
            }}
            onError={(text) => setMessage({ kind: "error", text })}
          />
        )}
      </section>

      <section className="section" aria-labelledby="slots-heading">
        <h2 id="slots-heading">Protected weekly slots</h2>
        <p>Each slot gives one meeting every week of term; holidays are skipped.</p>
        {slots.error && <Notice kind="error">{slots.error}</Notice>}
        {!slots.data && !slots.error && <Loading what="Loading the slots" />}
        {slots.data && slots.data.length === 0 && <p>No weekly slot yet.</p>}
        {slots.data && slots.data.length > 0 && (
          <div className="table-wrap table-wrap--stack">
            <table>
              <caption className="visually-hidden">Protected weekly slots</caption>
              <thead>
                <tr>
                  <th scope="col">Day and time</th>
                  <th scope="col">Where</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Meetings</th>
                </tr>
              </thead>
              <tbody>
                {slots.data.map((slot) => (
                  <tr key={slot.id}>
                    <td data-label="Day and time">
                      {WEEKDAYS[slot.weekday]}s, {formatTime(slot.start_time)} for {slot.duration_minutes} minutes
                    </td>
                    <td data-label="Where">{slot.location}</td>
                    <td data-label="From">{formatDate(slot.starts_on)}</td>
                    <td data-label="To">{formatDate(slot.ends_on)}</td>
                    <td data-label="Meetings">{slot.meeting_count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pairing.can.schedule_slot && state !== "ended" && (
          <p>
            <Link className="button button--secondary" to={`/pairings/${pairing.id}/slots/new`}>
              Schedule a weekly slot
            </Link>
          </p>
        )}
      </section>

      <section className="section" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Coming up</h2>
        {upcoming.error && <Notice kind="error">{upcoming.error}</Notice>}
        {!upcoming.data && !upcoming.error && <Loading what="Loading meetings" />}
        {upcoming.data && (
          <MeetingTable
            meetings={upcoming.data.items}
            caption="Upcoming meetings"
            meId={isMentor || isMentee ? me?.id : undefined}
            empty="No meetings coming up."
          />
        )}
        {upcoming.data && upcoming.data.total > upcoming.data.items.length && (
          <p>
            The next {upcoming.data.items.length} of {upcoming.data.total} meetings.
          </p>
        )}
      </section>

      <section className="section" aria-labelledby="recent-heading">
        <h2 id="recent-heading">Earlier meetings</h2>
        {recent.error && <Notice kind="error">{recent.error}</Notice>}
        {!recent.data && !recent.error && <Loading what="Loading meetings" />}
        {recent.data && (
          <MeetingTable
            meetings={recent.data.items}
            caption="Earlier meetings, newest first"
            meId={isMentor || isMentee ? me?.id : undefined}
            empty="No meetings yet."
          />
        )}
        {recent.data && recent.data.total > recent.data.items.length && (
          <p>
            The latest {recent.data.items.length} of {recent.data.total} meetings, newest first.
          </p>
        )}
      </section>

      {canManage && state !== "ended" && (
        <EndPairing
          pairing={pairing}
          onEnded={(ended) => {
            reload();
            upcoming.reload();
            recent.reload();
            slots.reload();
            setMessage({ kind: "success", text: `The pairing now ends on ${formatDate(ended.ends_on)}. Later meetings have been cancelled.` });
          }}
        />
      )}
    </Page>
  );
}

function AgreementSection({
  pairing,
  versions,
  canAct,
  onAgreed,
  onError,
}: {
  pairing: Pairing;
  versions: Agreement[];
  canAct: boolean;
  onAgreed: (agreement: Agreement) => void;
  onError: (message: string) => void;
}) {
  const { me } = useAuth();
  const [busy, setBusy] = useState(false);
  const current = versions.find((a) => a.current) ?? null;
  const older = versions.filter((a) => !a.current);
  const mySide = me?.id === pairing.mentor.id ? "mentor" : me?.id === pairing.mentee.id ? "mentee" : null;
  const iHaveAgreed = current && mySide ? (mySide === "mentor" ? current.mentor_agreed_at : current.mentee_agreed_at) !== null : true;

  async function agree() {
    if (!current) return;
    setBusy(true);
    try {
      const agreed = await unwrap(api.POST("/api/v1/agreements/{agreement_id}/agree", { params: { path: { agreement_id: current.id } } }));
      onAgreed(agreed);
      document.getElementById("agreement-heading")?.focus();
    } catch (e) {
      onError(e instanceof Error ? e.message : "Agreeing did not work.");
    } finally {
      setBusy(false);
    }
  }

  if (!current) {
    return (
      <>
        <p>No agreement yet. Agree how you will work together at your first meeting.</p>
        {canAct && (
          <Link className="button button--primary" to={`/pairings/${pairing.id}/agreement`}>
            Start the first meeting guide
          </Link>
        )}
      </>
    );
  }

  return (
    <>
      <p>
        Version {current.version}, written {formatDateTime(current.created_at)}.{" "}
        <Badges badges={[current.agreed ? { text: "Agreed by both", tone: "active" } : { text: "Waiting for agreement", tone: "info" }]} />
      </p>
      <ul className="role-list">
        <li>{agreedLine(pairing.mentor.full_name, "mentor", current.mentor_agreed_at)}</li>
        <li>{agreedLine(pairing.mentee.full_name, "mentee", current.mentee_agreed_at)}</li>
      </ul>
      {mySide && !iHaveAgreed && (
        <div className="panel">
          <p>Read the terms below. Agreeing means you will both work this way until either of you proposes a change.</p>
          <Button onClick={agree} disabled={busy}>
            Agree version {current.version}
          </Button>
        </div>
      )}
      <AgreementTermsList agreement={current} pairing={pairing} />
      {canAct && (
        <p>
          <Link to={`/pairings/${pairing.id}/agreement`}>Change the agreement</Link>
        </p>
      )}
      {older.length > 0 && (
        <details>
          <summary>Earlier versions ({older.length})</summary>
          <ul className="role-list">
            {older.map((version) => (
              <li key={version.id}>
                Version {version.version}, written {formatDateTime(version.created_at)}: {version.agreed ? "agreed by both" : "not agreed by both"}. Replaced by a later
                version.
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function agreedLine(name: string, side: string, at: string | null): string {
  return at ? `${name} (${side}) agreed on ${formatDateTime(at)}` : `${name} (${side}) has not agreed yet`;
}

export function AgreementTermsList({ agreement, pairing }: { agreement: Agreement; pairing: Pairing }) {
  return (
    <dl className="summary-list summary-list--wide">
      <dt>How often</dt>
      <dd>{agreement.meeting_frequency}</dd>
      <dt>When</dt>
      <dd>
        {WEEKDAYS[agreement.meeting_day]}s at {formatTime(agreement.meeting_time)}
      </dd>
      <dt>Where</dt>
      <dd>{agreement.meeting_location}</dd>
      <dt>Feedback on observed lessons</dt>
      <dd>
        {agreement.feedback_timing === "same_day"
          ? "The same day"
          : `After ${agreement.reflection_interval_hours} hours to reflect`}
      </dd>
      <dt>The mentor prepares</dt>
      <dd>{agreement.mentor_prepares}</dd>
      <dt>The mentee prepares</dt>
      <dd>{agreement.mentee_prepares}</dd>
      <dt>Who keeps the record</dt>
      <dd>{agreement.record_keeper === "mentor" ? `${pairing.mentor.full_name} (mentor)` : `${pairing.mentee.full_name} (mentee)`}</dd>
      <dt>Setting the agenda</dt>
      <dd>{agreement.agenda_setting}</dd>
      <dt>How feedback is given</dt>
      <dd>{agreement.feedback_approach}</dd>
      <dt>Wellbeing and workload</dt>
      <dd>{agreement.wellbeing_frequency}</dd>
      <dt>Raising a concern</dt>
      <dd>{agreement.concern_route}</dd>
    </dl>
  );
}

function EndPairing({ pairing, onEnded }: { pairing: Pairing; onEnded: (pairing: Pairing) => void }) {
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
      <p>The pairing's history stays. Meetings after the last day are cancelled and do not count as lost.</p>
      <ErrorSummary items={form.summary.map((i) => (i.fieldId ? { ...i, fieldId: `end-${i.fieldId}` } : i))} focusKey={form.attempt} />
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
