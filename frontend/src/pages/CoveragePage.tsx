/** Coverage for leads: observations week by week by observer role (a chart, its summary and the
 * same numbers as a table), who observed whom, the mentees nobody has observed for a while, and
 * the rows as CSV. A lead sees their schools; a trust admin the trust, one school at a time or all. */
import { useId, useState } from "react";
import { Link } from "react-router";
import { api, MAX_PAGE, PAGE_SIZE, unwrap, type Schemas } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { DataTable } from "../components/DataTable";
import { Button, SelectField, TextField } from "../components/forms";
import { FilterForm } from "../components/ListFilters";
import { Loaded, Notice, Page } from "../components/Page";
import { Pager } from "../components/Pager";
import { useListParams } from "../components/useListParams";
import { useLoad } from "../components/useLoad";
import { saveFile } from "../lib/download";
import { formatDate, type Choice } from "../lib/labels";
import { OBSERVATION_KIND_LABELS, OBSERVER_ROLE_LABELS } from "../lib/observations";
import { ChartLegend, ChartPatterns, CoverageChart, ROLES, Swatch } from "./coverage/CoverageChart";
import { chartSummary, formatWeek, plural, rolesSeen, todayAtSchool, twelveWeeksBefore, type CoverageWeek } from "./coverage/coverageData";

type Unobserved = Schemas["UnobservedMentee"];
// Each row stacks into a block on a phone: a short page keeps the list in reach.
const ROWS_PER_PAGE = 10;
const WEEK_CHOICES: Choice[] = [1, 2, 3, 4, 6, 8, 12].map((n) => ({ value: String(n), label: plural(n, "week") }));

export function CoveragePage() {
  const { params, applyFilters } = useListParams();
  const today = todayAtSchool();
  const to = params.get("to") ?? today;
  const from = params.get("from") ?? twelveWeeksBefore(to);
  const schoolId = params.get("school") ?? "";
  const weeks = params.get("weeks") ?? "2";
  const schools = useSchoolChoices();
  const [draft, setDraft] = useState({ school: schoolId, from, to });
  const [problem, setProblem] = useState<string | null>(null);
  const schoolName = schools.length === 1 ? schools[0].label : schools.find((s) => s.value === schoolId)?.label;
  const scope = { from, to, ...(schoolId ? { school_id: schoolId } : {}) };

  function onFilter(event: React.FormEvent) {
    event.preventDefault();
    if (!draft.from || !draft.to || draft.to < draft.from) {
      setProblem("Choose a range whose last day is on or after its first.");
      return;
    }
    setProblem(null);
    applyFilters({ school: draft.school, from: draft.from, to: draft.to, weeks }, { school: "", weeks: "2", to: today, from: twelveWeeksBefore(draft.to) });
  }

  return (
    <Page title="Observation coverage" lead={`Who has been observed, week by week${schoolName ? `, at ${schoolName}` : ""}. Observations that took place count, by the date at school.`}>
      <FilterForm label="Coverage filters" onSubmit={onFilter} noValidate>
        {schools.length > 1 && (
          <SelectField label="School" name="school" value={draft.school} onChange={(e) => setDraft({ ...draft, school: e.target.value })} blank="All your schools" options={schools} />
        )}
        <TextField type="date" label="From" name="from" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <TextField type="date" label="To" name="to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} error={problem ?? undefined} />
      </FilterForm>
      <ChartPatterns />
      <Weeks key={`${schoolId}|${from}|${to}`} scope={scope} />
      <Unobserved key={`u|${schoolId}|${weeks}`} schoolId={schoolId} weeks={weeks} onWeeks={(value) => applyFilters({ school: schoolId, from, to, weeks: value }, { school: "", weeks: "2" })} />
      <WhoObservedWhom key={`w|${schoolId}|${from}|${to}`} scope={scope} />
    </Page>
  );
}

