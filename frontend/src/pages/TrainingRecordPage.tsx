/** A mentor's training record: progress against the 20 hours of the early career teacher entitlement, time by national mentor standard (bars with the same figures as a table), sessions attended and hours logged, and a form to log hours. */
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import { DataTable } from "../components/DataTable";
import { Button, Checkbox, Fieldset, Radios, TextArea, TextField } from "../components/forms";
import { LoadFailed, Loading, Notice, Page, type Message } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { formatDate } from "../lib/labels";
import { COVER_WORDS, hours, MENTOR_STANDARDS, TRAINING_KIND_WORDS, whenOf, type TrainingRecord } from "../lib/training";
import { schoolToday } from "../lib/time";

export function TrainingRecordPage() {
  const { mentorId = "" } = useParams();
  const load = useLoad(() => unwrap(api.GET("/api/v1/training/records/{mentor_id}", { params: { path: { mentor_id: mentorId } } })), [mentorId]);
  if (load.error && !load.data) return <LoadFailed title="Training record" error={load.error} />;
  if (!load.data) return <Loading what="Loading the training record" />;
  const record = load.data;
  return (
    <Page title={`Training record: ${record.mentor.full_name}`} lead={`${hours(record.total_minutes)} of mentor training on record${record.provider ? `; linked to ${record.provider}` : ""}.`}>
      <Entitlement record={record} />
      <section className="section" aria-labelledby="standards-heading">
        <h2 id="standards-heading">By national mentor standard</h2>
        <p className="hint">Training that worked on two standards counts under both.</p>
        <Bars totals={record.by_standard} />
        <DataTable
          caption="Time by national standard for school-based ITT mentors"
          rows={record.by_standard}
          rowKey={(t) => t.key}
          columns={[
            { header: "Standard", cell: (t) => t.label },
            { header: "Time", cell: (t) => hours(t.minutes) },
          ]}
        />
      </section>
      <section className="section" aria-labelledby="kinds-heading">
        <h2 id="kinds-heading">By provider and kind</h2>
        <DataTable
          caption="Time by provider and by kind of training"
          rows={[...record.by_provider.map((t) => ({ ...t, what: "Provider" })), ...record.by_kind.map((t) => ({ ...t, what: "Kind" }))]}
          rowKey={(t) => `${t.what}-${t.key}`}
          columns={[
            { header: "By", cell: (t) => t.what },
            { header: "Name", cell: (t) => t.label },
            { header: "Time", cell: (t) => hours(t.minutes) },
          ]}
        />
      </section>
      <section className="section" aria-labelledby="booked-heading">
        <h2 id="booked-heading">Booked sessions</h2>
        <DataTable
          caption="Course dates to come"
          rows={record.booked}
          rowKey={(b) => b.id}
          empty="No course dates to come."
          columns={[
            { header: "When", cell: (b) => whenOf({ kind: "course_date", starts_at: b.starts_at, ends_at: b.ends_at, due_at: null }) },
            { header: "Session", cell: (b) => <Link to={`/training/items/${b.id}`}>{b.title}</Link> },
            { header: "Provider", cell: (b) => b.provider },
            { header: "Release", cell: (b) => (b.release ? COVER_WORDS[b.release] : "Not needed") },
          ]}
        />
      </section>
      <section className="section" aria-labelledby="entries-heading">
        <h2 id="entries-heading">Sessions and logged hours</h2>
        <DataTable
          caption="Training on record, latest first"
          rows={record.entries}
          rowKey={(e) => `${e.source}-${e.id}`}
          empty="No training on record yet."
          columns={[
            { header: "Date", cell: (e) => formatDate(e.taken_on) },
            { header: "What", cell: (e) => (e.source === "session" ? <Link to={`/training/items/${e.id}`}>{e.title}</Link> : e.title) },
            { header: "From", cell: (e) => (e.source === "session" ? "Course date attended" : "Logged by hand") },
            { header: "Provider", cell: (e) => e.provider },
            { header: "Kind", cell: (e) => (e.training_kind ? TRAINING_KIND_WORDS[e.training_kind] : "Not said") },
            { header: "Standards", cell: (e) => e.standards.join(", ") || "None" },
            { header: "Time", cell: (e) => hours(e.minutes) },
            { header: "Evidence", cell: (e) => (e.evidence_url ? <a href={e.evidence_url}>{e.evidence || "Link"}</a> : e.evidence || "") },
          ]}
        />
      </section>
      {record.can.log_hours && <LogHours mentorId={record.mentor.id} onSaved={load.setData} />}
      <p>
        <Link to="/training">The training calendar</Link>
      </p>
    </Page>
  );
}

