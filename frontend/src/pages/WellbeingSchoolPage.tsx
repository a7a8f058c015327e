/** A school's wellbeing, for its wellbeing lead: weekly figures for mentees and for mentors (any group under five hidden), and mentors who would like to talk. */
import { useState } from "react";
import { Link } from "react-router";
import { api, MAX_PAGE, unwrap } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { DataTable } from "../components/DataTable";
import { EmergencyNotice } from "../components/Emergency";
import { Button, SelectField } from "../components/forms";
import { Loaded, Notice, Page, type Message } from "../components/Page";
import { TrendChart } from "../components/TrendChart";
import { useLoad } from "../components/useLoad";
import { formatDate } from "../lib/labels";
import type { SummaryRow } from "../lib/wellbeing";

const GROUPS = [
  { group: "mentee", heading: "Mentees" },
  { group: "mentor", heading: "Mentors" },
] as const;

export function WellbeingSchoolPage() {
  const { currentSchool } = useAuth();
  const schoolId = currentSchool?.schoolId ?? "";
  const summary = useLoad(() => unwrap(api.GET("/api/v1/schools/{school_id}/wellbeing-summary", { params: { path: { school_id: schoolId } } })), [schoolId]);
  const talks = useLoad(
    () => unwrap(api.GET("/api/v1/wellbeing/check-ins", { params: { query: { school_id: schoolId, open_talk_requests: true, limit: MAX_PAGE } } })),
    [schoolId],
  );
  return (
    <Page
      title="School wellbeing"
      heading={`Wellbeing at ${currentSchool?.schoolName ?? "your school"}`}
      lead="Averages for the last twelve weeks, a week at a time. A group of fewer than five people is never shown, so that nobody can be picked out."
    >
      <EmergencyNotice />
      <Loaded load={summary} what="Loading the figures">
        {(data) => (
          <>
            {GROUPS.map(({ group, heading }) => (
              <GroupFigures key={group} heading={heading} rows={data.items.filter((r) => r.group === group)} minimum={data.minimum_group} />
            ))}
          </>
        )}
      </Loaded>
      {summary.data && (
        <section className="section" aria-labelledby="talks-heading">
          <h2 id="talks-heading">Mentors who would like to talk</h2>
          <Loaded load={talks} what="Loading requests to talk">
            {(page) => {
              const mentors = page.items.filter((c) => c.subject_role === "mentor" && c.relation === "wellbeing_lead");
              return mentors.length === 0 ? (
                <p>No mentor is waiting to talk.</p>
              ) : (
                <ul>
                  {mentors.map((c) => (
                    <li key={c.id}>
                      <Link to={`/wellbeing/check-ins/${c.id}`}>{c.subject.full_name}</Link>, checked in on {formatDate(c.checked_in_on)}
                    </li>
                  ))}
                </ul>
              );
            }}
          </Loaded>
        </section>
      )}
      {summary.error && <Notice kind="info">These figures are for the school's wellbeing lead.</Notice>}
      {schoolId && <WellbeingLeads schoolId={schoolId} onChanged={summary.reload} />}
    </Page>
  );
}

function GroupFigures({ heading, rows, minimum }: { heading: string; rows: SummaryRow[]; minimum: number }) {
  const id = `group-${heading.toLowerCase()}`;
  const shown = rows.filter((r) => !r.hidden);
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {rows.length === 0 ? (
        <p>No check-ins in these weeks.</p>
      ) : (
        <>
          {shown.length > 0 ? (
            <TrendChart
              title={`${heading}: average wellbeing and workload by week`}
              summary={`${shown.length} of ${rows.length} weeks have enough people to show.`}
              dates={rows.map((r) => r.week_start)}
              series={[
                { label: "Average wellbeing", values: rows.map((r) => r.mean_wellbeing), kind: "solid" },
                { label: "Average workload", values: rows.map((r) => r.mean_workload), kind: "dashed" },
              ]}
            >
              <span className="hint">Gaps are weeks with fewer than {minimum} people. The table below has the same figures.</span>
            </TrendChart>
          ) : (
            <p>Every week had fewer than {minimum} people checking in, so nothing is shown.</p>
          )}
          <DataTable
            caption={`${heading}: figures by week`}
            rows={rows}
            rowKey={(r) => r.week_start}
            columns={[
              { header: "Week of", cell: (r) => formatDate(r.week_start) },
              { header: "People", cell: (r) => (r.hidden ? `Fewer than ${minimum}: hidden` : r.people) },
              { header: "Average wellbeing", cell: (r) => (r.hidden ? "Hidden" : r.mean_wellbeing?.toFixed(1)) },
              { header: "Average workload", cell: (r) => (r.hidden ? "Hidden" : r.mean_workload?.toFixed(1)) },
              { header: "Asked to talk", cell: (r) => (r.hidden ? "Hidden" : r.talk_requests) },
            ]}
          />
        </>
      )}
    </section>
  );
}

