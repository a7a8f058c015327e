/** Schedule an observation: whose lesson, who observes in which role, what kind, when, which class. Clashes are shown before anything is saved. */
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, unwrap, type Schemas } from "../api/client";
import { ApiError } from "../api/problems";
import { Button, Checkbox, ErrorSummary, SelectField, TextArea, TextField } from "../components/forms";
import { useAuth } from "../auth/AuthContext";
import { Notice, Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { labelChoices } from "../lib/labels";
import { OBSERVATION_KIND_LABELS, OBSERVER_ROLE_LABELS } from "../lib/observations";
import { formatSpan, schoolToday, wallClockToIso } from "../lib/time";
import { maxLength, required, validate, type Errors } from "../lib/validation";
import { allPages } from "../lib/pages";

type Field = "pairing_id" | "observer_id" | "observer_role" | "kind" | "date" | "start_time" | "end_time" | "class_name" | "subject" | "year_group" | "backfill_reason";
type Clash = Schemas["ClashWith"];

function check(values: Record<Field, string>, mayBackfill: boolean): Errors {
  const errors = validate(values, {
    pairing_id: [required("Choose whose lesson is observed")],
    observer_id: [required("Choose who observes")],
    observer_role: [required("Choose the observer's role")],
    kind: [required("Choose the kind of observation")],
    date: [required("Enter the date")],
    start_time: [required("Enter the start time")],
    end_time: [required("Enter the end time")],
    class_name: [required("Enter the class or group"), maxLength(100, "The class")],
    subject: [required("Enter the subject"), maxLength(100, "The subject")],
    year_group: [required("Enter the year group"), maxLength(30, "The year group")],
    backfill_reason: [maxLength(500, "The reason")],
  });
  if (!errors.end_time && values.start_time && values.end_time <= values.start_time) errors.end_time = "The end time must be after the start time";
  if (!errors.date && !errors.start_time && startsInThePast(values) && !mayBackfill)
    errors.start_time = "Choose a time from now on; only a school lead can add an observation that has already happened";
  else if (!errors.backfill_reason && startsInThePast(values) && values.backfill_reason.trim().length < 3)
    errors.backfill_reason = "Say why an observation that has already happened is being added, or choose a time from now on";
  return errors;
}

/** Whether the chosen start has passed (a few minutes' grace, as the server allows). */
function startsInThePast(values: Record<Field, string>, now = Date.now()): boolean {
  if (!values.date || !values.start_time) return false;
  return new Date(wallClockToIso(values.date, values.start_time)).getTime() < now - 5 * 60_000;
}

export function ObservationNewPage() {
  const navigate = useNavigate();
  const pairings = useLoad(() => unwrap(api.GET("/api/v1/pairings", { params: { query: { limit: 100 } } })), []);
  const form = useForm<Field>({
    pairing_id: "",
    observer_id: "",
    observer_role: "",
    kind: "",
    date: schoolToday(),
    start_time: "",
    end_time: "",
    class_name: "",
    subject: "",
    year_group: "",
    backfill_reason: "",
  });
  const pairingId = form.values.pairing_id;
  const observers = useLoad(
    () =>
      pairingId
        ? allPages((query) => unwrap(api.GET("/api/v1/pairings/{pairing_id}/observer-choices", { params: { path: { pairing_id: pairingId }, query } })))
        : Promise.resolve([]),
    [pairingId],
  );
  const [clashes, setClashes] = useState<{ key: string; list: Clash[]; detail: string } | null>(null);
  const [confirm, setConfirm] = useState(false);
  const key = JSON.stringify(form.values);
  const clashShown = clashes !== null && clashes.key === key;

  const { schools } = useAuth();
  const chosen = pairings.data?.items.find((p) => p.id === pairingId);
  const leadsChosen = chosen ? schools.some((s) => s.schoolId === chosen.school_id && s.roles.includes("school_lead")) : false;
  const backfilling = startsInThePast(form.values);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    let createdId = "";
    const ok = await form.submit(
      (values) => check(values, leadsChosen || !chosen),
      async (values) => {
        try {
          const created = await unwrap(
            api.POST("/api/v1/observations", {
              body: {
                pairing_id: values.pairing_id,
                observer_id: values.observer_id,
                observer_role: values.observer_role as Schemas["ObserverRole"],
                kind: values.kind as Schemas["ObservationKind"],
                starts_at: wallClockToIso(values.date, values.start_time),
                ends_at: wallClockToIso(values.date, values.end_time),
                class_name: values.class_name.trim(),
                subject: values.subject.trim(),
                year_group: values.year_group.trim(),
                confirm_clash: clashShown && confirm,
                ...(startsInThePast(values) ? { backfill_reason: values.backfill_reason.trim() } : {}),
              },
            }),
          );
          createdId = created.id;
        } catch (error) {
          if (error instanceof ApiError && error.status === 409 && Array.isArray(error.problem?.clashes)) {
            setClashes({ key: JSON.stringify(values), list: error.problem.clashes as Clash[], detail: error.message });
            setConfirm(false);
          }
          throw error;
        }
      },
      { starts_at: "date", ends_at: "end_time", backfill_reason: "backfill_reason" },
    );
    if (ok) navigate(`/observations/${createdId}`, { state: { notice: "Observation scheduled." } });
  }

  const pairingChoices = (pairings.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.mentee.full_name} (mentor: ${p.mentor.full_name})` }));
  const observerChoices = (observers.data ?? []).map((p) => ({ value: p.id, label: p.full_name }));
  return (
    <Page title="Schedule an observation" lead="It goes in the observer's and the mentee's calendars; a clash with either is shown before anything is saved.">
      <p>
        <Link to="/observations">Back to observations</Link>
      </p>
      {pairings.error && <Notice kind="error">{pairings.error}</Notice>}
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <SelectField label="Mentee" blank="Choose a mentee" options={pairingChoices} {...form.field("pairing_id")} />
        <SelectField label="Observer" blank={pairingId ? "Choose who observes" : "Choose the mentee first"} options={observerChoices} disabled={!pairingId} {...form.field("observer_id")} />
        <SelectField label="Observer's role" blank="Choose a role" options={labelChoices(Object.keys(OBSERVER_ROLE_LABELS) as Schemas["ObserverRole"][], OBSERVER_ROLE_LABELS)} {...form.field("observer_role")} />
        <SelectField label="Kind" blank="Choose a kind" options={labelChoices(Object.keys(OBSERVATION_KIND_LABELS) as Schemas["ObservationKind"][], OBSERVATION_KIND_LABELS)} {...form.field("kind")} />
        <TextField label="Date" type="date" {...form.field("date")} />
        <div className="field-row">
          <TextField label="Starts" type="time" hint="At the school" {...form.field("start_time")} />
          <TextField label="Ends" type="time" {...form.field("end_time")} />
        </div>
        {backfilling &&
          (leadsChosen || !chosen ? (
            <TextArea
              label="Why is an observation that has already happened being added?"
              hint="The start is before now, so this observation has already happened. Only a school lead can add one; the reason is kept in the audit log."
              maxLength={500}
              {...form.field("backfill_reason")}
            />
          ) : (
            <Notice kind="info">Observations are scheduled from now on. Only a school lead can add one that has already happened.</Notice>
          ))}
        <TextField label="Class or group" hint="For example, 8B2" maxLength={100} {...form.field("class_name")} />
        <TextField label="Subject" maxLength={100} {...form.field("subject")} />
        <TextField label="Year group" hint="For example, Year 8" maxLength={30} {...form.field("year_group")} />
        {clashShown && (
          <div className="panel" aria-labelledby="clash-heading">
            <h2 id="clash-heading">This time clashes</h2>
            <ul>
              {clashes.list.map((c, index) => (
                <li key={index}>
                  {c.person.full_name}: {c.title}, {formatSpan(c.starts_at, c.ends_at)}
                </li>
              ))}
            </ul>
            <Checkbox name="confirm_clash" label="Schedule it anyway" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
          </div>
        )}
        <Button type="submit" className="button--large" disabled={form.busy}>
          {form.busy ? "Scheduling…" : "Schedule the observation"}
        </Button>
      </form>
    </Page>
  );
}
