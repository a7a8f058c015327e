/** One course date or deadline: when, where, who it concerns (that you can see), and attendance. */
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import { DataTable } from "../components/DataTable";
import { Button, Checkbox, Fieldset, Radios, SelectField } from "../components/forms";
import { LoadFailed, Loading, Notice, Page, type Message } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { COVER_WORDS, KIND_WORDS, MENTOR_STANDARDS, TRAINING_KIND_WORDS, whenOf, type TrainingItemDetail } from "../lib/training";

export function TrainingItemPage() {
  const { itemId = "" } = useParams();
  const load = useLoad(() => unwrap(api.GET("/api/v1/training/items/{training_item_id}", { params: { path: { training_item_id: itemId } } })), [itemId]);
  if (load.error && !load.data) return <LoadFailed title="Training" error={load.error} backTo="/training" back="Back to the training calendar" />;
  if (!load.data) return <Loading what="Loading the course date" />;
  const item = load.data;
  return (
    <Page title={item.title} lead={`${KIND_WORDS[item.kind]}: ${whenOf(item)}${item.cancelled ? " (cancelled by the provider)" : ""}.`}>
      <dl className="details">
        <dt>Where</dt>
        <dd>{item.location || (item.online_url ? "Online" : "Not given")}</dd>
        {item.online_url && (
          <>
            <dt>Online</dt>
            <dd>
              <a href={item.online_url}>{item.online_url}</a>
            </dd>
          </>
        )}
        <dt>For</dt>
        <dd>{{ mentors: "Mentors", mentees: "Mentees", both: "Mentors and mentees" }[item.audience]}</dd>
        {item.clashes_with_meeting && (
          <>
            <dt>Clash</dt>
            <dd>It overlaps a protected mentoring meeting: move the meeting or agree what gives.</dd>
          </>
        )}
        {item.my_release && (
          <>
            <dt>Your release</dt>
            <dd>
              <Link to={`/training/cover/${item.my_release.cover_request_id}`}>{COVER_WORDS[item.my_release.status]}</Link>
            </dd>
          </>
        )}
      </dl>
      <section className="section" aria-labelledby="people-heading">
        <h2 id="people-heading">Who it concerns</h2>
        <DataTable
          caption="People this concerns that you can see"
          rows={item.people}
          rowKey={(p) => p.person.id}
          empty="Nobody you can see."
          columns={[
            { header: "Name", cell: (p) => p.person.full_name },
            { header: "As", cell: (p) => (p.role === "mentor" ? "Mentor" : "Mentee") },
            { header: "Attended", cell: (p) => (p.attended === null ? "Not marked" : p.attended ? "Yes" : "No") },
            { header: "Kind", cell: (p) => (p.training_kind ? TRAINING_KIND_WORDS[p.training_kind] : "") },
            { header: "Standards", cell: (p) => p.standards.join(", ") || "None" },
          ]}
        />
      </section>
      {item.can.mark_attendance && <AttendanceForm item={item} onSaved={load.setData} />}
      <p>
        <Link to="/training">Back to the training calendar</Link>
      </p>
    </Page>
  );
}

function AttendanceForm({ item, onSaved }: { item: TrainingItemDetail; onSaved: (item: TrainingItemDetail) => void }) {
  const mentors = item.people.filter((p) => p.role === "mentor");
  const [userId, setUserId] = useState(mentors[0]?.person.id ?? "");
  const [attended, setAttended] = useState("yes");
  const [kind, setKind] = useState("initial");
  const [standards, setStandards] = useState<number[]>([]);
  const [message, setMessage] = useState<Message | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    try {
      const saved = await unwrap(
        api.PUT("/api/v1/training/items/{training_item_id}/attendance", {
          params: { path: { training_item_id: item.id } },
          body: { user_id: userId, attended: attended === "yes", training_kind: kind as "initial" | "refresher", standards },
        }),
      );
      onSaved(saved);
      setMessage({ kind: "success", text: "Attendance saved: it counts in the training record." });
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    }
  }

  return (
    <section className="section" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">Mark attendance</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <form className="form" onSubmit={submit} aria-labelledby="attendance-heading">
        {mentors.length > 1 && (
          <SelectField label="Mentor" name="mentor" value={userId} onChange={(e) => setUserId(e.target.value)} options={mentors.map((p) => ({ value: p.person.id, label: p.person.full_name }))} />
        )}
        <Radios legend={mentors.length > 1 ? "Did they attend?" : `Did ${mentors[0]?.person.full_name ?? "the mentor"} attend?`} name="attended" value={attended} onChange={setAttended} options={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]} />
        <Radios legend="Kind of mentor training" name="training_kind" value={kind} onChange={setKind} options={[{ value: "initial", label: "Initial" }, { value: "refresher", label: "Refresher" }]} />
        <Fieldset id="field-standards" legend="National mentor standards it worked on">
          {MENTOR_STANDARDS.map((s) => (
            <Checkbox
              key={s.value}
              name={`standard-${s.value}`}
              label={s.label}
              checked={standards.includes(s.value)}
              onChange={(e) => setStandards(e.target.checked ? [...standards, s.value] : standards.filter((v) => v !== s.value))}
            />
          ))}
        </Fieldset>
        <Button type="submit">Save attendance</Button>
      </form>
    </section>
  );
}
