import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap, type Pairing, type Schemas, type Slot } from "../api/client";
import { ApiError } from "../api/problems";
import { Button, ErrorSummary, TextArea, TextField } from "../components/forms";
import { LoadFailed, Loading, Notice, Page } from "../components/Page";
import { PairingLoader } from "../components/PairingLoader";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { formatDate } from "../lib/labels";
import { addDays, formatTime, schoolToday, WEEKDAYS } from "../lib/time";
import { maxLength, required, validate, type Errors } from "../lib/validation";
import { ClashSummary } from "./slots/ClashSummary";
import { allSlots } from "../lib/mentoringLists";

type Result = Schemas["SlotChangeResult"];
type Mode = "change" | "end";

const TITLES: Record<Mode, string> = { change: "Change a weekly slot from a date", end: "End a weekly slot" };

/** Change a slot's time, length or room from a date onward. */
export function SlotChangePage() {
  return <SlotPage mode="change" />;
}

/** End a slot on a date: its later meetings are called off. */
export function SlotEndPage() {
  return <SlotPage mode="end" />;
}

function SlotPage({ mode }: { mode: Mode }) {
  const { pairingId = "", slotId = "" } = useParams();
  return (
    <PairingLoader pairingId={pairingId} title={TITLES[mode]}>
      {(pairing) => <SlotLoader pairing={pairing} slotId={slotId} mode={mode} />}
    </PairingLoader>
  );
}

function SlotLoader({ pairing, slotId, mode }: { pairing: Pairing; slotId: string; mode: Mode }) {
  const slots = useLoad(() => allSlots(pairing.id), [pairing.id]);
  if (slots.error) return <LoadFailed title={TITLES[mode]} error={slots.error} />;
  if (!slots.data) return <Loading what="Loading the slot" />;
  const slot = slots.data.find((s) => s.id === slotId);
  if (!slot) return <LoadFailed title={TITLES[mode]} error="This slot was not found." backTo={`/pairings/${pairing.id}`} back="Back to the pairing" />;
  return mode === "change" ? <ChangeForm pairing={pairing} slot={slot} /> : <EndForm pairing={pairing} slot={slot} />;
}

function describe(slot: Slot): string {
  return `${WEEKDAYS[slot.weekday]}s at ${formatTime(slot.start_time)} for ${slot.duration_minutes} minutes in ${slot.location}, ${formatDate(slot.starts_on)} to ${formatDate(slot.ends_on)}`;
}

/** Runs a dry run, then the real thing; keeps the result of the last check and focuses it. */
function useChecked() {
  const [result, setResult] = useState<{ key: string; result: Result } | null>(null);
  const [checks, setChecks] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (checks > 0) heading.current?.focus();
  }, [checks]);
  return {
    result,
    heading,
    show(key: string, value: Result) {
      setResult({ key, result: value });
      setChecks((n) => n + 1);
    },
  };
}

type ChangeField = "from_date" | "start_time" | "duration_minutes" | "location" | "reason";

function checkChange(values: Record<ChangeField, string>): Errors {
  const errors = validate(values, {
    from_date: [required("Enter the first date the change applies to")],
    start_time: [required("Enter the start time")],
    duration_minutes: [required("Enter how long the meeting lasts")],
    location: [required("Enter where you meet"), maxLength(200, "The place")],
    reason: [required("Say why the slot changes"), maxLength(500, "The reason")],
  });
  if (!errors.from_date && values.from_date < schoolToday()) errors.from_date = "A change starts today or later; past meetings stay as they were";
  const minutes = Number(values.duration_minutes);
  if (!errors.duration_minutes && (!Number.isInteger(minutes) || minutes < 15 || minutes > 240))
    errors.duration_minutes = "Enter a whole number of minutes from 15 to 240";
  return errors;
}

