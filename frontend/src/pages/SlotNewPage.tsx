import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap, type Agreement, type Pairing, type Schemas, type Slot } from "../api/client";
import { ApiError, problemList } from "../api/problems";
import { Button, Checkbox, ErrorSummary, SelectField, TextArea, TextField } from "../components/forms";
import { plural } from "../components/Meetings";
import { LoadFailed, Loading, Notice, Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { PairingLoader } from "../components/PairingLoader";
import { ClashSummary } from "./slots/ClashSummary";
import { formatDate } from "../lib/labels";
import { daysBetween, formatDay, formatTime, schoolToday, SCHOOL_DAY_CHOICES, SCHOOL_DAYS, WEEKDAYS } from "../lib/time";
import { dateOrderProblem, maxLength, required, validate, type Errors } from "../lib/validation";
import { allSlots } from "../lib/mentoringLists";

export function SlotNewPage() {
  const { pairingId = "" } = useParams();
  return (
    <PairingLoader pairingId={pairingId} title="Schedule a weekly slot">
      {(pairing, current) => <SlotLoader pairing={pairing} agreement={current} />}
    </PairingLoader>
  );
}

type FreeTime = Schemas["FreeTime"];

/** The pair's slots and the free times to propose, before the form takes its first values. */
function SlotLoader({ pairing, agreement }: { pairing: Pairing; agreement: Agreement | null }) {
  const path = { params: { path: { pairing_id: pairing.id } } };
  const slots = useLoad(() => allSlots(pairing.id), [pairing.id]);
  const free = useLoad(() => unwrap(api.GET("/api/v1/pairings/{pairing_id}/slots/free-times", path)), [pairing.id]);
  const error = slots.error ?? free.error;
  if (error) return <LoadFailed title="Schedule a weekly slot" error={error} />;
  if (!slots.data || !free.data) return <Loading what="Looking for a time you are both free" />;
  const today = schoolToday();
  const current = slots.data.filter((slot) => slot.ends_on >= today);
  return <SlotForm pairing={pairing} agreement={agreement} existing={current} free={free.data.items} />;
}

/** The API's limit: an ECT's two-year induction. */
const MAX_SLOT_DAYS = 731;

type Field = "weekday" | "start_time" | "duration_minutes" | "location" | "starts_on" | "ends_on" | "additional" | "backfill_reason";
type Plan = Schemas["SchedulePlan"];

function check(values: Record<Field, string>): Errors {
  const errors = validate(values, {
    weekday: [required("Choose the day of the week")],
    start_time: [required("Enter the start time")],
    duration_minutes: [required("Enter how long the meeting lasts")],
    location: [required("Enter where you meet"), maxLength(200, "The place")],
    starts_on: [required("Enter the first date")],
    ends_on: [required("Enter the last date")],
    backfill_reason: [maxLength(500, "The reason")],
  });
  if (values.starts_on && values.starts_on < schoolToday() && values.backfill_reason.trim().length < 3)
    errors.backfill_reason = "Say why past meetings are being added, or choose a first date from today";
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

function SlotForm({ pairing, agreement, existing, free }: { pairing: Pairing; agreement: Agreement | null; existing: Slot[]; free: FreeTime[] }) {
  const navigate = useNavigate();
  const today = schoolToday();
  // Propose the first time neither person is busy in any week, not the time they already meet.
  const proposed = free[0];
  const form = useForm<Field>({
    weekday: proposed ? String(proposed.weekday) : agreement && agreement.meeting_day < SCHOOL_DAYS.length ? String(agreement.meeting_day) : "",
    start_time: proposed ? formatTime(proposed.start_time) : agreement ? formatTime(agreement.meeting_time) : "",
    duration_minutes: "60",
    location: agreement?.meeting_location ?? "",
    starts_on: today > pairing.starts_on ? (today < pairing.ends_on ? today : pairing.ends_on) : pairing.starts_on,
    ends_on: pairing.ends_on,
    additional: "",
    backfill_reason: "",
  });
  const backfilling = form.values.starts_on !== "" && form.values.starts_on < today;
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
      additional: existing.length > 0 && values.additional === "yes",
      ...(values.starts_on < today ? { backfill_reason: values.backfill_reason.trim() } : {}),
    };
  }

  function chooseTime(time: FreeTime) {
    form.setValues((current) => ({ ...current, weekday: String(time.weekday), start_time: formatTime(time.start_time) }));
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
        const groups = error instanceof ApiError && Array.isArray(error.problem?.clash_summary) ? (error.problem.clash_summary as Schemas["ClashGroup"][]) : null;
        if (clashes)
          setPlan({ key: JSON.stringify(values), plan: { occurrences: plan?.plan.occurrences ?? [], clashes, clash_summary: groups ?? [] } });
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
  const others = free.slice(1);

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
      {proposed ? (
        <div className="panel">
          <p>
            <strong>
              Proposed: {WEEKDAYS[proposed.weekday]}s at {formatTime(proposed.start_time)}
            </strong>
            , the first hour in school hours when neither of you has anything booked in any term week.
          </p>
          {others.length > 0 && (
            <p>
              Also free:{" "}
              {others.map((time, index) => (
                <span key={`${time.weekday}-${time.start_time}`}>
                  {index > 0 && " or "}
                  <Button variant="link" onClick={() => chooseTime(time)}>
                    {WEEKDAYS[time.weekday]}s at {formatTime(time.start_time)}
                  </Button>
                </span>
              ))}
            </p>
          )}
        </div>
      ) : (
        <Notice>No hour in school hours is free for both of you every week; choose a time and check what it clashes with.</Notice>
      )}
      {existing.length > 0 && (
        <Notice>
          This pair already has {existing.length === 1 ? "a weekly slot" : "weekly slots"}:{" "}
          {existing.map((slot) => `${WEEKDAYS[slot.weekday]}s at ${formatTime(slot.start_time)} in ${slot.location}`).join("; ")}. To move it, change
          that slot from a date on <Link to={`/pairings/${pairing.id}`}>the pairing page</Link>. A second weekly slot is only added on purpose.
        </Notice>
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
        {backfilling && (
          <TextArea
            label="Why are past meetings being added?"
            hint="The first date is before today, so this adds meetings that are already past. Only a school lead can do this; the reason is kept in the audit log."
            {...form.field("backfill_reason")}
          />
        )}
        {existing.length > 0 && (
          <Checkbox
            name="additional"
            label="Add this as a second weekly slot, on purpose"
            checked={form.values.additional === "yes"}
            onChange={(event) => form.set("additional", event.target.checked ? "yes" : "")}
          />
        )}
        <Button type="submit" variant={fresh ? "secondary" : "primary"} disabled={form.busy}>
          Check for clashes
        </Button>
      </form>

      {plan && (
        <section className="panel result" aria-labelledby="check-heading">
          <h2 id="check-heading" ref={resultHeading} tabIndex={-1}>
            {clashes.length === 0 ? "No clashes" : `${plural(clashingWeeks, "week")} ${clashingWeeks === 1 ? "clashes" : "clash"}`}
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
              <ClashSummary clashes={clashes} groups={plan?.plan.clash_summary ?? []} />
              <p>A slot that clashes cannot be saved. Choose another day or time, then check again.</p>
              {proposed && (
                <Button variant="secondary" onClick={() => chooseTime(proposed)}>
                  Use the proposed time: {WEEKDAYS[proposed.weekday]}s at {formatTime(proposed.start_time)}
                </Button>
              )}
            </>
          )}
        </section>
      )}
    </Page>
  );
}
