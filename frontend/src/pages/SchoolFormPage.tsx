import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap, type Phase, type School } from "../api/client";
import { Button, ErrorSummary, SelectField, TextField } from "../components/forms";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { LoadFailed, Loading, LocationNotice, Notice, Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { labelChoices, PHASE_LABELS, PHASES } from "../lib/labels";
import { digits, maxLength, required, validate } from "../lib/validation";

export function SchoolFormPage() {
  const { schoolId } = useParams();
  const { data: school, error, reload } = useLoad(
    () => (schoolId ? unwrap(api.GET("/api/v1/schools/{school_id}", { params: { path: { school_id: schoolId } } })) : Promise.resolve(null)),
    [schoolId],
  );
  if (!schoolId) return <SchoolForm school={null} onSaved={reload} />;
  if (error) return <LoadFailed title="School not found" error={error} backTo="/schools" back="Back to schools" />;
  if (!school) return <Loading what="Loading the school" />;
  return <SchoolForm key={school.id} school={school} onSaved={reload} />;
}

function SchoolForm({ school, onSaved }: { school: School | null; onSaved: () => void }) {
  const navigate = useNavigate();
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [statusBusy, setStatusBusy] = useState(false);
  const [statusError, setStatusError] = useState<string | null>(null);
  const form = useForm({
    name: school?.name ?? "",
    urn: school?.urn ?? "",
    phase: school?.phase ?? "",
    timezone: school?.timezone ?? "Europe/London",
  });

  useEffect(() => setSaved(null), [form.values]);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      (values) =>
        validate(values, {
          name: [required("Enter the school's name"), maxLength(200, "The name")],
          urn: [required("Enter the school's URN"), digits(6, "The URN")],
          phase: [required("Choose the school's phase")],
          timezone: [required("Enter the time zone")],
        }),
      async (values) => {
        const body = { name: values.name.trim(), urn: values.urn.trim(), phase: values.phase as Phase, timezone: values.timezone.trim() };
        if (school) {
          await unwrap(api.PATCH("/api/v1/schools/{school_id}", { params: { path: { school_id: school.id } }, body }));
          onSaved();
          setSaved(`${body.name} has been saved.`);
        } else {
          const created = await unwrap(api.POST("/api/v1/schools", { body }));
          navigate(`/schools/${created.id}`, { state: { notice: `${created.name} has been added.` } });
        }
      },
    );
  }

  async function setActive(active: boolean) {
    if (!school) return;
    setStatusBusy(true);
    setStatusError(null);
    try {
      await unwrap(api.PATCH("/api/v1/schools/{school_id}", { params: { path: { school_id: school.id } }, body: { active } }));
      setConfirming(false);
      setSaved(active ? `${school.name} is active again.` : `${school.name} has been deactivated.`);
      onSaved();
    } catch (e) {
      setStatusError(e instanceof Error ? e.message : "That did not work.");
      setConfirming(false);
    } finally {
      setStatusBusy(false);
    }
  }

  const title = school ? school.name : "Add a school";
  return (
    <Page title={title} lead={school ? `URN ${school.urn}` : "Schools belong to your trust. People and term dates are added per school."}>
      <p>
        <Link to="/schools">Back to schools</Link>
        {school && (
          <>
            {" · "}
            <Link to={`/schools/${school.id}/term-dates`}>Term dates</Link>
          </>
        )}
      </p>
      <LocationNotice />
      {saved && <Notice kind="success">{saved}</Notice>}
      {statusError && <Notice kind="error">{statusError}</Notice>}
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <h2>{school ? "School details" : "Details"}</h2>
        <TextField label="Name" autoComplete="organization" {...form.field("name")} />
        <TextField
          label="URN"
          hint="The 6-digit unique reference number from Get Information about Schools."
          inputMode="numeric"
          className="field--short"
          {...form.field("urn")}
        />
        <SelectField label="Phase" className="field--short" blank="Choose a phase" options={labelChoices(PHASES, PHASE_LABELS)} {...form.field("phase")} />
        <TextField label="Time zone" hint="For schools in England this is Europe/London." className="field--short" {...form.field("timezone")} />
        <Button type="submit" disabled={form.busy}>
          {form.busy ? "Saving…" : school ? "Save changes" : "Add school"}
        </Button>
      </form>
      {school && (
        <section className="section" aria-labelledby="status-heading">
          <h2 id="status-heading">Status</h2>
          <p>
            This school is{" "}
            <span className={`status ${school.active ? "status--active" : "status--inactive"}`}>{school.active ? "active" : "deactivated"}</span>.
          </p>
          {school.active ? (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Deactivate school
            </Button>
          ) : (
            <Button variant="secondary" onClick={() => setActive(true)} disabled={statusBusy}>
              Reactivate school
            </Button>
          )}
          <ConfirmDialog
            open={confirming}
            title={`Deactivate ${school.name}?`}
            confirmLabel="Deactivate school"
            danger
            busy={statusBusy}
            onConfirm={() => setActive(false)}
            onCancel={() => setConfirming(false)}
          >
            <p>The school stays on record with its term dates and people, but is marked as no longer active. You can reactivate it later.</p>
          </ConfirmDialog>
        </section>
      )}
    </Page>
  );
}
