/** Supervision: the sessions you hold or receive (or your schools hold), and for a school lead a form to schedule them with a mentor. */
import { useState } from "react";
import { Link } from "react-router";
import { api, MAX_PAGE, unwrap, type Schemas } from "../api/client";
import { ApiError } from "../api/problems";
import { useAuth } from "../auth/AuthContext";
import { DataTable } from "../components/DataTable";
import { Button, Checkbox, SelectField, TextField } from "../components/forms";
import { Loaded, Notice, Page, type Message } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { formatDate, formatDateTime } from "../lib/labels";
import { addDays, schoolToday, wallClockToIso } from "../lib/time";

type Supervision = Schemas["SupervisionPublic"];

export const SUPERVISION_STATUS: Record<Supervision["status"], string> = {
  scheduled: "Scheduled",
  held: "Held",
  not_held: "Did not take place",
};

export function SupervisionPage() {
  const { has, currentSchool } = useAuth();
  const sessions = useLoad(() => unwrap(api.GET("/api/v1/supervision/sessions", { params: { query: { limit: MAX_PAGE, newest_first: true } } })), []);
  const schedules = has("supervision:write") && (currentSchool?.roles ?? []).includes("school_lead");
  return (
    <Page title="Supervision" lead="Regular time for a mentor with a school lead, to talk about their mentoring and how they are. What is said stays between the two of them.">
      {schedules && currentSchool && <ScheduleForm schoolId={currentSchool.schoolId} onSaved={sessions.reload} />}
      <section className="section" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        <Loaded load={sessions} what="Loading sessions">
          {(page) => (
            <DataTable
              caption="Supervision sessions, latest first"
              rows={page.items}
              rowKey={(s) => s.id}
              empty="No supervision sessions yet."
              columns={[
                { header: "When", cell: (s) => <Link to={`/supervision/${s.id}`}>{formatDateTime(s.starts_at)}</Link> },
                { header: "Mentor", cell: (s) => s.mentor.full_name },
                { header: "With", cell: (s) => s.supervisor.full_name },
                { header: "Where", cell: (s) => s.location || "Not given" },
                { header: "Status", cell: (s) => (s.status === "held" && s.held_on ? `Held on ${formatDate(s.held_on)}` : SUPERVISION_STATUS[s.status]) },
              ]}
            />
          )}
        </Loaded>
      </section>
    </Page>
  );
}

function ScheduleForm({ schoolId, onSaved }: { schoolId: string; onSaved: () => void }) {
  const mentors = useLoad(() => unwrap(api.GET("/api/v1/mentor-network", { params: { query: { school_id: schoolId, limit: MAX_PAGE } } })), [schoolId]);
  const [mentor, setMentor] = useState("");
  const [date, setDate] = useState(addDays(schoolToday(), 7));
  const [time, setTime] = useState("16:00");
  const [minutes, setMinutes] = useState("60");
  const [location, setLocation] = useState("");
  const [times, setTimes] = useState("1");
  const [everyWeeks, setEveryWeeks] = useState("4");
  const [confirmClash, setConfirmClash] = useState(false);
  const [clash, setClash] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!mentor) {
      setMessage({ kind: "error", text: "Choose the mentor." });
      document.getElementById("field-mentor")?.focus();
      return;
    }
    const starts = wallClockToIso(date, time);
    const ends = new Date(new Date(starts).getTime() + Number(minutes) * 60_000).toISOString();
    setBusy(true);
    try {
      const made = await unwrap(
        api.POST("/api/v1/supervision/sessions", {
          body: { mentor_id: mentor, school_id: schoolId, starts_at: starts, ends_at: ends, location: location.trim(), times: Number(times), every_weeks: Number(everyWeeks), confirm_clash: confirmClash },
        }),
      );
      setClash(null);
      setConfirmClash(false);
      setMessage({ kind: "success", text: made.total === 1 ? "Scheduled." : `Scheduled ${made.total} sessions.` });
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setClash(error.message);
        setMessage(null);
      } else {
        setMessage({ kind: "error", text: (error as Error).message });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Schedule supervision</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {clash && <Notice kind="error">{clash}</Notice>}
      <form className="form" onSubmit={submit} noValidate aria-labelledby="schedule-heading">
        <SelectField
          id="field-mentor"
          label="Mentor"
          name="mentor"
          blank="Choose a mentor"
          value={mentor}
          onChange={(e) => setMentor(e.target.value)}
          options={(mentors.data?.items ?? []).map((m) => ({ value: m.person.id, label: m.person.full_name }))}
        />
        <TextField label="Date" type="date" name="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <TextField label="Start time" type="time" name="time" value={time} onChange={(e) => setTime(e.target.value)} />
        <SelectField label="Length" name="minutes" value={minutes} onChange={(e) => setMinutes(e.target.value)} options={["30", "45", "60", "90"].map((m) => ({ value: m, label: `${m} minutes` }))} />
        <TextField label="Where (optional)" name="location" maxLength={200} value={location} onChange={(e) => setLocation(e.target.value)} />
        <SelectField label="How many sessions" name="times" value={times} onChange={(e) => setTimes(e.target.value)} options={["1", "2", "3", "4", "6"].map((n) => ({ value: n, label: n === "1" ? "Just this one" : `${n} sessions` }))} />
        {times !== "1" && (
          <SelectField label="How often" name="every_weeks" value={everyWeeks} onChange={(e) => setEveryWeeks(e.target.value)} options={["2", "3", "4", "6"].map((n) => ({ value: n, label: `Every ${n} weeks` }))} />
        )}
        {clash && <Checkbox name="confirm_clash" label="Schedule it anyway" checked={confirmClash} onChange={(e) => setConfirmClash(e.target.checked)} />}
        <Button type="submit" disabled={busy}>
          Schedule
        </Button>
      </form>
    </section>
  );
}