function Entitlement({ record }: { record: TrainingRecord }) {
  const e = record.ect_entitlement;
  if (!e.applies) return null;
  return (
    <section className="section" aria-labelledby="entitlement-heading">
      <h2 id="entitlement-heading">Early career teacher entitlement: 20 hours</h2>
      <p>
        {hours(e.done_minutes)} of 20 h from {formatDate(e.starts_on)} to {formatDate(e.ends_on)}. By now about {hours(e.expected_minutes_by_now)} is due (6 to 7 hours a term):{" "}
        <strong>{e.on_track ? "on track" : "behind"}</strong>.
      </p>
      <progress className="meter" max={e.target_minutes} value={Math.min(e.done_minutes, e.target_minutes)} aria-label="Hours done of the 20">
        {hours(e.done_minutes)} of 20 h
      </progress>
      <DataTable
        caption="Entitlement hours by term"
        rows={e.by_term}
        rowKey={(t) => t.key}
        empty="No term dates set for the year yet."
        columns={[
          { header: "Term", cell: (t) => t.label },
          { header: "Done", cell: (t) => hours(t.minutes) },
          { header: "Pace", cell: () => "6 h 40 min" },
        ]}
      />
    </section>
  );
}

/** Horizontal bars, hidden from screen readers: the table after them says the same. */
function Bars({ totals }: { totals: { key: string; label: string; minutes: number }[] }) {
  const most = Math.max(60, ...totals.map((t) => t.minutes));
  return (
    <div className="hbars" aria-hidden="true">
      {totals.map((t) => (
        <div className="hbars__row" key={t.key}>
          <span className="hbars__label">{t.label}</span>
          <progress className="hbars__track" max={most} value={t.minutes} />
          <span className="hbars__value">{hours(t.minutes)}</span>
        </div>
      ))}
    </div>
  );
}

function LogHours({ mentorId, onSaved }: { mentorId: string; onSaved: (record: TrainingRecord) => void }) {
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState("initial");
  const [takenOn, setTakenOn] = useState(schoolToday());
  const [time, setTime] = useState("60");
  const [provider, setProvider] = useState("");
  const [standards, setStandards] = useState<number[]>([]);
  const [evidence, setEvidence] = useState("");
  const [url, setUrl] = useState("");
  const [message, setMessage] = useState<Message | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    try {
      const saved = await unwrap(
        api.POST("/api/v1/training/records/{mentor_id}/hours", {
          params: { path: { mentor_id: mentorId } },
          body: { title: title.trim(), training_kind: kind as "initial" | "refresher", taken_on: takenOn, minutes: Number(time), provider_name: provider.trim(), standards, evidence: evidence.trim(), evidence_url: url.trim() },
        }),
      );
      onSaved(saved);
      setTitle("");
      setEvidence("");
      setUrl("");
      setMessage({ kind: "success", text: "Logged." });
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    }
  }

  return (
    <section className="section" aria-labelledby="log-heading">
      <h2 id="log-heading">Log training</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <form className="form" onSubmit={submit} aria-labelledby="log-heading">
        <TextField label="What it was" name="title" required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
        <Radios legend="Kind of mentor training" name="log_kind" value={kind} onChange={setKind} options={[{ value: "initial", label: "Initial" }, { value: "refresher", label: "Refresher" }]} />
        <TextField label="Date" type="date" name="taken_on" required value={takenOn} onChange={(e) => setTakenOn(e.target.value)} />
        <TextField label="How long, in minutes" type="number" name="minutes" min={1} max={2400} required value={time} onChange={(e) => setTime(e.target.value)} />
        <TextField label="Provider (optional)" hint="Left empty: the provider you are linked to." name="provider_name" maxLength={200} value={provider} onChange={(e) => setProvider(e.target.value)} />
        <Fieldset id="field-log-standards" legend="National mentor standards it worked on">
          {MENTOR_STANDARDS.map((s) => (
            <Checkbox
              key={s.value}
              name={`log-standard-${s.value}`}
              label={s.label}
              checked={standards.includes(s.value)}
              onChange={(e) => setStandards(e.target.checked ? [...standards, s.value] : standards.filter((v) => v !== s.value))}
            />
          ))}
        </Fieldset>
        <TextArea label="Evidence" hint="What shows it happened: a certificate, notes, a register." name="evidence" required maxLength={5000} value={evidence} onChange={(e) => setEvidence(e.target.value)} />
        <TextField label="Link to the evidence (optional)" type="url" name="evidence_url" maxLength={2000} value={url} onChange={(e) => setUrl(e.target.value)} />
        <Button type="submit">Log training</Button>
      </form>
    </section>
  );
}
