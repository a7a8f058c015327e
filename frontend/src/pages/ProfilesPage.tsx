import { useEffect, useRef, useState } from "react";
import { api, MAX_PAGE, unwrap, type MenteeProfile, type MentorProfile, type Pathway, type Phase, type User } from "../api/client";
import { Button, Checkbox, ErrorSummary, Radios, SelectField, TextField } from "../components/forms";
import { MentoringNav, useMentoringSchool } from "../components/MentoringNav";
import { Loading, Notice, Page } from "../components/Page";
import { useForm, type FieldBinding } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { formatDate, PHASE_LABELS, PHASES } from "../lib/labels";
import { PATHWAY_LABELS } from "../lib/mentoring";
import { dateOrderProblem, maxLength, required, validate, type Errors } from "../lib/validation";

/** Mentor and mentee profiles at a school: who can be paired, and for how long. */
export function ProfilesPage() {
  const context = useMentoringSchool();
  const school = context.school;
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const data = useLoad(
    () =>
      school
        ? Promise.all([
            unwrap(api.GET("/api/v1/schools/{school_id}/mentor-profiles", { params: { path: { school_id: school.id } } })),
            unwrap(api.GET("/api/v1/schools/{school_id}/mentee-profiles", { params: { path: { school_id: school.id } } })),
            unwrap(api.GET("/api/v1/users", { params: { query: { school_id: school.id, role: "mentor", active: true, limit: MAX_PAGE } } })),
            unwrap(api.GET("/api/v1/users", { params: { query: { school_id: school.id, role: "mentee", active: true, limit: MAX_PAGE } } })),
          ])
        : Promise.resolve(null),
    [school?.id],
  );
  const [mentors, mentees, mentorPeople, menteePeople] = data.data ?? [[], [], null, null];
  const withoutMentorProfile = (mentorPeople?.items ?? []).filter((u) => !mentors.some((p) => p.user.id === u.id));
  const withoutMenteeProfile = (menteePeople?.items ?? []).filter((u) => !mentees.some((p) => p.user.id === u.id));

  function added(text: string) {
    setMessage(text);
    data.reload();
  }

  /** Closes the edit form and puts focus back on the row's Edit button. */
  function closeEdit(text?: string) {
    const id = editing;
    setEditing(null);
    if (text) added(text);
    if (id) document.getElementById(`edit-${id}`)?.focus();
  }

  const editingMentor = mentors.find((p) => p.id === editing);
  const editingMentee = mentees.find((p) => p.id === editing);

  return (
    <Page title="Mentors and mentees" lead={school?.name}>
      <MentoringNav context={context} />
      {message && <Notice kind="success">{message}</Notice>}
      {data.error && <Notice kind="error">{data.error}</Notice>}
      {school && !data.data && !data.error && <Loading what="Loading profiles" />}
      {school && data.data && (
        <>
          <p>
            Someone needs the mentor or mentee role at the school (on the People pages) before they can have a profile here, and a profile before
            they can be paired.
          </p>
          <section className="section" aria-labelledby="mentors-heading">
            <h2 id="mentors-heading">Mentors</h2>
            <MentorTable profiles={mentors} onEdit={(p) => setEditing(p.id)} />
            {editingMentor && <EditMentor key={editingMentor.id} profile={editingMentor} onDone={closeEdit} />}
            <AddMentor schoolId={school.id} people={withoutMentorProfile} onAdded={added} />
          </section>
          <section className="section" aria-labelledby="mentees-heading">
            <h2 id="mentees-heading">Mentees</h2>
            <MenteeTable profiles={mentees} onEdit={(p) => setEditing(p.id)} />
            {editingMentee && <EditMentee key={editingMentee.id} profile={editingMentee} onDone={closeEdit} />}
            <AddMentee schoolId={school.id} people={withoutMenteeProfile} onAdded={added} />
          </section>
        </>
      )}
    </Page>
  );
}

