/** Add or change a resource: trust-wide (trust admins) or for a school (its leads). */
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap, type Audience, type ResourceDetail, type ResourceKind, type ResourcePhase, type Theme } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { Button, Checkbox, ErrorSummary, Fieldset, SelectField, TextArea, TextField } from "../components/forms";
import { LoadFailed, Loading, Page } from "../components/Page";
import { StandardsToggles } from "../components/StandardsToggles";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { labelChoices } from "../lib/labels";
import { AUDIENCE_LABELS, AUDIENCES, KIND_LABELS, KINDS, linkProblem, RESOURCE_PHASE_LABELS, RESOURCE_PHASES, THEME_LABELS, THEMES } from "../lib/resources";
import { maxLength, required, validate } from "../lib/validation";

export function ResourceFormPage() {
  const { resourceId } = useParams();
  const loaded = useLoad(
    () => (resourceId ? unwrap(api.GET("/api/v1/resources/{resource_id}", { params: { path: { resource_id: resourceId } } })) : Promise.resolve(null)),
    [resourceId],
  );
  if (!resourceId) return <ResourceForm resource={null} />;
  if (loaded.error) return <LoadFailed title="Resource not found" error={loaded.error} backTo="/resources" back="Back to the library" />;
  if (!loaded.data) return <Loading what="Loading the resource" />;
  return <ResourceForm key={loaded.data.id} resource={loaded.data} />;
}

function toggle<T>(values: T[], value: T, on: boolean): T[] {
  return on ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value);
}

function ResourceForm({ resource }: { resource: ResourceDetail | null }) {
  const navigate = useNavigate();
  const { isTrustAdmin, schools } = useAuth();
  const led = schools.filter((s) => s.roles.includes("school_lead"));
  const places = [...(isTrustAdmin ? [{ value: "", label: "The whole trust" }] : []), ...led.map((s) => ({ value: s.schoolId, label: s.schoolName }))];
  const form = useForm({
    where: resource ? (resource.school_id ?? "") : (places[0]?.value ?? ""),
    title: resource?.title ?? "",
    kind: resource?.kind ?? "",
    url: resource?.url ?? "",
    publisher: resource?.publisher ?? "",
    year: resource?.year ? String(resource.year) : "",
    summary: resource?.summary ?? "",
  });
  const [themes, setThemes] = useState<Theme[]>(resource?.themes ?? []);
  const [audiences, setAudiences] = useState<Audience[]>(resource?.audiences ?? []);
  const [phases, setPhases] = useState<ResourcePhase[]>(resource?.phases ?? []);
  const [standards, setStandards] = useState<number[]>(resource?.standards ?? []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await form.submit(
      (values) => {
        const errors = validate(values, {
          title: [required("Enter the title"), maxLength(300, "The title")],
          kind: [required("Choose what kind of resource it is")],
          publisher: [maxLength(300, "The publisher or author")],
          summary: [maxLength(5000, "The summary")],
        });
        const link = linkProblem(values.url);
        if (link) errors.url = link;
        if (values.year.trim() && !/^\d{4}$/.test(values.year.trim())) errors.year = "Enter the year as four digits, like 2016";
        return errors;
      },
      async (values) => {
        const fields = {
          title: values.title.trim(),
          kind: values.kind as ResourceKind,
          url: values.url.trim() || null,
          publisher: values.publisher.trim(),
          year: values.year.trim() ? Number(values.year.trim()) : null,
          summary: values.summary.trim(),
          themes: [...themes].sort(),
          audiences: [...audiences].sort(),
          phases: [...phases].sort(),
          standards: [...standards].sort(),
        };
        const saved = resource
          ? await unwrap(api.PATCH("/api/v1/resources/{resource_id}", { params: { path: { resource_id: resource.id } }, body: fields }))
          : await unwrap(api.POST("/api/v1/resources", { body: { ...fields, school_id: values.where || null } }));
        navigate(`/resources/${saved.id}`, { state: { notice: `${saved.title} has been ${resource ? "saved" : "added"}.` } });
      },
    );
  }

  const title = resource ? `Edit: ${resource.title}` : "Add a resource";
  return (
    <Page title={title} lead="Write the summary in your own words: what it is and why a mentor might read it.">
      <p>{resource ? <Link to={`/resources/${resource.id}`}>Back to the resource</Link> : <Link to="/resources">Back to the library</Link>}</p>
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        {!resource && places.length > 1 && <SelectField label="Who it is for" options={places} {...form.field("where")} />}
        {!resource && places.length === 1 && <p>It will be in the library for {places[0].value ? `the people of ${places[0].label}` : "everyone in your trust"}.</p>}
        <TextField label="Title" {...form.field("title")} />
        <SelectField label="Kind" className="field--short" blank="Choose a kind" options={labelChoices(KINDS, KIND_LABELS)} {...form.field("kind")} />
        <TextField label="Link (optional)" type="url" inputMode="url" hint="A web address starting with http:// or https://" {...form.field("url")} />
        <TextField label="Publisher or author (optional)" {...form.field("publisher")} />
        <TextField label="Year (optional)" inputMode="numeric" className="field--short" {...form.field("year")} />
        <TextArea label="Summary" rows={5} {...form.field("summary")} />
        <Fieldset id="field-themes" legend="Themes">
          <div className="checkbox-grid">
            {THEMES.map((t) => (
              <Checkbox key={t} name="themes" label={THEME_LABELS[t]} checked={themes.includes(t)} onChange={(e) => setThemes(toggle(themes, t, e.target.checked))} />
            ))}
          </div>
        </Fieldset>
        <Fieldset id="field-audiences" legend="For">
          {AUDIENCES.map((a) => (
            <Checkbox key={a} name="audiences" label={AUDIENCE_LABELS[a]} checked={audiences.includes(a)} onChange={(e) => setAudiences(toggle(audiences, a, e.target.checked))} />
          ))}
        </Fieldset>
        <Fieldset id="field-phases" legend="Phases">
          {RESOURCE_PHASES.map((p) => (
            <Checkbox key={p} name="phases" label={RESOURCE_PHASE_LABELS[p]} checked={phases.includes(p)} onChange={(e) => setPhases(toggle(phases, p, e.target.checked))} />
          ))}
        </Fieldset>
        <StandardsToggles id="field-standards" legend="Teachers’ Standards" hint="Suggested to mentees with open targets on these standards." value={standards} onChange={setStandards} />
        <Button type="submit" disabled={form.busy}>
          {form.busy ? "Saving…" : resource ? "Save changes" : "Add resource"}
        </Button>
      </form>
    </Page>
  );
}
