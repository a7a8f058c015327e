/** What a school records it provides its mentors and mentees (a timetable reduction, a TLR, a
 * device issued, a job description on file), each with its date and where the evidence is; a
 * lead of the school (or a trust admin) records a new one. */
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, MAX_PAGE, PAGE_SIZE, unwrap, type Schemas } from "../../api/client";
import { useAuth } from "../../auth/AuthContext";
import { PagedTable } from "../../components/DataTable";
import { Button, ErrorSummary, SelectField, TextField } from "../../components/forms";
import { Notice, Page } from "../../components/Page";
import { useForm } from "../../components/useForm";
import { useLoad } from "../../components/useLoad";
import { formatDate } from "../../lib/labels";
import { PROVISION_AMOUNT_LABELS, PROVISION_LABELS, provisionAmount } from "../../lib/entitlements";
import { required, validate, type Errors } from "../../lib/validation";

type Provision = Schemas["ProvisionPublic"];
type Kind = Schemas["ProvisionKind"];

export function ProvisionsPage() {
  const { schoolId = "" } = useParams();
  const { me, has, schools } = useAuth();
  const school = useLoad(() => unwrap(api.GET("/api/v1/schools/{school_id}", { params: { path: { school_id: schoolId } } })), [schoolId]);
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    () => unwrap(api.GET("/api/v1/schools/{school_id}/entitlement-provisions", { params: { path: { school_id: schoolId }, query: { limit: PAGE_SIZE, offset } } })),
    [schoolId, offset],
  );
  const leads = schools.some((s) => s.schoolId === schoolId && s.roles.includes("school_lead"));
  const admin = (me?.roles ?? []).some((g) => g.role === "trust_admin");
  const mayRecord = has("entitlements:adopt") && (leads || admin);
  const name = school.data?.name;
  return (
    <Page title={name ? `Provisions at ${name}` : "Provisions"} lead="What the school records it provides its mentors and trainees, each from a date and with where the evidence is.">
      <p>
        <Link to={`/entitlements/schools/${schoolId}`}>Back to the school's entitlements</Link>
      </p>
      {mayRecord && (
        <RecordProvision
          schoolId={schoolId}
          onRecorded={() => {
            setOffset(0);
            list.reload();
          }}
        />
      )}
      <section className="section" aria-labelledby="recorded-heading">
        <h2 id="recorded-heading">Recorded</h2>
        <PagedTable
          caption="Provisions recorded, newest first"
          list={list}
          loading="Loading the provisions"
          empty="Nothing recorded yet."
          pagerLabel="Provisions"
          onPage={setOffset}
          rowKey={(p) => p.id}
          columns={[
            { header: "Person", cell: (p: Provision) => p.person.full_name },
            { header: "Provision", cell: (p: Provision) => PROVISION_LABELS[p.kind] },
            { header: "Amount", cell: (p: Provision) => provisionAmount(p.kind, p.amount) },
            { header: "From", cell: (p: Provision) => formatDate(p.effective_from) },
            { header: "Evidence", cell: (p: Provision) => p.evidence },
            { header: "Recorded by", cell: (p: Provision) => p.recorded_by.full_name },
          ]}
        />
      </section>
    </Page>
  );
}

const KINDS = Object.keys(PROVISION_LABELS) as Kind[];

function RecordProvision({ schoolId, onRecorded }: { schoolId: string; onRecorded: () => void }) {
  const people = useLoad(async () => {
    const query = { params: { path: { school_id: schoolId }, query: { limit: MAX_PAGE } } };
    const [mentors, mentees] = await Promise.all([
      unwrap(api.GET("/api/v1/schools/{school_id}/mentor-profiles", query)),
      unwrap(api.GET("/api/v1/schools/{school_id}/mentee-profiles", query)),
    ]);
    const byId = new Map<string, string>();
    for (const p of [...mentors.items, ...mentees.items]) byId.set(p.user.id, p.user.full_name);
    return [...byId].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  }, [schoolId]);
  const form = useForm({ user_id: "", kind: "timetable_reduction", amount: "", effective_from: "", evidence: "" });
  const [done, setDone] = useState<string | null>(null);
  const kind = form.values.kind as Kind;
  const amountLabel = PROVISION_AMOUNT_LABELS[kind];

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setDone(null);
    const ok = await form.submit(
      (values): Errors => {
        const errors = validate(values, {
          user_id: [required("Choose the person")],
          effective_from: [required("Enter the date it applies from")],
          evidence: [required("Say where the evidence is, like the timetable or a letter")],
        });
        if (amountLabel) {
          const n = Number(values.amount);
          if (!values.amount.trim()) errors.amount = kind === "tlr_payment" ? "Enter the TLR in pounds a year" : "Enter the reduction as a per cent";
          else if (!Number.isFinite(n) || n < 0) errors.amount = "Enter a number of 0 or more";
          else if (kind === "timetable_reduction" && n > 100) errors.amount = "A reduction is at most 100 per cent";
        }
        return errors;
      },
      async (values) => {
        await unwrap(
          api.POST("/api/v1/schools/{school_id}/entitlement-provisions", {
            params: { path: { school_id: schoolId } },
            body: { user_id: values.user_id, kind, amount: amountLabel ? Number(values.amount) : 1, effective_from: values.effective_from, evidence: values.evidence.trim() },
          }),
        );
      },
    );
    if (ok) {
      const who = people.data?.find((p) => p.value === form.values.user_id)?.label ?? "The person";
      setDone(`Recorded for ${who}: ${PROVISION_LABELS[kind]}, from ${formatDate(form.values.effective_from)}.`);
      form.setValues({ user_id: "", kind: form.values.kind, amount: "", effective_from: "", evidence: "" });
      onRecorded();
    }
  }

  return (
    <section className="section" aria-labelledby="record-heading">
      <h2 id="record-heading">Record a provision</h2>
      {done && <Notice kind="success">{done}</Notice>}
      {people.error && <Notice kind="error">{people.error}</Notice>}
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate aria-labelledby="record-heading">
        <SelectField label="Person" blank="Choose a mentor or trainee" options={people.data ?? []} {...form.field("user_id")} />
        <SelectField label="Provision" options={KINDS.map((k) => ({ value: k, label: PROVISION_LABELS[k] }))} {...form.field("kind")} />
        {amountLabel && <TextField type="number" inputMode="decimal" min={0} step="any" label={amountLabel} className="field--short" {...form.field("amount")} />}
        <TextField type="date" label="From" hint="The day it applies from" {...form.field("effective_from")} />
        <TextField label="Evidence" hint="Where it is recorded: the timetable, a letter, the HR file" maxLength={500} {...form.field("evidence")} />
        <div className="button-row">
          <Button type="submit" disabled={form.busy}>
            Record the provision
          </Button>
        </div>
      </form>
    </section>
  );
}
