/** Wellbeing: check in, your own check-ins over time (a chart and the same in a table), and, for a mentor, the mentees'. */
import { useState } from "react";
import { Link } from "react-router";
import { api, MAX_PAGE, unwrap } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { DataTable } from "../components/DataTable";
import { EmergencyNotice } from "../components/Emergency";
import { Button, Checkbox, Radios, TextArea } from "../components/forms";
import { Loaded, Notice, Page, type Message } from "../components/Page";
import { TrendChart } from "../components/TrendChart";
import { useLoad } from "../components/useLoad";
import { formatDate } from "../lib/labels";
import { trendPoints, trendSummary, WELLBEING_WORDS, WORKLOAD_WORDS, type CheckIn } from "../lib/wellbeing";

export function WellbeingPage() {
  const { me, currentSchool } = useAuth();
  const roles = currentSchool?.roles ?? [];
  const checksIn = roles.includes("mentor") || roles.includes("mentee");
  const all = useLoad(() => unwrap(api.GET("/api/v1/wellbeing/check-ins", { params: { query: { limit: MAX_PAGE } } })), []);
  const own = (all.data?.items ?? []).filter((c) => c.relation === "own");
  const mentees = (all.data?.items ?? []).filter((c) => c.relation === "mentor");
  return (
    <Page title="Wellbeing" lead="How you are, and your workload, checked in as often as you like. Your scores are seen by you, your mentor if you are a mentee, and your school's wellbeing lead; your note only by you unless you share it.">
      <EmergencyNotice />
      {checksIn && me && <CheckInForm onSaved={all.reload} />}
      {roles.includes("school_lead") && (
        <p>
          <Link to="/wellbeing/school">Your school's wellbeing figures</Link> (for the school's wellbeing lead).
        </p>
      )}
      <Loaded load={all} what="Loading check-ins">
        {() => (
          <>
            {checksIn && <History checkIns={own} />}
            {roles.includes("mentor") && <MenteesCheckIns checkIns={mentees} onChanged={all.reload} />}
          </>
        )}
      </Loaded>
    </Page>
  );
}

function CheckInForm({ onSaved }: { onSaved: () => void }) {
  const [wellbeing, setWellbeing] = useState("");
  const [workload, setWorkload] = useState("");
  const [note, setNote] = useState("");
  const [share, setShare] = useState(false);
  const [talk, setTalk] = useState(false);
  const [errors, setErrors] = useState<{ wellbeing?: string; workload?: string }>({});
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const problems = {
      wellbeing: wellbeing ? undefined : "Choose how you are, from 1 to 5.",
      workload: workload ? undefined : "Choose how your workload feels, from 1 to 5.",
    };
    setErrors(problems);
    if (problems.wellbeing || problems.workload) {
      document.getElementById(problems.wellbeing ? "field-wellbeing" : "field-workload")?.focus();
      return;
    }
    setBusy(true);
    try {
      await unwrap(
        api.POST("/api/v1/wellbeing/check-ins", {
          body: { wellbeing_score: Number(wellbeing), workload_score: Number(workload), wellbeing_note: note.trim(), wellbeing_note_shared: share && note.trim() !== "", wants_to_talk: talk },
        }),
      );
      setMessage({
        kind: "success",
        text: talk ? "Thank you for checking in. We have let them know you would like to talk." : "Thank you for checking in.",
      });
      setWellbeing("");
      setWorkload("");
      setNote("");
      setShare(false);
      setTalk(false);
      onSaved();
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const scale = (words: Record<number, string>) => [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: words[n] }));
  return (
    <section className="section" aria-labelledby="check-in-heading">
      <h2 id="check-in-heading">Check in</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <form className="form" onSubmit={submit} noValidate aria-labelledby="check-in-heading">
        <Radios legend="How are you?" name="wellbeing" value={wellbeing} onChange={setWellbeing} error={errors.wellbeing} options={scale(WELLBEING_WORDS)} />
        <Radios legend="How is your workload?" name="workload" value={workload} onChange={setWorkload} error={errors.workload} options={scale(WORKLOAD_WORDS)} />
        <TextArea id="field-note" label="Anything you want to add (optional)" name="note" hint="Only you read this unless you share it." maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        <Checkbox name="share" label="Share my note with my mentor (if I am a mentee) and the school's wellbeing lead" checked={share} onChange={(e) => setShare(e.target.checked)} />
        <Checkbox name="talk" label="I would like to talk" checked={talk} onChange={(e) => setTalk(e.target.checked)} />
        <p className="hint">A mentee's request goes to their mentor; a mentor's to the school's wellbeing lead.</p>
        <Button type="submit" disabled={busy}>
          Check in
        </Button>
      </form>
    </section>
  );
}

