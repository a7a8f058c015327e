/** One person's entitlement over a chosen range, item by item: promised against delivered, the
 * status, the weeks that fell short and why (folded, item by item), and each item over the year as
 * a chart with the same numbers as a table. The same screen is a mentor's or a mentee's own "My
 * entitlement". */
import { useId, useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap, type Schemas } from "../../api/client";
import { useAuth } from "../../auth/AuthContext";
import { DataTable } from "../../components/DataTable";
import { SelectField } from "../../components/forms";
import { Loaded, Page } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { formatDate, ROLE_LABELS } from "../../lib/labels";
import { amount, AUDIENCE_LABELS, categoryLabel, PERIOD_LABELS, statusLabel } from "../../lib/entitlements";
import { ComplianceRange, rangeSearch, useRangeQuery } from "./ComplianceRange";
import { StatusBadge } from "./StatusBadge";

type Person = Schemas["PersonCompliance"];
type Item = Schemas["ItemCompliance"];
type Period = Schemas["PeriodPublic"];
type ShortWeek = Schemas["ShortWeekPublic"];

export function MyEntitlementPage() {
  const { me } = useAuth();
  return <PersonCompliance userId={me?.id ?? ""} own />;
}

export function PersonCompliancePage() {
  const { userId = "" } = useParams();
  return <PersonCompliance userId={userId} own={false} />;
}