function ChangeForm({ pairing, slot }: { pairing: Pairing; slot: Slot }) {
  const navigate = useNavigate();
  const today = schoolToday();
  const form = useForm<ChangeField>({
    from_date: slot.starts_on > today ? slot.starts_on : today,
    start_time: formatTime(slot.start_time),
    duration_minutes: String(slot.duration_minutes),
    location: slot.location,
    reason: "",
  });
  const checked = useChecked();
  const key = JSON.stringify(form.values);
  const fresh = checked.result?.key === key;

  function body(values: Record<ChangeField, string>) {
    return {
      from_date: values.from_date,
      start_time: values.start_time,
      duration_minutes: Number(values.duration_minutes),
      location: values.location.trim(),
      reason: values.reason.trim(),
    };
  }

  async function run(dryRun: boolean) {
    let saved: Result | null = null;
    const ok = await form.submit(checkChange, async (values) => {
      try {
        const result = await unwrap(
          api.POST("/api/v1/slots/{slot_id}/change", { params: { path: { slot_id: slot.id }, query: { dry_run: dryRun } }, body: body(values) }),
        );
        if (dryRun) checked.show(JSON.stringify(values), result);
        saved = result;
      } catch (error) {
        const problem = error instanceof ApiError ? error.problem : null;
        if (problem && Array.isArray(problem.clashes)) {
          checked.show(JSON.stringify(values), {
            slot,
            summary: problem.detail ?? "",
            meetings_changed: 0,
            meetings_untouched: 0,
            clashes: problem.clashes as Schemas["ClashPublic"][],
            clash_summary: (problem.clash_summary ?? []) as Schemas["ClashGroup"][],
            dry_run: true,
          });
        }
        throw error;
      }
    });
    if (ok && !dryRun && saved) navigate(`/pairings/${pairing.id}`, { state: { notice: `Weekly slot changed. ${(saved as Result).summary}` } });
  }

  const result = checked.result?.result;
  return (
    <Page title={TITLES.change} lead={`${pairing.mentor.full_name} and ${pairing.mentee.full_name}`}>
      <p>
        <Link to={`/pairings/${pairing.id}`}>Back to the pairing</Link>
      </p>
      <p>
        Now: {describe(slot)}. From the date you choose, every later scheduled meeting follows the new time, length and room; meetings already held
        or recorded stay as they were.
      </p>
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form
        noValidate
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(true);
        }}
      >
        <TextField label="From" hint={`Today or later; the slot runs until ${formatDate(slot.ends_on)}.`} type="date" {...form.field("from_date")} />
        <TextField label="Start time" type="time" className="field--short" {...form.field("start_time")} />
        <TextField label="Length in minutes" type="number" inputMode="numeric" min={15} max={240} step={5} className="field--short" {...form.field("duration_minutes")} />
        <TextField label="Where" {...form.field("location")} />
        <TextArea label="Why it changes" hint="Kept in the audit log." {...form.field("reason")} />
        <Button type="submit" variant={fresh ? "secondary" : "primary"} disabled={form.busy}>
          Check the change
        </Button>
      </form>
      {result && (
        <section className="panel result" aria-labelledby="change-heading">
          <h2 id="change-heading" ref={checked.heading} tabIndex={-1}>
            {result.clashes.length === 0 ? "What will change" : "The new time clashes"}
          </h2>
          {!fresh && <Notice>You have changed the details since this check. Check again before saving.</Notice>}
          {result.clashes.length === 0 ? (
            <>
              <p>{result.summary}</p>
              {fresh && (
                <Button onClick={() => void run(false)} disabled={form.busy}>
                  Save the change
                </Button>
              )}
            </>
          ) : (
            <>
              <ClashSummary clashes={result.clashes} groups={result.clash_summary} />
              <p>A change that clashes cannot be saved. Choose another time, then check again.</p>
            </>
          )}
        </section>
      )}
    </Page>
  );
}

type EndField = "last_date" | "reason";

function checkEnd(values: Record<EndField, string>): Errors {
  const errors = validate(values, {
    last_date: [required("Enter the last date of the slot")],
    reason: [required("Say why the slot ends"), maxLength(500, "The reason")],
  });
  if (!errors.last_date && values.last_date < addDays(schoolToday(), -1)) errors.last_date = "The last date is yesterday or later";
  return errors;
}

function EndForm({ pairing, slot }: { pairing: Pairing; slot: Slot }) {
  const navigate = useNavigate();
  const today = schoolToday();
  const form = useForm<EndField>({ last_date: today < slot.starts_on ? slot.starts_on : today, reason: "" });
  const checked = useChecked();
  const fresh = checked.result?.key === JSON.stringify(form.values);

  async function run(dryRun: boolean) {
    let saved: Result | null = null;
    const ok = await form.submit(checkEnd, async (values) => {
      const result = await unwrap(
        api.POST("/api/v1/slots/{slot_id}/end", {
          params: { path: { slot_id: slot.id }, query: { dry_run: dryRun } },
          body: { last_date: values.last_date, reason: values.reason.trim() },
        }),
      );
      if (dryRun) checked.show(JSON.stringify(values), result);
      saved = result;
    });
    if (ok && !dryRun && saved) navigate(`/pairings/${pairing.id}`, { state: { notice: `Weekly slot ended. ${(saved as Result).summary}` } });
  }

  const result = checked.result?.result;
  return (
    <Page title={TITLES.end} lead={`${pairing.mentor.full_name} and ${pairing.mentee.full_name}`}>
      <p>
        <Link to={`/pairings/${pairing.id}`}>Back to the pairing</Link>
      </p>
      <p>
        Now: {describe(slot)}. Scheduled meetings after the last date are called off (not counted as lost); meetings already held or recorded stay.
      </p>
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form
        noValidate
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(true);
        }}
      >
        <TextField label="Last date" hint="Meetings after this date are called off." type="date" {...form.field("last_date")} />
        <TextArea label="Why it ends" hint="Kept in the audit log and shown on each called-off meeting." {...form.field("reason")} />
        <Button type="submit" variant={fresh ? "secondary" : "primary"} disabled={form.busy}>
          Check what ends
        </Button>
      </form>
      {result && (
        <section className="panel result" aria-labelledby="end-heading">
          <h2 id="end-heading" ref={checked.heading} tabIndex={-1}>
            What will end
          </h2>
          {!fresh && <Notice>You have changed the details since this check. Check again before saving.</Notice>}
          <p>{result.summary}</p>
          {fresh && (
            <Button variant="danger" onClick={() => void run(false)} disabled={form.busy}>
              End the slot
            </Button>
          )}
        </section>
      )}
    </Page>
  );
}