function History({ checkIns }: { checkIns: CheckIn[] }) {
  const points = trendPoints(checkIns);
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading">Your check-ins</h2>
      {points.length === 0 ? (
        <p>You have not checked in yet.</p>
      ) : (
        <>
          <TrendChart
            title="Your wellbeing and workload over time"
            summary={trendSummary(points)}
            dates={points.map((p) => p.date)}
            series={[
              { label: "Wellbeing (5 is thriving)", values: points.map((p) => p.wellbeing), kind: "solid" },
              { label: "Workload (5 is unmanageable)", values: points.map((p) => p.workload), kind: "dashed" },
            ]}
          >
            <span className="hint">The same figures are in the table below.</span>
          </TrendChart>
          <DataTable
            caption="Your check-ins, newest first"
            rows={checkIns}
            rowKey={(c) => c.id}
            columns={[
              { header: "Date", cell: (c) => <Link to={`/wellbeing/check-ins/${c.id}`}>{formatDate(c.checked_in_on)}</Link> },
              { header: "Wellbeing", cell: (c) => WELLBEING_WORDS[c.wellbeing_score] },
              { header: "Workload", cell: (c) => WORKLOAD_WORDS[c.workload_score] },
              { header: "Would like to talk", cell: (c) => (c.wants_to_talk ? (c.talk_followed_up_at ? "Yes, arranged" : "Yes") : "No") },
              { header: "Note", cell: (c) => (c.wellbeing_note ? `${c.wellbeing_note}${c.wellbeing_note_shared ? " (shared)" : " (private)"}` : "None") },
            ]}
          />
        </>
      )}
    </section>
  );
}

function MenteesCheckIns({ checkIns, onChanged }: { checkIns: CheckIn[]; onChanged: () => void }) {
  const [message, setMessage] = useState<Message | null>(null);
  async function followUp(c: CheckIn) {
    try {
      await unwrap(api.POST("/api/v1/wellbeing/check-ins/{check_in_id}/follow-up", { params: { path: { check_in_id: c.id } } }));
      setMessage({ kind: "success", text: `Marked as arranged: your talk with ${c.subject.full_name}.` });
      onChanged();
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    }
  }
  return (
    <section className="section" aria-labelledby="mentees-heading">
      <h2 id="mentees-heading">Your mentees' check-ins</h2>
      <p>You see their scores and whether they would like to talk; a note only when they share it with you.</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <DataTable
        caption="Your mentees' check-ins, newest first"
        rows={checkIns}
        rowKey={(c) => c.id}
        empty="Your mentees have not checked in yet."
        columns={[
          { header: "Mentee", cell: (c) => <Link to={`/wellbeing/check-ins/${c.id}`}>{c.subject.full_name}</Link> },
          { header: "Date", cell: (c) => formatDate(c.checked_in_on) },
          { header: "Wellbeing", cell: (c) => WELLBEING_WORDS[c.wellbeing_score] },
          { header: "Workload", cell: (c) => WORKLOAD_WORDS[c.workload_score] },
          { header: "Would like to talk", cell: (c) => (c.wants_to_talk ? (c.talk_followed_up_at ? "Yes, arranged" : <strong>Yes</strong>) : "No") },
          { header: "Note", cell: (c) => (c.note_shown ? c.wellbeing_note || "None" : "Not shared with you") },
          {
            header: "Action",
            hideHeader: true,
            cell: (c) =>
              c.wants_to_talk && !c.talk_followed_up_at ? (
                <Button variant="secondary" onClick={() => followUp(c)} aria-label={`Talk arranged with ${c.subject.full_name}`}>
                  Talk arranged
                </Button>
              ) : null,
          },
        ]}
      />
    </section>
  );
}
