import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap, type School, type TermDate } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { Loading, Notice, Page, type Message } from "../components/Page";
import { useForm } from "../components/useForm";
import { useLoad } from "../components/useLoad";
import { formatDate, TERM_KIND_LABELS } from "../lib/labels";
import { allSchools } from "../lib/schools";
import { ClosureMeetings } from "./termDates/ClosureMeetings";
import { CopyTermDates } from "./termDates/CopyTermDates";
import { TermDateForm } from "./termDates/TermDateForm";
import { allTermDates, BLANK_TERM_DATE, saveTermDate, termDateProblems } from "./termDates/termDateRules";
import { TermDateTable } from "./termDates/TermDateTable";

export function TermDatesPage() {
  const { schoolId = "" } = useParams();
  const { isTrustAdmin, me } = useAuth();
  const schools = useLoad(() => allSchools(), []);
  const terms = useLoad(() => allTermDates(schoolId), [schoolId]);
  // Whether this person keeps this school's term dates comes from the server (`can`).
  const detail = useLoad(() => unwrap(api.GET("/api/v1/schools/{school_id}", { params: { path: { school_id: schoolId } } })), [schoolId]);
  const school = schools.data?.find((s) => s.id === schoolId) ?? null;
  const leadOf = new Set((me?.roles ?? []).filter((r) => r.role === "school_lead").map((r) => r.school_id));
  const canManage = detail.data?.can.add_term_date ?? false;
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
      leads={leadOf.has(school.id)}
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
  leads,
}: {
  school: School;
  terms: TermDate[];
  canManage: boolean;
  copyTargets: School[];
  reload: () => void;
  backLink: boolean;
  leads: boolean;
}) {
  // Bumped after each change, so the meetings on closure days are looked up again.
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<TermDate | null>(null);
  const [deleting, setDeleting] = useState<TermDate | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const form = useForm(BLANK_TERM_DATE);

  function startEdit(term: TermDate) {
    setEditing(term);
    setMessage(null);
    form.setValues({ kind: term.kind, name: term.name, starts_on: term.starts_on, ends_on: term.ends_on });
    formHeading.current?.focus();
  }

  function stopEdit() {
    setEditing(null);
    form.setValues(BLANK_TERM_DATE);
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setMessage(null);
    const ok = await form.submit(termDateProblems, (values) => saveTermDate(values, editing, school.id));
    if (ok) {
      setMessage({ kind: "success", text: editing ? `${form.values.name.trim()} has been saved.` : `${form.values.name.trim()} has been added.` });
      stopEdit();
      reload();
      setVersion((n) => n + 1);
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
      setVersion((n) => n + 1);
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
      {leads && <ClosureMeetings schoolId={school.id} version={version} canLetGo={leads} />}
      <TermDateTable schoolName={school.name} terms={terms} canManage={canManage} onEdit={startEdit} onDelete={setDeleting} />
      {canManage && <TermDateForm form={form} editing={editing} headingRef={formHeading} onSubmit={onSubmit} onCancel={stopEdit} />}
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
          {deleting && `${TERM_KIND_LABELS[deleting.kind]} from ${formatDate(deleting.starts_on)} to ${formatDate(deleting.ends_on)}.`} This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </Page>
  );
}