function dates(p: { starts_on: string; ends_on: string | null }): string {
  return p.ends_on ? `${formatDate(p.starts_on)} to ${formatDate(p.ends_on)}` : `From ${formatDate(p.starts_on)}`;
}

function EditButton({ id, name, kind, onClick }: { id: string; name: string; kind: string; onClick: () => void }) {
  return (
    <Button variant="link" id={`edit-${id}`} onClick={onClick}>
      Edit<span className="visually-hidden"> {name}'s {kind} profile</span>
    </Button>
  );
}

function MentorTable({ profiles, onEdit }: { profiles: MentorProfile[]; onEdit: (p: MentorProfile) => void }) {
  if (profiles.length === 0) return <p>No mentor profiles yet.</p>;
  return (
    <div className="table-wrap table-wrap--stack">
      <table>
        <caption className="visually-hidden">Mentor profiles</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Subjects</th>
            <th scope="col">Phase</th>
            <th scope="col">Trained</th>
            <th scope="col">Dates</th>
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {profiles.map((p) => (
            <tr key={p.id}>
              <td data-label="Name">{p.user.full_name}</td>
              <td data-label="Subjects">{p.subjects.join(", ") || "–"}</td>
              <td data-label="Phase">{p.phase ? PHASE_LABELS[p.phase] : "–"}</td>
              <td data-label="Trained">{p.trained ? "Yes" : "Not yet"}</td>
              <td data-label="Dates">{dates(p)}</td>
              <td>
                <EditButton id={p.id} name={p.user.full_name} kind="mentor" onClick={() => onEdit(p)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MenteeTable({ profiles, onEdit }: { profiles: MenteeProfile[]; onEdit: (p: MenteeProfile) => void }) {
  if (profiles.length === 0) return <p>No mentee profiles yet.</p>;
  return (
    <div className="table-wrap table-wrap--stack">
      <table>
        <caption className="visually-hidden">Mentee profiles</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Pathway</th>
            <th scope="col">Programme and provider</th>
            <th scope="col">Subject</th>
            <th scope="col">Dates</th>
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {profiles.map((p) => (
            <tr key={p.id}>
              <td data-label="Name">{p.user.full_name}</td>
              <td data-label="Pathway">
                {PATHWAY_LABELS[p.pathway]}
                {p.induction_year ? `, year ${p.induction_year}` : ""}
              </td>
              <td data-label="Programme and provider">{[p.programme, p.provider].filter(Boolean).join(", ") || "–"}</td>
              <td data-label="Subject">{p.subject ?? "–"}</td>
              <td data-label="Dates">{dates(p)}</td>
              <td>
                <EditButton id={p.id} name={p.user.full_name} kind="mentee" onClick={() => onEdit(p)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PersonSelect({ label, people, field, prefix }: { label: string; people: User[]; field: FieldBinding; prefix: string }) {
  return (
    <SelectField label={label} id={`${prefix}-user_id`} {...field}>
      <option value="">Choose a person</option>
      {people.map((u) => (
        <option key={u.id} value={u.id}>
          {u.full_name} ({u.email})
        </option>
      ))}
    </SelectField>
  );
}

function AddMentor({ schoolId, people, onAdded }: { schoolId: string; people: User[]; onAdded: (text: string) => void }) {
  const blank = { user_id: "", subjects: "", phase: "", starts_on: "", ends_on: "" };
  const form = useForm(blank);
  const [trained, setTrained] = useState(false);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const name = people.find((u) => u.id === form.values.user_id)?.full_name ?? "The mentor";
    const ok = await form.submit(
      (values): Errors => {
        const errors = validate(values, {
          user_id: [required("Choose who the profile is for")],
          subjects: [maxLength(1000, "Subjects")],
          starts_on: [required("Enter the date they start mentoring")],
        });
        const order = dateOrderProblem(values.starts_on, values.ends_on);
        if (order) errors.ends_on = order;
        return errors;
      },
      async (values) => {
        await unwrap(
          api.POST("/api/v1/schools/{school_id}/mentor-profiles", {
            params: { path: { school_id: schoolId } },
            body: {
              user_id: values.user_id,
              subjects: values.subjects
                .split(/[,;]/)
                .map((s) => s.trim())
                .filter(Boolean),
              phase: (values.phase || null) as Phase | null,
              trained,
              starts_on: values.starts_on,
              ends_on: values.ends_on || null,
            },
          }),
        );
      },
    );
    if (ok) {
      form.reset();
      setTrained(false);
      onAdded(`${name} now has a mentor profile.`);
    }
  }

  const prefix = "mentor";
  return (
    <div className="panel">
      <h3 id="add-mentor-heading">Add a mentor profile</h3>
      {people.length === 0 ? (
        <p>Everyone with the mentor role here has a profile.</p>
      ) : (
        <>
          <ErrorSummary items={form.summary.map((i) => (i.fieldId ? { ...i, fieldId: i.fieldId.replace("field-", `${prefix}-`) } : i))} focusKey={form.attempt} />
          <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="add-mentor-heading">
            <PersonSelect label="Mentor" people={people} field={form.field("user_id")} prefix={prefix} />
            <TextField label="Subjects (optional)" hint="Separate subjects with commas, like Science, Maths." id={`${prefix}-subjects`} {...form.field("subjects")} />
            <PhaseSelect prefix={prefix} field={form.field("phase")} />
            <div className="field">
              <Checkbox name="trained" label="Has completed mentor training" checked={trained} onChange={(e) => setTrained(e.target.checked)} />
            </div>
            <TextField label="Starts mentoring" type="date" id={`${prefix}-starts_on`} {...form.field("starts_on")} />
            <TextField label="Stops mentoring (optional)" type="date" id={`${prefix}-ends_on`} {...form.field("ends_on")} />
            <Button type="submit" variant="secondary" disabled={form.busy}>
              Add mentor profile
            </Button>
          </form>
        </>
      )}
    </div>
  );
}

function PhaseSelect({ prefix, field }: { prefix: string; field: FieldBinding }) {
  return (
    <SelectField label="Phase (optional)" id={`${prefix}-phase`} className="field--short" {...field}>
      <option value="">Not given</option>
      {PHASES.map((p) => (
        <option key={p} value={p}>
          {PHASE_LABELS[p]}
        </option>
      ))}
    </SelectField>
  );
}

function AddMentee({ schoolId, people, onAdded }: { schoolId: string; people: User[]; onAdded: (text: string) => void }) {
  const blank = { user_id: "", pathway: "", induction_year: "", programme: "", provider: "", subject: "", phase: "", starts_on: "", ends_on: "" };
  const form = useForm(blank);
  const prefix = "mentee";

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const name = people.find((u) => u.id === form.values.user_id)?.full_name ?? "The mentee";
    const ok = await form.submit(
      (values): Errors => {
        // Who it is for comes first, as it does on the form.
        const who: Errors = values.user_id ? {} : { user_id: "Choose who the profile is for" };
        return { ...who, ...checkMentee(values) };
      },
      async (values) => {
        await unwrap(
          api.POST("/api/v1/schools/{school_id}/mentee-profiles", {
            params: { path: { school_id: schoolId } },
            body: {
              user_id: values.user_id,
              ...menteeTerms(values),
            },
          }),
        );
      },
    );
    if (ok) {
      form.reset();
      onAdded(`${name} now has a mentee profile.`);
    }
  }

  return (
    <div className="panel">
      <h3 id="add-mentee-heading">Add a mentee profile</h3>
      {people.length === 0 ? (
        <p>Everyone with the mentee role here has a profile.</p>
      ) : (
        <>
          <ErrorSummary items={form.summary.map((i) => (i.fieldId ? { ...i, fieldId: i.fieldId.replace("field-", `${prefix}-`) } : i))} focusKey={form.attempt} />
          <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="add-mentee-heading">
            <PersonSelect label="Mentee" people={people} field={form.field("user_id")} prefix={prefix} />
            <MenteeFields form={form} prefix={prefix} radioName="pathway" endsHint="Pairings run until this date unless given their own end." />
            <Button type="submit" variant="secondary" disabled={form.busy}>
              Add mentee profile
            </Button>
          </form>
        </>
      )}
    </div>
  );
}

type MenteeValues = Record<
  "pathway" | "induction_year" | "programme" | "provider" | "subject" | "phase" | "starts_on" | "ends_on",
  string
>;

/** The rules a mentee profile's fields follow, whether added or edited. */
function checkMentee(values: MenteeValues): Errors {
  const errors = validate(values, {
    pathway: [required("Choose the mentee's pathway")],
    programme: [maxLength(200, "The programme")],
    provider: [maxLength(200, "The provider")],
    subject: [maxLength(100, "The subject")],
    starts_on: [required("Enter the date they start")],
  });
  if (values.pathway === "ect" && !values.induction_year) errors.induction_year = "Choose the ECT's induction year";
  const order = dateOrderProblem(values.starts_on, values.ends_on);
  if (order) errors.ends_on = order;
  return errors;
}

/** The mentee profile's fields as the API takes them (the induction year only for ECTs). */
function menteeTerms(values: MenteeValues) {
  return {
    pathway: values.pathway as Pathway,
    induction_year: values.pathway === "ect" ? Number(values.induction_year) : null,
    programme: values.programme.trim() || null,
    provider: values.provider.trim() || null,
    subject: values.subject.trim() || null,
    phase: (values.phase || null) as Phase | null,
    starts_on: values.starts_on,
    ends_on: values.ends_on || null,
  };
}

interface MenteeForm {
  values: MenteeValues;
  errors: Errors;
  set: (name: "pathway", value: string) => void;
  field: (name: keyof MenteeValues) => FieldBinding;
}

function MenteeFields({ form, prefix, radioName, endsHint }: { form: MenteeForm; prefix: string; radioName: string; endsHint: string }) {
  return (
    <>
      <Radios
        legend="Pathway"
        name={radioName}
        id={`${prefix}-pathway`}
        value={form.values.pathway}
        error={form.errors.pathway}
        onChange={(value) => form.set("pathway", value)}
        options={(Object.keys(PATHWAY_LABELS) as Pathway[]).map((p) => ({ value: p, label: PATHWAY_LABELS[p] }))}
      />
      {form.values.pathway === "ect" && (
        <SelectField label="Induction year" id={`${prefix}-induction_year`} className="field--short" {...form.field("induction_year")}>
          <option value="">Choose a year</option>
          <option value="1">Year 1</option>
          <option value="2">Year 2</option>
        </SelectField>
      )}
      <TextField label="Programme (optional)" hint="For example: Early career framework, or PGCE." id={`${prefix}-programme`} {...form.field("programme")} />
      <TextField label="Provider (optional)" id={`${prefix}-provider`} {...form.field("provider")} />
      <TextField label="Subject (optional)" id={`${prefix}-subject`} {...form.field("subject")} />
      <PhaseSelect prefix={prefix} field={form.field("phase")} />
      <TextField label="Starts" type="date" id={`${prefix}-starts_on`} {...form.field("starts_on")} />
      <TextField label="Ends (optional)" hint={endsHint} type="date" id={`${prefix}-ends_on`} {...form.field("ends_on")} />
    </>
  );
}

function splitSubjects(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The heading of an edit form takes focus when it opens, so the form is announced. */
function EditPanel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="panel">
      <h3 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {children}
    </div>
  );
}

function EditMentor({ profile, onDone }: { profile: MentorProfile; onDone: (text?: string) => void }) {
  const form = useForm({
    subjects: profile.subjects.join(", "),
    phase: profile.phase ?? "",
    starts_on: profile.starts_on,
    ends_on: profile.ends_on ?? "",
  });
  const [trained, setTrained] = useState(profile.trained);
  const prefix = "edit-mentor";
  const name = profile.user.full_name;

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const ok = await form.submit(
      (values): Errors => {
        const errors = validate(values, {
          subjects: [maxLength(1000, "Subjects")],
          starts_on: [required("Enter the date they start mentoring")],
        });
        const order = dateOrderProblem(values.starts_on, values.ends_on);
        if (order) errors.ends_on = order;
        return errors;
      },
      async (values) => {
        await unwrap(
          api.PATCH("/api/v1/mentor-profiles/{profile_id}", {
            params: { path: { profile_id: profile.id } },
            body: {
              subjects: splitSubjects(values.subjects),
              phase: (values.phase || null) as Phase | null,
              trained,
              starts_on: values.starts_on,
              ends_on: values.ends_on || null,
            },
          }),
        );
      },
    );
    if (ok) onDone(`${name}'s mentor profile has been changed.`);
  }

  const headingId = `${prefix}-heading`;
  return (
    <EditPanel id={headingId} title={`Edit ${name}'s mentor profile`}>
      <ErrorSummary items={form.summary.map((i) => (i.fieldId ? { ...i, fieldId: i.fieldId.replace("field-", `${prefix}-`) } : i))} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby={headingId}>
        <TextField label="Subjects (optional)" hint="Separate subjects with commas, like Science, Maths." id={`${prefix}-subjects`} {...form.field("subjects")} />
        <PhaseSelect prefix={prefix} field={form.field("phase")} />
        <div className="field">
          <Checkbox name="trained" id={`${prefix}-trained`} label="Has completed mentor training" checked={trained} onChange={(e) => setTrained(e.target.checked)} />
        </div>
        <TextField label="Starts mentoring" type="date" id={`${prefix}-starts_on`} {...form.field("starts_on")} />
        <TextField label="Stops mentoring (optional)" hint="Leave empty if there is no end date." type="date" id={`${prefix}-ends_on`} {...form.field("ends_on")} />
        <div className="button-row">
          <Button type="submit" disabled={form.busy}>
            Save changes
          </Button>
          <Button variant="secondary" onClick={() => onDone()}>
            Cancel
          </Button>
        </div>
      </form>
    </EditPanel>
  );
}

function EditMentee({ profile, onDone }: { profile: MenteeProfile; onDone: (text?: string) => void }) {
  const form = useForm({
    pathway: profile.pathway as string,
    induction_year: profile.induction_year ? String(profile.induction_year) : "",
    programme: profile.programme ?? "",
    provider: profile.provider ?? "",
    subject: profile.subject ?? "",
    phase: profile.phase ?? "",
    starts_on: profile.starts_on,
    ends_on: profile.ends_on ?? "",
  });
  const prefix = "edit-mentee";
  const name = profile.user.full_name;

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const ok = await form.submit(
      (values): Errors => {
        return checkMentee(values);
      },
      async (values) => {
        await unwrap(
          api.PATCH("/api/v1/mentee-profiles/{profile_id}", {
            params: { path: { profile_id: profile.id } },
            body: {
              ...menteeTerms(values),
            },
          }),
        );
      },
    );
    if (ok) onDone(`${name}'s mentee profile has been changed.`);
  }

  const headingId = `${prefix}-heading`;
  return (
    <EditPanel id={headingId} title={`Edit ${name}'s mentee profile`}>
      <ErrorSummary items={form.summary.map((i) => (i.fieldId ? { ...i, fieldId: i.fieldId.replace("field-", `${prefix}-`) } : i))} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby={headingId}>
        <MenteeFields form={form} prefix={prefix} radioName="edit-pathway" endsHint="Leave empty if there is no end date." />
        <div className="button-row">
          <Button type="submit" disabled={form.busy}>
            Save changes
          </Button>
          <Button variant="secondary" onClick={() => onDone()}>
            Cancel
          </Button>
        </div>
      </form>
    </EditPanel>
  );
}