/** The schools a person reads coverage for: a trust admin's trust, a lead's own schools. */
function useSchoolChoices(): Choice[] {
  const { isTrustAdmin, schools } = useAuth();
  const all = useLoad(() => (isTrustAdmin ? unwrap(api.GET("/api/v1/schools", { params: { query: { limit: MAX_PAGE } } })) : Promise.resolve(null)), [isTrustAdmin]);
  if (isTrustAdmin) return (all.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  return schools.filter((s) => s.roles.includes("school_lead")).map((s) => ({ value: s.schoolId, label: s.schoolName }));
}

type Scope = { from: string; to: string; school_id?: string };

function Weeks({ scope }: { scope: Scope }) {
  const summaryId = useId();
  const load = useLoad(() => unwrap(api.GET("/api/v1/observation-coverage/weeks", { params: { query: { ...scope, limit: 60 } } })), []);
  return (
    <section className="section" aria-labelledby="weeks-heading">
      <h2 id="weeks-heading">Observations each week, by observer role</h2>
      <Loaded load={load} what="Loading the weeks">
        {(page) => <WeeksBody weeks={page.items} summaryId={summaryId} />}
      </Loaded>
    </section>
  );
}

function WeeksBody({ weeks, summaryId }: { weeks: CoverageWeek[]; summaryId: string }) {
  const roles = rolesSeen(weeks, ROLES);
  return (
    <>
      <p id={summaryId}>{chartSummary(weeks, ROLES)}</p>
      {roles.length > 0 && (
        <>
          <ChartLegend roles={roles} />
          <CoverageChart weeks={weeks} labelledBy={summaryId} />
        </>
      )}
      <details>
        <summary>The same numbers as a table</summary>
        <DataTable
          caption="Observations each week, by observer role"
          rows={weeks}
          rowKey={(w) => w.week_start}
          columns={[
            { header: "Week of", cell: (w) => formatWeek(w.week_start) },
            { header: "All roles", cell: (w) => w.total },
            ...roles.map((role) => ({
              header: OBSERVER_ROLE_LABELS[role],
              cell: (w: CoverageWeek) => w.by_role[role] ?? 0,
            })),
          ]}
        />
      </details>
    </>
  );
}

function Unobserved({ schoolId, weeks, onWeeks }: { schoolId: string; weeks: string; onWeeks: (weeks: string) => void }) {
  const [offset, setOffset] = useState(0);
  const [choice, setChoice] = useState(weeks);
  const load = useLoad(
    () => unwrap(api.GET("/api/v1/observation-coverage/unobserved", { params: { query: { weeks: Number(weeks), limit: PAGE_SIZE, offset, ...(schoolId ? { school_id: schoolId } : {}) } } })),
    [offset],
  );
  const span = plural(Number(weeks), "week");
  return (
    <section className="section" aria-labelledby="unobserved-heading">
      <h2 id="unobserved-heading">Mentees not observed for {span}</h2>
      <form
        className="filters"
        aria-label="How long without an observation"
        onSubmit={(event) => {
          event.preventDefault();
          onWeeks(choice);
        }}
      >
        <SelectField label="Not observed for" name="weeks" value={choice} onChange={(e) => setChoice(e.target.value)} options={WEEK_CHOICES} />
        <div className="button-row">
          <Button type="submit" variant="secondary">
            Show mentees
          </Button>
        </div>
      </form>
      <Loaded load={load} what="Loading the mentees">
        {(page) => (
          <>
            {page.total > 0 ? (
              <Notice kind="info">
                {plural(page.total, "mentee")} in a pairing today {page.total === 1 ? "has" : "have"} not been observed for {span} or more.
              </Notice>
            ) : (
              <p>Every mentee in a pairing today has been observed in the last {span}.</p>
            )}
            {page.total > 0 && <DataTable
              caption={`Mentees not observed for ${span}`}
              rows={page.items}
              rowKey={(m) => `${m.school_id}-${m.mentee.id}`}
              columns={[
                { header: "Mentee", cell: (m: Unobserved) => m.mentee.full_name },
                { header: "Mentor", cell: (m: Unobserved) => m.mentors.map((p) => p.full_name).join(", ") },
                schoolId === "" && { header: "School", cell: (m: Unobserved) => m.school_name },
                { header: "Last observed", cell: (m: Unobserved) => (m.last_observed_on ? formatDate(m.last_observed_on) : "Never observed") },
                { header: "Weeks since", cell: (m: Unobserved) => (m.weeks_since === null ? "Never observed" : plural(m.weeks_since, "week")) },
              ]}
            />}
            <Pager total={page.total} limit={page.limit} offset={page.offset} onChange={setOffset} label="Mentees not observed" />
          </>
        )}
      </Loaded>
      <p>
        <Link to="/observations/new">Schedule an observation</Link>
      </p>
    </section>
  );
}

function WhoObservedWhom({ scope }: { scope: Scope }) {
  const [offset, setOffset] = useState(0);
  const [download, setDownload] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const load = useLoad(() => unwrap(api.GET("/api/v1/observation-coverage", { params: { query: { ...scope, limit: ROWS_PER_PAGE, offset } } })), [offset]);
  const name = `observation-coverage-${scope.from}-to-${scope.to}.csv`;

  async function downloadCsv() {
    setDownload(null);
    try {
      const text = await unwrap(api.GET("/api/v1/observation-coverage/export", { params: { query: scope }, parseAs: "text" }));
      saveFile(text as string, name);
      setDownload({ kind: "success", text: `The rows have been downloaded as ${name}.` });
    } catch (e) {
      setDownload({ kind: "error", text: e instanceof Error ? `The CSV could not be downloaded: ${e.message}` : "The CSV could not be downloaded." });
    }
  }

  return (
    <section className="section" aria-labelledby="whom-heading">
      <h2 id="whom-heading">Who observed whom</h2>
      <p>One row per week, mentee, observer, role and kind. The CSV has every row, with names; it never holds what the records say.</p>
      <div className="button-row">
        <Button variant="secondary" onClick={downloadCsv}>
          Download the rows as CSV
        </Button>
      </div>
      <p role="status" className="download-status">
        {download && <span className={download.kind === "error" ? "error-message" : undefined}>{download.text}</span>}
      </p>
      <Loaded load={load} what="Loading who observed whom">
        {(page) => (
          <>
            <DataTable
              caption="Who observed whom, week by week"
              rows={page.items}
              rowKey={(r) => `${r.week_start}-${r.school_id}-${r.mentee.id}-${r.observer.id}-${r.observer_role}-${r.kind}`}
              empty="No observations took place in this range."
              columns={[
                { header: "Week of", cell: (r) => formatWeek(r.week_start) },
                { header: "Mentee", cell: (r) => r.mentee.full_name },
                { header: "Observer", cell: (r) => r.observer.full_name },
                {
                  header: "Role",
                  cell: (r) => (
                    <span className="role-cell">
                      <Swatch role={r.observer_role} /> {OBSERVER_ROLE_LABELS[r.observer_role]}
                    </span>
                  ),
                },
                { header: "Kind", cell: (r) => OBSERVATION_KIND_LABELS[r.kind] },
                { header: "Observations", cell: (r) => r.count },
              ]}
            />
            <Pager total={page.total} limit={page.limit} offset={page.offset} onChange={setOffset} label="Who observed whom" />
          </>
        )}
      </Loaded>
    </section>
  );
}