/** Who the school's wellbeing leads are, named from its leads by a lead or a trust admin. */
function WellbeingLeads({ schoolId, onChanged }: { schoolId: string; onChanged: () => void }) {
  const { has } = useAuth();
  const leads = useLoad(() => unwrap(api.GET("/api/v1/schools/{school_id}/wellbeing-leads", { params: { path: { school_id: schoolId }, query: { limit: MAX_PAGE } } })), [schoolId]);
  const candidates = useLoad(() => unwrap(api.GET("/api/v1/users", { params: { query: { school_id: schoolId, role: "school_lead", limit: MAX_PAGE } } })), [schoolId]);
  const [chosen, setChosen] = useState("");
  const [message, setMessage] = useState<Message | null>(null);
  if (!has("users:write")) return null;
  async function change(run: () => Promise<unknown>, text: string) {
    try {
      await run();
      setMessage({ kind: "success", text });
      setChosen("");
      leads.reload();
      onChanged();
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    }
  }
  const named = new Set((leads.data?.items ?? []).map((l) => l.person.id));
  return (
    <section className="section" aria-labelledby="leads-heading">
      <h2 id="leads-heading">Wellbeing leads</h2>
      <p>A wellbeing lead is one of the school's leads. They see the school's check-ins and these figures, and mentors' requests to talk come to them. Nobody else does, trust admins included.</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <Loaded load={leads} what="Loading wellbeing leads">
        {(page) =>
          page.items.length === 0 ? (
            <p>No wellbeing lead is named yet.</p>
          ) : (
            <ul>
              {page.items.map((l) => (
                <li key={l.id}>
                  {l.person.full_name}{" "}
                  <Button
                    variant="link"
                    aria-label={`Stop ${l.person.full_name} being a wellbeing lead`}
                    onClick={() => change(() => unwrap(api.DELETE("/api/v1/schools/{school_id}/wellbeing-leads/{user_id}", { params: { path: { school_id: schoolId, user_id: l.person.id } } })), `${l.person.full_name} is no longer a wellbeing lead.`)}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {candidates.data && (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!chosen) {
              setMessage({ kind: "error", text: "Choose a lead to name." });
              return;
            }
            void change(() => unwrap(api.PUT("/api/v1/schools/{school_id}/wellbeing-leads/{user_id}", { params: { path: { school_id: schoolId, user_id: chosen } } })), "Named as a wellbeing lead.");
          }}
        >
          <SelectField
            label="Name a lead as wellbeing lead"
            name="wellbeing_lead"
            blank="Choose a lead"
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            options={candidates.data.items.filter((u) => !named.has(u.id)).map((u) => ({ value: u.id, label: u.full_name }))}
          />
          <Button type="submit" variant="secondary">
            Name wellbeing lead
          </Button>
        </form>
      )}
    </section>
  );
}