function PersonCompliance({ userId, own }: { userId: string; own: boolean }) {
  const [range, setRange] = useRangeQuery();
  const load = useLoad(
    () => unwrap(api.GET("/api/v1/people/{user_id}/entitlement-compliance", { params: { path: { user_id: userId }, query: range } })),
    [userId, range.from, range.to, range.as_of],
  );
  const name = load.data?.people[0]?.person.full_name;
  const title = own ? "My entitlement" : name ? `${name}'s entitlement` : "Entitlement";
  return (
    <Page title={title} lead={own ? "What your school promised you, item by item, against what has happened so far." : "What the school promised, item by item, against what has happened so far."}>
      {!own && load.data?.people[0] && (
        <p>
          <Link to={`/entitlements/schools/${load.data.people[0].school_id}${rangeSearch(range)}`}>Back to the school</Link>
        </p>
      )}
      <ComplianceRange shown={load.data} query={range} onChange={setRange} />
      <Loaded load={load} what="Loading the entitlement">
        {(data) => (
          <>
            <p>
              From {formatDate(data.starts_on)} to {formatDate(data.ends_on)}, as things stood on {formatDate(data.as_of)}.
            </p>
            {data.people.length === 0 && <p>No adopted policy covers {own ? "you" : "this person"} yet.</p>}
            {data.people.map((p) => (
              <Entry key={`${p.school_id}-${p.role}`} entry={p} asOf={data.as_of} />
            ))}
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** The items of one policy version, over the part of the range that version covers. */
type VersionGroup = { key: string; version: number | null; starts_on: string | null; ends_on: string | null; items: Item[] };

/** Items grouped by the policy version they come from, the version in force on `asOf` first
 * (then later ones, then earlier ones, newest first): after a school adopts a new version part
 * way through the year, a person has items from both, and the current promise is what matters. */
function byVersion(items: Item[], asOf: string): VersionGroup[] {
  const groups = new Map<string, VersionGroup>();
  for (const item of items) {
    const key = `${item.policy_id}|${item.version}|${item.starts_on}|${item.ends_on}`;
    const group = groups.get(key) ?? { key, version: item.version ?? null, starts_on: item.starts_on ?? null, ends_on: item.ends_on ?? null, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const rank = (g: VersionGroup) => ((g.starts_on ?? "") <= asOf && asOf <= (g.ends_on ?? "9999") ? 0 : (g.starts_on ?? "") > asOf ? 1 : 2);
  return [...groups.values()].sort((a, b) => rank(a) - rank(b) || (b.starts_on ?? "").localeCompare(a.starts_on ?? ""));
}

/** Whether a folded version came before the one in force on `asOf` or comes after it. */
function when(group: VersionGroup, asOf: string): string {
  if (group.starts_on && group.starts_on > asOf) return "Later";
  if (group.ends_on && group.ends_on < asOf) return "Earlier";
  return "Also";
}

function versionLabel(group: VersionGroup): string {
  const span = group.starts_on && group.ends_on ? `, ${formatDate(group.starts_on)} to ${formatDate(group.ends_on)}` : "";
  return `${group.version ? `Version ${group.version}` : "Policy"}${span}`;
}

function Entry({ entry, asOf }: { entry: Person; asOf: string }) {
  const headingId = useId();
  const role = ROLE_LABELS[entry.role as keyof typeof ROLE_LABELS] ?? entry.role;
  const groups = byVersion(entry.items, asOf);
  const [current, ...others] = groups;
  const ordered = groups.flatMap((g) => g.items);
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        As {role.toLowerCase()}: {AUDIENCE_LABELS[entry.audience]}
      </h2>
      <p>
        Overall: <StatusBadge status={entry.status} />
        {entry.fte < 1 && ` Part-time (${amount(entry.fte)} FTE): items marked pro rata are scaled.`}
      </p>
      {current && groups.length > 1 && <p>{versionLabel(current)}:</p>}
      <Items caption={`${entry.person.full_name}'s items as ${role.toLowerCase()}`} items={current?.items ?? []} />
      {others.map((group) => (
        <details key={group.key} className="ent-version">
          <summary>
            {when(group, asOf)}: {versionLabel(group)}
          </summary>
          <Items caption={`${entry.person.full_name}'s items as ${role.toLowerCase()}, ${versionLabel(group)}`} items={group.items} />
        </details>
      ))}
      <h3>Weeks that fell short</h3>
      <ShortWeeks items={ordered} />
      <OverTheYear entry={entry} items={ordered} />
    </section>
  );
}

/** An item's name among `shown`: with its version only where another shown item has the same
 * category, from another version. */
function namer(shown: Item[]): (item: Item) => string {
  return (item) => {
    const twin = shown.some((other) => other !== item && other.category === item.category);
    return twin ? `${categoryLabel(item.category)} (version ${item.version})` : categoryLabel(item.category);
  };
}

function Items({ caption, items }: { caption: string; items: Item[] }) {
  return (
    <DataTable
      caption={caption}
      rows={items}
      rowKey={(item, i) => `${item.category}-${i}`}
      empty="The policy has no items."
      columns={[
        { header: "Item", cell: (item: Item) => categoryLabel(item.category) },
        { header: "Promise", cell: (item: Item) => item.promise },
        { header: "Target", cell: (item: Item) => `${amount(item.target, item.unit)} ${PERIOD_LABELS[item.period]}${item.pro_rata ? " (pro rata)" : ""}` },
        { header: "Delivered", cell: (item: Item) => `${amount(item.delivered)} of ${amount(item.promised, item.unit)}` },
        { header: "Status", cell: (item: Item) => <StatusBadge status={item.status} /> },
      ]}
    />
  );
}

/** The weeks that fell short, folded item by item: each item says how many, and opens to the
 * weeks, what was promised and delivered, and why. */
function ShortWeeks({ items }: { items: Item[] }) {
  const short = items.filter((item) => item.short_weeks.length > 0);
  const named = namer(short);
  if (short.length === 0) return <p>No week fell short.</p>;
  return (
    <ul className="ent-short">
      {short.map((item, i) => {
        const n = item.short_weeks.length;
        return (
          <li key={`${item.category}-${i}`}>
            <details>
              <summary>
                {named(item)}: {n} {n === 1 ? "week" : "weeks"} short
              </summary>
              <DataTable
                caption={`${named(item)}: weeks that fell short, and why`}
                rows={item.short_weeks}
                rowKey={(w) => w.week}
                columns={[
                  { header: "Week of", cell: (w: ShortWeek) => formatDate(w.week) },
                  { header: "Promised", cell: (w: ShortWeek) => amount(w.promised, item.unit) },
                  { header: "Delivered", cell: (w: ShortWeek) => amount(w.delivered, item.unit) },
                  { header: "Why", cell: (w: ShortWeek) => w.reasons.join("; ") || "No reason recorded" },
                ]}
              />
            </details>
          </li>
        );
      })}
    </ul>
  );
}

/** One item at a time over the year: a bar per period (delivered) against its promise. */
function OverTheYear({ entry, items }: { entry: Person; items: Item[] }) {
  const charted = items.filter((item) => (item.periods?.length ?? 0) > 0);
  const named = namer(charted);
  const [chosen, setChosen] = useState(0);
  const summaryId = useId();
  if (charted.length === 0) return null;
  const item = charted[Math.min(chosen, charted.length - 1)];
  const periods = item.periods ?? [];
  const short = periods.filter((p) => p.delivered < p.promised).length;
  return (
    <>
      <h3>Over the year</h3>
      <SelectField
        label="Item"
        name={`chart-item-${entry.role}`}
        value={String(chosen)}
        onChange={(e) => setChosen(Number(e.target.value))}
        options={charted.map((it, i) => ({ value: String(i), label: named(it) }))}
      />
      <p id={summaryId}>
        {named(item)}: {periods.length} {periods.length === 1 ? "period" : "periods"} judged, {short} short of the promise.
      </p>
      <PeriodChart periods={periods} unit={item.unit} labelledBy={summaryId} />
      <details>
        <summary>The same numbers as a table</summary>
        <DataTable
          caption={`${named(item)} period by period`}
          rows={periods}
          rowKey={(p) => p.starts_on}
          columns={[
            { header: "Period", cell: (p: Period) => p.label },
            { header: "From", cell: (p: Period) => formatDate(p.starts_on) },
            { header: "Promised", cell: (p: Period) => amount(p.promised, item.unit) },
            { header: "Delivered", cell: (p: Period) => amount(p.delivered, item.unit) },
            { header: "Status", cell: (p: Period) => statusLabel(p.status) },
          ]}
        />
      </details>
    </>
  );
}

const STATUS_FILL: Record<string, string> = { met: "#2e7d32", on_track: "#1565c0", at_risk: "#b26a00", missed: "#b71c1c" };

function PeriodChart({ periods, unit, labelledBy }: { periods: Period[]; unit: string; labelledBy: string }) {
  const width = 640;
  const height = 200;
  const pad = { left: 40, right: 8, top: 10, bottom: 24 };
  const top = Math.max(1, ...periods.map((p) => Math.max(p.promised, p.delivered)));
  const band = (width - pad.left - pad.right) / periods.length;
  const y = (v: number) => pad.top + (height - pad.top - pad.bottom) * (1 - v / top);
  return (
    <svg className="ent-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={labelledBy}>
      <line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} stroke="currentColor" />
      <text x={pad.left - 4} y={y(top) + 4} textAnchor="end" fontSize="11" fill="currentColor">
        {amount(top)}
      </text>
      <text x={pad.left - 4} y={y(0)} textAnchor="end" fontSize="11" fill="currentColor">
        0
      </text>
      {periods.map((p, i) => {
        const x = pad.left + i * band;
        return (
          <g key={p.starts_on}>
            <title>{`${p.label}: ${amount(p.delivered, unit)} of ${amount(p.promised, unit)}, ${statusLabel(p.status)}`}</title>
            <rect x={x + band * 0.15} width={band * 0.7} y={y(p.delivered)} height={Math.max(0, y(0) - y(p.delivered))} fill={STATUS_FILL[p.status] ?? "#757575"} />
            <line x1={x + band * 0.05} x2={x + band * 0.95} y1={y(p.promised)} y2={y(p.promised)} stroke="currentColor" strokeWidth="2" strokeDasharray="4 2" />
          </g>
        );
      })}
      <text x={pad.left} y={height - 6} fontSize="11" fill="currentColor">
        Bars: delivered; dashed line: promised
      </text>
    </svg>
  );
}
