import { Link, useNavigate } from "react-router";
import { api, unwrap, type MenteeProfile, type MentorProfile, type PairingKind } from "../api/client";
import { Button, ErrorSummary, Radios, SelectField, TextField } from "../components/forms";
import { useMentoringSchool } from "../components/MentoringNav";
import { Loading, Notice, Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { formatDate, type Choice } from "../lib/labels";
import { KIND_LABELS, PATHWAY_LABELS } from "../lib/mentoring";
import { allMenteeProfiles, allMentorProfiles } from "../lib/mentoringLists";
import { schoolToday } from "../lib/time";
import { dateOrderProblem, required, validate, type Errors } from "../lib/validation";

export function PairingNewPage() {
  const { school, loading, error } = useMentoringSchool();
  const navigate = useNavigate();
  const profiles = useLoad(
    () =>
      school
        ? Promise.all([
            allMentorProfiles(school.id),
            allMenteeProfiles(school.id),
          ])
        : Promise.resolve(null),
    [school?.id],
  );
  const form = useForm({ mentor_id: "", mentee_id: "", kind: "", starts_on: schoolToday(), ends_on: "" });

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (!school) return;
    let createdId = "";
    const ok = await form.submit(
      (values): Errors => {
        const errors = validate(values, {
          mentor_id: [required("Choose the mentor")],
          mentee_id: [required("Choose the mentee")],
          kind: [required("Choose the kind of mentoring")],
          starts_on: [required("Enter the first day of the pairing")],
        });
        if (!errors.mentee_id && values.mentor_id && values.mentor_id === values.mentee_id) errors.mentee_id = "Nobody can mentor themselves: choose someone else";
        const order = dateOrderProblem(values.starts_on, values.ends_on);
        if (order) errors.ends_on = order;
        return errors;
      },
      async (values) => {
        const created = await unwrap(
          api.POST("/api/v1/pairings", {
            body: {
              school_id: school.id,
              mentor_id: values.mentor_id,
              mentee_id: values.mentee_id,
              kind: values.kind as PairingKind,
              starts_on: values.starts_on,
              ends_on: values.ends_on || null,
            },
          }),
        );
        createdId = created.id;
      },
    );
    if (ok) navigate(`/pairings/${createdId}`, { state: { notice: "The pairing has been created. Next, the pair agree how they will work at their first meeting." } });
  }

  if (error) {
    return (
      <Page title="Create a pairing">
        <Notice kind="error">{error}</Notice>
      </Page>
    );
  }
  if (loading || (school && !profiles.data && !profiles.error)) return <Loading what="Loading mentors and mentees" />;
  if (!school) {
    return (
      <Page title="Create a pairing">
        <p>You do not lead a school, so there is nobody to pair.</p>
      </Page>
    );
  }
  const [mentors, mentees] = profiles.data ?? [[], []];

  return (
    <Page title="Create a pairing" lead={school.name}>
      <p>
        <Link to={`/mentoring?school=${school.id}`}>Back to pairings</Link>
      </p>
      {profiles.error && <Notice kind="error">{profiles.error}</Notice>}
      {(mentors.length === 0 || mentees.length === 0) && (
        <Notice>
          Pairings are made from mentor and mentee profiles.{" "}
          <Link to={`/mentoring/profiles?school=${school.id}`}>Add {mentors.length === 0 ? "a mentor profile" : "a mentee profile"}</Link> first.
        </Notice>
      )}
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <SelectField label="Mentor" blank="Choose a mentor" options={mentors.map(mentorChoice)} {...form.field("mentor_id")} />
        <SelectField label="Mentee" blank="Choose a mentee" options={mentees.map(menteeChoice)} {...form.field("mentee_id")} />
        <Radios
          legend="Kind of mentoring"
          name="kind"
          value={form.values.kind}
          error={form.errors.kind}
          onChange={(value) => form.set("kind", value)}
          options={[
            { value: "induction_mentor", label: KIND_LABELS.induction_mentor, hint: "Supports an early career teacher through induction." },
            { value: "subject_mentor", label: KIND_LABELS.subject_mentor, hint: "Supports a trainee or teacher in their subject." },
          ]}
        />
        <TextField label="First day" type="date" {...form.field("starts_on")} />
        <TextField label="Last day (optional)" hint="Leave empty to run until the end of the mentee's time at the school." type="date" {...form.field("ends_on")} />
        <Button type="submit" disabled={form.busy}>
          Create pairing
        </Button>
      </form>
    </Page>
  );
}

function mentorChoice(profile: MentorProfile): Choice {
  const subjects = profile.subjects.length > 0 ? ` (${profile.subjects.join(", ")})` : "";
  return { value: profile.user.id, label: `${profile.user.full_name}${subjects}` };
}

function menteeChoice(profile: MenteeProfile): Choice {
  const until = profile.ends_on ? `, until ${formatDate(profile.ends_on)}` : "";
  return { value: profile.user.id, label: `${profile.user.full_name} (${PATHWAY_LABELS[profile.pathway]}${until})` };
}
