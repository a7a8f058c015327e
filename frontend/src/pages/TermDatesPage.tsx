import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap, type School, type TermDate } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { Button, Checkbox, ErrorSummary, Fieldset, SelectField, TextField } from "../components/forms";
import { Loading, Notice, Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { formatDate } from "../lib/labels";
import { allSchools } from "../lib/schools";
import { dateOrderProblem, maxLength, required, validate, type Errors } from "../lib/validation";

const KIND_LABELS = { term: "Term", closure: "Closure" } as const;

export function TermDatesPage() {
  const { schoolId = "" } = useParams();
  const { isTrustAdmin, me } = useAuth();
  const schools = useLoad(() => allSchools(), []);
  const terms = useLoad(
    () => unwrap(api.GET("/api/v1/schools/{school_id}/term-dates", { params: { path: { school_id: schoolId } } })),
    [schoolId],
  );
  const school = schools.data?.find((s) => s.id === schoolId) ?? null;
  const leadOf = new Set((me?.roles ?? []).filter((r) => r.role === "school_lead").map((r) => r.school_id));
  const canManage = isTrustAdmin || leadOf.has(schoolId);
  const copyTargets = (schools.data ?? []).filter((s) => s.id !== schoolId && s.active && (isTrustAdmin || leadOf.has(s.id)));

  if (schools.error || terms.error) {
    return (
      <Page title="Term dates">
        <Notice kind="error">{schools.error ?? terms.error}</Notice>
      </Page>
    );
  }
  if (!schools.data || !terms.data) return <Loading what="Loading term dates" />;
  if (!school) {
    return (
      <Page title="School not found">
        <p>This school does not exist or is not open to you.</p>
      </Page>
    );
  }
  return (
    <TermDates
      key={school.id}
      school={school}
      terms={terms.data}
      canManage={canManage}
      copyTargets={copyTargets}
      reload={terms.reload}
      backLink={isTrustAdmin}
    />
  );
}

function TermDates({
  school,
  terms,
  canManage,
  copyTargets,
  reload,
  backLink,
}: {
  school: School;
  terms: TermDate[];
  canManage: boolean;
  copyTargets: School[];
  reload: () => void;
  backLink: boolean;
}) {
  const [editing, setEditing] = useState<TermDate | null>(null);
  const [deleting, setDeleting] = useState<TermDate | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const blank = { kind: "term", name: "", starts_on: "", ends_on: "" };
  const form = useForm(blank);

  function startEdit(term: TermDate) {
    setEditing(term);
    setMessage(null);
    form.setValues({ kind: term.kind, name: term.name, starts_on: term.starts_on, ends_on: term.ends_on });
    formHeading.current?.focus();
  }

  function stopEdit() {
    setEditing(null);
    form.setValues(blank);
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setMessage(null);
    const ok = await form.submit(
      (values) => {
        const errors = validate(values, {
          kind: [required("Choose term or closure")],
          name: [required("Enter a name, like Autumn term"), maxLength(100, "The name")],
          starts_on: [required("Enter the first day")],
          ends_on: [required("Enter the last day")],
        });
        const order = dateOrderProblem(values.starts_on, values.ends_on);
        if (order && !errors.ends_on) errors.ends_on = order;
        return errors;
      },
      async (values) => {
        const body = { kind: values.kind as TermDate["kind"], name: values.name.trim(), starts_on: values.starts_on, ends_on: values.ends_on };
        if (editing) {
          await unwrap(api.PATCH("/api/v1/term-dates/{term_date_id}", { params: { path: { term_date_id: editing.id } }, body }));
        } else {
          await unwrap(api.POST("/api/v1/schools/{school_id}/term-dates", { params: { path: { school_id: school.id } }, body }));
        }
      },
    );
    if (ok) {
      setMessage({ kind: "success", text: editing ? `${form.values.name.trim()} has been saved.` : `${form.values.name.trim()} has been added.` });
      stopEdit();
      reload();
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    setBusy(true);
    try {
      await unwrap(api.DELETE("/api/v1/term-dates/{term_date_id}", { params: { path: { term_date_id: deleting.id } } }));
      setMessage({ kind: "success", text: `${deleting.name} has been deleted.` });
      if (editing?.id === deleting.id) stopEdit();
      reload();
    } catch (e) {
      setMessage({ kind: "error", text: e instanceof Error ? e.message : "Deleting did not work." });
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  }

  return (
    <Page title={`Term dates: ${school.name}`} heading="Term dates" lead={school.name}>
      {backLink && (
        <p>
          <Link to={`/schools/${school.id}`}>Back to {school.name}</Link>
        </p>
      )}
      <p>Weekly entitlements count term weeks only, so keep terms and closures (INSET days, bank holidays) up to date.</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {terms.length === 0 ? (
        <p>No term dates yet.</p>
      ) : (
        <div className="table-wrap table-wrap--stack">
          <table>
            <caption className="visually-hidden">Term dates for {school.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Starts</th>
                <th scope="col">Ends</th>
                {canManage && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {terms.map((term) => (
                <tr key={term.id}>
                  <td data-label="Name">{term.name}</td>
                  <td data-label="Kind">{KIND_LABELS[term.kind]}</td>
                  <td data-label="Starts">{formatDate(term.starts_on)}</td>
                  <td data-label="Ends">{formatDate(term.ends_on)}</td>
                  {canManage && (
                    <td data-label="Actions">
                      <div className="button-row">
                        <Button variant="link" onClick={() => startEdit(term)}>
                          Edit<span className="visually-hidden"> {term.name}</span>
                        </Button>
                        <Button variant="link" onClick={() => setDeleting(term)}>
                          Delete<span className="visually-hidden"> {term.name}</span>
                        </Button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && (
        <section className="panel" aria-labelledby="term-form-heading">
          <h2 id="term-form-heading" ref={formHeading} tabIndex={-1}>
            {editing ? `Edit ${editing.name}` : "Add a term or closure"}
          </h2>
          <ErrorSummary items={form.summary} focusKey={form.attempt} />
          <form onSubmit={onSubmit} noValidate className="form">
            <SelectField label="Kind" className="field--short" {...form.field("kind")}>
              <option value="term">Term</option>
              <option value="closure">Closure</option>
            </SelectField>
            <TextField label="Name" hint="For example Autumn term 2025 or INSET day." {...form.field("name")} />
            <TextField label="First day" type="date" {...form.field("starts_on")} />
            <TextField label="Last day" type="date" {...form.field("ends_on")} />
            <div className="button-row">
              <Button type="submit" disabled={form.busy}>
                {editing ? "Save changes" : "Add"}
              </Button>
              {editing && (
                <Button variant="secondary" onClick={stopEdit}>
                  Cancel editing
                </Button>
              )}
            </div>
          </form>
        </section>
      )}
      {canManage && terms.length > 0 && copyTargets.length > 0 && <CopyTermDates school={school} targets={copyTargets} />}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? ""}?`}
        confirmLabel="Delete"
        danger
        busy={busy}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      >
        <p>
          {deleting && `${KIND_LABELS[deleting.kind]} from ${formatDate(deleting.starts_on)} to ${formatDate(deleting.ends_on)}.`} This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </Page>
  );
}

function CopyTermDates({ school, targets }: { school: School; targets: School[] }) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [replace, setReplace] = useState(false);
  const form = useForm({ targets: "" });
  const [done, setDone] = useState<string | null>(null);

  function toggle(id: string, on: boolean) {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setDone(null);
    await form.submit(
      (): Errors => (chosen.size === 0 ? { targets: "Choose at least one school to copy to" } : {}),
      async () => {
        const result = await unwrap(
          api.POST("/api/v1/schools/{school_id}/term-dates/copy", {
            params: { path: { school_id: school.id } },
            body: { target_school_ids: [...chosen], replace },
          }),
        );
        const count = result.target_school_ids.length;
        setDone(`Copied ${result.copied} term date${result.copied === 1 ? "" : "s"} to ${count} school${count === 1 ? "" : "s"}.`);
        setChosen(new Set());
      },
      { target_school_ids: "targets" },
    );
  }

  return (
    <section className="panel" aria-labelledby="copy-heading">
      <h2 id="copy-heading">Copy these dates to other schools</h2>
      {done && <Notice kind="success">{done}</Notice>}
      <ErrorSummary items={form.summary.map((item) => (item.fieldId ? { ...item, fieldId: "copy-targets" } : item))} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate>
        <Fieldset id="copy-targets" legend="Schools to copy to" error={form.errors.targets}>
          {targets.map((target) => (
            <Checkbox
              key={target.id}
              name="target_school_ids"
              value={target.id}
              label={target.name}
              checked={chosen.has(target.id)}
              onChange={(e) => toggle(target.id, e.target.checked)}
            />
          ))}
        </Fieldset>
        <div className="field">
          <Checkbox
            name="replace"
            label="Replace the term dates those schools already have"
            checked={replace}
            onChange={(e) => setReplace(e.target.checked)}
          />
          <p className="hint">Without this, copying stops if the dates overlap ones a school already has.</p>
        </div>
        <Button type="submit" variant="secondary" disabled={form.busy}>
          Copy term dates
        </Button>
      </form>
    </section>
  );
}
