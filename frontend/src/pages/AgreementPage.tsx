import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap, type Agreement, type AgreementTerms, type PairingDetail } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { Button, ErrorSummary, Radios, SelectField, TextArea, TextField } from "../components/forms";
import { Notice, Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { PairingLoader } from "../components/PairingLoader";
import { formatTime, SCHOOL_DAY_CHOICES, SCHOOL_DAYS } from "../lib/time";
import { maxLength, required, validate, type Errors } from "../lib/validation";

/** The first meeting ("contracting"): agree how the mentor and mentee will work together. */
export function AgreementPage() {
  const { pairingId = "" } = useParams();
  return (
    <PairingLoader pairingId={pairingId} title="Agreement">
      {(pairing, current) => <AgreementForm pairing={pairing} current={current} />}
    </PairingLoader>
  );
}

type Field =
  | "meeting_frequency"
  | "meeting_day"
  | "meeting_time"
  | "meeting_location"
  | "feedback_timing"
  | "reflection_interval_hours"
  | "mentor_prepares"
  | "mentee_prepares"
  | "record_keeper"
  | "agenda_setting"
  | "feedback_approach"
  | "wellbeing_frequency"
  | "concern_route";

function initialValues(current: Agreement | null): Record<Field, string> {
  if (!current) {
    return {
      meeting_frequency: "Weekly, in term time",
      meeting_day: "",
      meeting_time: "",
      meeting_location: "",
      feedback_timing: "",
      reflection_interval_hours: "",
      mentor_prepares: "",
      mentee_prepares: "",
      record_keeper: "",
      agenda_setting: "",
      feedback_approach: "",
      wellbeing_frequency: "",
      concern_route: "",
    };
  }
  return {
    meeting_frequency: current.meeting_frequency,
    meeting_day: current.meeting_day < SCHOOL_DAYS.length ? String(current.meeting_day) : "",
    meeting_time: formatTime(current.meeting_time),
    meeting_location: current.meeting_location,
    feedback_timing: current.feedback_timing,
    reflection_interval_hours: current.reflection_interval_hours ? String(current.reflection_interval_hours) : "",
    mentor_prepares: current.mentor_prepares,
    mentee_prepares: current.mentee_prepares,
    record_keeper: current.record_keeper,
    agenda_setting: current.agenda_setting,
    feedback_approach: current.feedback_approach,
    wellbeing_frequency: current.wellbeing_frequency,
    concern_route: current.concern_route,
  };
}

function check(values: Record<Field, string>): Errors {
  const short = (what: string) => [required(`Enter ${what}`), maxLength(200, "This answer")];
  const long = (what: string) => [required(`Enter ${what}`), maxLength(1000, "This answer")];
  const errors = validate(values, {
    meeting_frequency: short("how often you will meet"),
    meeting_day: [required("Choose the day you will meet")],
    meeting_time: [required("Enter the time you will meet")],
    meeting_location: short("where you will meet"),
    feedback_timing: [required("Choose when feedback will be given")],
    mentor_prepares: long("what the mentor prepares"),
    mentee_prepares: long("what the mentee prepares"),
    record_keeper: [required("Choose who keeps the record")],
    agenda_setting: long("how the agenda is set"),
    feedback_approach: long("how feedback is given"),
    wellbeing_frequency: short("how often you talk about wellbeing and workload"),
    concern_route: long("how either of you raises a concern"),
  });
  if (values.feedback_timing === "after_reflection") {
    const hours = Number(values.reflection_interval_hours);
    if (!values.reflection_interval_hours.trim()) errors.reflection_interval_hours = "Enter how many hours to reflect before feedback";
    else if (!Number.isInteger(hours) || hours < 1 || hours > 168) errors.reflection_interval_hours = "Enter a whole number of hours from 1 to 168";
  }
  return errors;
}

function AgreementForm({ pairing, current }: { pairing: PairingDetail; current: Agreement | null }) {
  const { me } = useAuth();
  const navigate = useNavigate();
  const form = useForm<Field>(initialValues(current));
  const mySide = me?.id === pairing.mentor.id ? "mentor" : me?.id === pairing.mentee.id ? "mentee" : null;
  const next = (current?.version ?? 0) + 1;
  const canAct = pairing.can.propose_agreement;
  const title = current ? "Change the mentoring agreement" : "First meeting: your mentoring agreement";

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const ok = await form.submit(check, async (values) => {
      const body: AgreementTerms = {
        meeting_frequency: values.meeting_frequency.trim(),
        meeting_day: Number(values.meeting_day),
        meeting_time: values.meeting_time,
        meeting_location: values.meeting_location.trim(),
        feedback_timing: values.feedback_timing as AgreementTerms["feedback_timing"],
        reflection_interval_hours: values.feedback_timing === "after_reflection" ? Number(values.reflection_interval_hours) : null,
        mentor_prepares: values.mentor_prepares.trim(),
        mentee_prepares: values.mentee_prepares.trim(),
        record_keeper: values.record_keeper as AgreementTerms["record_keeper"],
        agenda_setting: values.agenda_setting.trim(),
        feedback_approach: values.feedback_approach.trim(),
        wellbeing_frequency: values.wellbeing_frequency.trim(),
        concern_route: values.concern_route.trim(),
      };
      await unwrap(api.POST("/api/v1/pairings/{pairing_id}/agreements", { params: { path: { pairing_id: pairing.id } }, body }));
    });
    if (ok) {
      const other = mySide === "mentor" ? pairing.mentee.full_name : mySide === "mentee" ? pairing.mentor.full_name : null;
      navigate(`/pairings/${pairing.id}`, {
        state: {
          notice: other
            ? `Version ${next} of your agreement is saved and you have agreed it. ${other} needs to agree it too.`
            : `Version ${next} of the agreement is saved. The mentor and mentee both need to agree it.`,
        },
      });
    }
  }

  if (!canAct) {
    return (
      <Page title={title}>
        <p>Only the mentor, the mentee or a school lead can write this agreement.</p>
        <Link to={`/pairings/${pairing.id}`}>Back to the pairing</Link>
      </Page>
    );
  }

  return (
    <Page title={title} lead={`${pairing.mentor.full_name} (mentor) and ${pairing.mentee.full_name} (mentee)`}>
      <p>
        <Link to={`/pairings/${pairing.id}`}>Back to the pairing</Link>
      </p>
      <p>
        Talk these questions through together at your first meeting, then write down what you agreed. You can change it later; nothing here is
        set in stone.
      </p>
      {current ? (
        <Notice>
          <p>
            The answers below are from version {current.version}. Saving makes version {next}
            {mySide ? ", which counts as your agreement. " : ". "}
            {mySide ? `${mySide === "mentor" ? pairing.mentee.full_name : pairing.mentor.full_name} must agree it again` : "The mentor and the mentee must both agree it again"}{" "}
            before it is agreed by both.
          </p>
        </Notice>
      ) : (
        mySide && <Notice>Saving counts as your agreement; the other person then agrees it from the pairing page.</Notice>
      )}
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <fieldset className="guide-step">
          <legend>
            <span className="guide-step__number">1</span> When and where you meet
          </legend>
          <TextField label="How often will you meet?" hint="The entitlement is one protected hour every week of term." {...form.field("meeting_frequency")} />
          <SelectField label="Which day?" className="field--short" blank="Choose a day" options={SCHOOL_DAY_CHOICES} {...form.field("meeting_day")} />
          <TextField label="What time?" type="time" className="field--short" {...form.field("meeting_time")} />
          <TextField label="Where?" hint="For example: Room 12, or the science prep room." {...form.field("meeting_location")} />
        </fieldset>

        <fieldset className="guide-step">
          <legend>
            <span className="guide-step__number">2</span> Feedback on observed lessons
          </legend>
          <Radios
            legend="When will feedback be given?"
            name="feedback_timing"
            value={form.values.feedback_timing}
            error={form.errors.feedback_timing}
            onChange={(value) => form.set("feedback_timing", value)}
            options={[
              { value: "same_day", label: "The same day as the lesson" },
              { value: "after_reflection", label: "After some time to reflect", hint: "You then say how many hours." },
            ]}
          />
          {form.values.feedback_timing === "after_reflection" && (
            <TextField
              label="How many hours to reflect first?"
              hint="A whole number from 1 to 168 (one week)."
              type="number"
              inputMode="numeric"
              min={1}
              max={168}
              className="field--short"
              {...form.field("reflection_interval_hours")}
            />
          )}
          <TextArea label="How will feedback be given?" hint="For example: strengths first, then one development point with a next step." {...form.field("feedback_approach")} />
        </fieldset>

        <fieldset className="guide-step">
          <legend>
            <span className="guide-step__number">3</span> Preparing and recording
          </legend>
          <TextArea label={`What will ${pairing.mentor.full_name} (mentor) prepare?`} {...form.field("mentor_prepares")} />
          <TextArea label={`What will ${pairing.mentee.full_name} (mentee) prepare?`} {...form.field("mentee_prepares")} />
          <Radios
            legend="Who keeps the record of each meeting?"
            hint="Only the record keeper can write the notes and actions. A change of record keeper counts once you have both agreed this version."
            name="record_keeper"
            value={form.values.record_keeper}
            error={form.errors.record_keeper}
            onChange={(value) => form.set("record_keeper", value)}
            options={[
              { value: "mentor", label: `${pairing.mentor.full_name} (mentor)` },
              { value: "mentee", label: `${pairing.mentee.full_name} (mentee)` },
            ]}
          />
          <TextArea label="How is the agenda set?" hint="For example: open actions first, then anything either of you adds beforehand." {...form.field("agenda_setting")} />
        </fieldset>

        <fieldset className="guide-step">
          <legend>
            <span className="guide-step__number">4</span> Looking after each other
          </legend>
          <TextField label="How often will you talk about wellbeing and workload?" hint="For example: every meeting." {...form.field("wellbeing_frequency")} />
          <TextArea
            label="How can either of you raise a concern?"
            hint="For example: say so at the meeting, or speak to the induction tutor."
            {...form.field("concern_route")}
          />
        </fieldset>

        <Button type="submit" disabled={form.busy}>
          {mySide ? `Save and agree version ${next}` : `Save version ${next}`}
        </Button>
      </form>
    </Page>
  );
}
