import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap, type Agreement, type Pairing, type Schemas } from "../api/client";
import { problemList } from "../api/problems";
import { Button, ErrorSummary, SelectField, TextField } from "../components/forms";
import { ClashTable, plural } from "../components/Meetings";
import { Notice, Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { PairingLoader } from "../components/PairingLoader";
import { formatDate } from "../lib/labels";
import { daysBetween, formatDay, formatTime, schoolToday, SCHOOL_DAY_CHOICES, SCHOOL_DAYS, WEEKDAYS } from "../lib/time";
import { dateOrderProblem, maxLength, required, validate, type Errors } from "../lib/validation";

export function SlotNewPage() {
  const { pairingId = "" } = useParams();
  return (
    <PairingLoader pairingId={pairingId} title="Schedule a weekly slot">
      {(pairing, current) => <SlotForm pairing={pairing} agreement={current} />}
    </PairingLoader>
  );
}

/** The API's limit: an ECT's two-year induction. */
const MAX_SLOT_DAYS = 731;

type Field = "weekday" | "start_time" | "duration_minutes" | "location" | "starts_on" | "ends_on";
type Plan = Schemas["SchedulePlan"];

function check(values: Record<Field, string>): Errors {
  const errors = validate(values, {
    weekday: [required("Choose the day of the week")],
    start_time: [required("Enter the start time")],
    duration_minutes: [required("Enter how long the meeting lasts")],
    location: [required("Enter where you meet"), maxLength(200, "The place")],
    starts_on: [required("Enter the first date")],
    ends_on: [required("Enter the last date")],
  });
  const minutes = Number(values.duration_minutes);
  if (!errors.duration_minutes && (!Number.isInteger(minutes) || minutes < 15 || minutes > 240)) {
    errors.duration_minutes = "Enter a whole number of minutes from 15 to 240";
  }
  const order = dateOrderProblem(values.starts_on, values.ends_on);
  if (order && !errors.ends_on) errors.ends_on = order;
  if (!errors.ends_on && values.starts_on && values.ends_on && daysBetween(values.starts_on, values.ends_on) > MAX_SLOT_DAYS)
    errors.ends_on = "A slot runs for two years at most; add another slot for longer";
  return errors;
}

function SlotForm({ pairing, agreement }: { pairing: Pairing; agreement: Agreement | null }) {
  const navigate = useNavigate();
  const today = schoolToday();
  const form = useForm<Field>({
    weekday: agreement && agreement.meeting_day < SCHOOL_DAYS.length ? String(agreement.meeting_day) : "",
    start_time: agreement ? formatTime(agreement.meeting_time) : "",
    duration_minutes: "60",
    location: agreement?.meeting_location ?? "",
    starts_on: today > pairing.starts_on ? (today < pairing.ends_on ? today : pairing.ends_on) : pairing.starts_on,
    ends_on: pairing.ends_on,
  });
  const [plan, setPlan] = useState<{ key: string; plan: Plan } | null>(null);
  const [checks, setChecks] = useState(0);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const key = JSON.stringify(form.values);
  const fresh = plan !== null && plan.key === key;

  // After each check, the result takes focus so it is read out.
  useEffect(() => {
    if (checks > 0) resultHeading.current?.focus();
  }, [checks]);

  function body(values: Record<Field, string>) {
    return {
      weekday: Number(values.weekday),
      start_time: values.start_time,
      duration_minutes: Number(values.duration_minutes),
      location: values.location.trim(),
      starts_on: values.starts_on,
      ends_on: values.ends_on,
    };
  }

  async function onCheck(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(check, async (values) => {
      const result = await unwrap(
        api.POST("/api/v1/pairings/{pairing_id}/slots", {
          params: { path: { pairing_id: pairing.id }, query: { dry_run: true } },
          body: body(values),
        }),
      );
      // The dry run answers 200 with the plan; the typed client sees the 201 shape too.
      setPlan({ key: JSON.stringify(values), plan: result as unknown as Plan });
      setChecks((n) => n + 1);
    });
  }

  async function onSave() {
    let created = 0;
    const ok = await form.submit(check, async (values) => {
      try {
        const result = await unwrap(
          api.POST("/api/v1/pairings/{pairing_id}/slots", { params: { path: { pairing_id: pairing.id } }, body: body(values) }),
        );
        created = (result as Schemas["SlotCreated"]).occurrences.length;
      } catch (error) {
        const clashes = problemList(error, "clashes");
        if (clashes) setPlan({ key: JSON.stringify(values), plan: { occurrences: plan?.plan.occurrences ?? [], clashes } });
        throw error;
      }
    });
    if (ok) {
      const v = form.values;
      navigate(`/pairings/${pairing.id}`, {
        state: { notice: `Weekly slot saved: ${WEEKDAYS[Number(v.weekday)]}s at ${v.start_time}, ${plural(created, "meeting")} from ${formatDate(v.starts_on)} to ${formatDate(v.ends_on)}.` },
      });
    }
  }

  const occurrences = plan?.plan.occurrences ?? [];
  const clashes = plan?.plan.clashes ?? [];
  const clashingWeeks = new Set(clashes.map((c) => c.starts_at)).size;

  return (
    <Page title="Schedule a weekly slot" lead={`${pairing.mentor.full_name} and ${pairing.mentee.full_name}`}>
      <p>
        <Link to={`/pairings/${pairing.id}`}>Back to the pairing</Link>
      </p>
      <p>
        A slot protects the same hour every week of term, from the first date to the last; holidays are skipped. Check it against both your
        timetables before saving. Times are school times (UK).
      </p>
      {agreement && (
        <p className="hint">
          Your agreement says {WEEKDAYS[agreement.meeting_day]}s at {formatTime(agreement.meeting_time)} in {agreement.meeting_location}.
        </p>
      )}
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onCheck} noValidate className="form">
        <SelectField label="Day of the week" className="field--short" blank="Choose a day" options={SCHOOL_DAY_CHOICES} {...form.field("weekday")} />
        <TextField label="Start time" type="time" className="field--short" {...form.field("start_time")} />
        <TextField
          label="Length in minutes"
          hint="The entitlement is one hour."
          type="number"
          inputMode="numeric"
          min={15}
          max={240}
          step={5}
          className="field--short"
          {...form.field("duration_minutes")}
        />
        <TextField label="Where" {...form.field("location")} />
        <TextField label="First date" hint={`The pairing runs from ${formatDate(pairing.starts_on)}.`} type="date" {...form.field("starts_on")} />
        <TextField label="Last date" hint={`The pairing runs until ${formatDate(pairing.ends_on)}.`} type="date" {...form.field("ends_on")} />
        <Button type="submit" variant={fresh ? "secondary" : "primary"} disabled={form.busy}>
          Check for clashes
        </Button>
      </form>

      {plan && (
        <section className="panel result" aria-labelledby="check-heading">
          <h2 id="check-heading" ref={resultHeading} tabIndex={-1}>
            {clashes.length === 0 ? "No clashes" : `${plural(clashingWeeks, "week")} clash`}
          </h2>
          {!fresh && <Notice>You have changed the details since this check. Check again before saving.</Notice>}
          {occurrences.length > 0 && (
            <p>
              This slot makes {plural(occurrences.length, "meeting")}, one each term week, from {formatDay(occurrences[0].starts_at)} to{" "}
              {formatDay(occurrences[occurrences.length - 1].starts_at)}.
            </p>
          )}
          {clashes.length === 0 ? (
            <>
              <p>Neither of you has anything else booked at these times.</p>
              {fresh && (
                <Button onClick={onSave} disabled={form.busy}>
                  Save weekly slot
                </Button>
              )}
            </>
          ) : (
            <>
              <p>
                A slot that clashes cannot be saved. Choose another day or time, then check again. These are the clashes, by week:
              </p>
              <ClashTable clashes={clashes} caption="Clashes with the wanted slot" />
            </>
          )}
        </section>
      )}
    </Page>
  );
}
