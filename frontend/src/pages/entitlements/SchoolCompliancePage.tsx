/** One school's entitlement compliance over a chosen range: each person's items, promised against
 * delivered, with the weeks that fell short; the rows as CSV for the same range; the policy
 * versions the school adopted; and a way to what it records it provides. */
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, PAGE_SIZE, unwrap, type Schemas } from "../../api/client";
import { useAuth } from "../../auth/AuthContext";
import { DataTable, PagedTable } from "../../components/DataTable";
import { Button } from "../../components/forms";
import { Loaded, Page } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { saveFile } from "../../lib/download";
import { formatDate, ROLE_LABELS } from "../../lib/labels";
import { amount, AUDIENCE_LABELS, categoryLabel } from "../../lib/entitlements";
import { ComplianceRange, rangeSearch, useRangeQuery } from "./ComplianceRange";
import { StatusBadge } from "./StatusBadge";

type Person = Schemas["PersonCompliance"];
type Row = { person: Person; item: Schemas["ItemCompliance"] };

export function SchoolCompliancePage() {
  const { schoolId = "" } = useParams();
  const { has } = useAuth();
  const [range, setRange] = useRangeQuery();
  const load = useLoad(
    () => unwrap(api.GET("/api/v1/schools/{school_id}/entitlement-compliance", { params: { path: { school_id: schoolId }, query: range } })),
    [schoolId, range.from, range.to, range.as_of],
  );
  const [download, setDownload] = useState<{ kind: "success" | "error"; text: string } | null>(null);

  async function downloadCsv(first: string, last: string) {
    setDownload(null);
    const name = `entitlement-compliance-${first}-to-${last}.csv`;
    try {
      const text = await unwrap(api.GET("/api/v1/schools/{school_id}/entitlement-compliance/export", { params: { path: { school_id: schoolId }, query: range }, parseAs: "text" }));
      saveFile(text as string, name);
      setDownload({ kind: "success", text: `The rows have been downloaded as ${name}.` });
    } catch (e) {
      setDownload({ kind: "error", text: e instanceof Error ? `The CSV could not be downloaded: ${e.message}` : "The CSV could not be downloaded." });
    }
  }

  const title = load.data ? `Entitlements at ${load.data.school.school_name}` : "School entitlements";
  return (
    <Page title={title} lead="Each person's entitlement, item by item: what was promised so far, what happened, and the weeks that fell short.">
      <p>
        {has("entitlements:adopt") && (
          <>
            <Link to={`/entitlements${rangeSearch(range)}`}>Back to all schools</Link>
            {" · "}
          </>
        )}
        <Link to={`/entitlements/schools/${schoolId}/provisions`}>Provisions recorded</Link>
        {" · "}
        <Link to="/entitlements/policies">Policies</Link>
      </p>
      <ComplianceRange shown={load.data} query={range} onChange={setRange} />
      <Loaded load={load} what="Loading the school's compliance">
        {(data) => {
          const rows: Row[] = data.people.flatMap((person) => person.items.map((item) => ({ person, item })));
          return (
            <>
              <p>
                From {formatDate(data.starts_on)} to {formatDate(data.ends_on)}, as things stood on {formatDate(data.as_of)}. Overall:{" "}
                <StatusBadge status={data.school.status} />
              </p>
              <section className="section" aria-labelledby="people-heading">
                <h2 id="people-heading">People</h2>
                <DataTable
                  caption="People and their overall status"
                  rows={data.people}
                  rowKey={(p) => `${p.person.id}-${p.role}`}
                  empty="Nobody here is covered by an adopted policy."
                  columns={[
                    { header: "Person", cell: (p: Person) => <Link to={`/entitlements/people/${p.person.id}${rangeSearch(range)}`}>{p.person.full_name}</Link> },
                    { header: "Role", cell: (p: Person) => ROLE_LABELS[p.role as keyof typeof ROLE_LABELS] ?? p.role },
                    { header: "Policy", cell: (p: Person) => AUDIENCE_LABELS[p.audience] },
                    { header: "FTE", cell: (p: Person) => amount(p.fte) },
                    { header: "Status", cell: (p: Person) => <StatusBadge status={p.status} /> },
                    { header: "Items at risk or missed", cell: (p: Person) => p.items.filter((i) => i.status === "at_risk" || i.status === "missed").length },
                  ]}
                />
              </section>
              <section className="section" aria-labelledby="items-heading">
                <h2 id="items-heading">Items by person</h2>
                <details>
                  <summary>Every item, person by person ({rows.length})</summary>
                <DataTable
                  caption="Each person's items: promised, delivered and status"
                  rows={rows}
                  rowKey={(r, i) => `${r.person.person.id}-${r.person.role}-${r.item.category}-${i}`}
                  empty="No items yet."
                  columns={[
                    { header: "Person", cell: (r: Row) => r.person.person.full_name },
                    { header: "Item", cell: (r: Row) => categoryLabel(r.item.category) },
                    { header: "Promised so far", cell: (r: Row) => amount(r.item.promised, r.item.unit) },
                    { header: "Delivered", cell: (r: Row) => amount(r.item.delivered, r.item.unit) },
                    { header: "Status", cell: (r: Row) => <StatusBadge status={r.item.status} /> },
                    { header: "Short weeks", cell: (r: Row) => r.item.short_weeks.length },
                  ]}
                />
                </details>
              </section>
              <section className="section" aria-labelledby="csv-heading">
                <h2 id="csv-heading">Download</h2>
                <p>
                  One row per person, item and period, from {formatDate(data.starts_on)} to {formatDate(data.ends_on)}. The CSV never holds what meeting records or check-ins say.
                </p>
                <div className="button-row">
                  <Button variant="secondary" onClick={() => downloadCsv(data.starts_on, data.ends_on)}>
                    Download the rows as CSV
                  </Button>
                </div>
                <p role="status" className="download-status">
                  {download && <span className={download.kind === "error" ? "error-message" : undefined}>{download.text}</span>}
                </p>
              </section>
            </>
          );
        }}
      </Loaded>
      <Adoptions schoolId={schoolId} />
    </Page>
  );
}

type Adoption = Schemas["AdoptionPublic"];

/** The day before `iso` (a plain date). */
function dayBefore(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** The versions the school adopted, newest first, each until the school's next adoption for the
 * same people. */
function Adoptions({ schoolId }: { schoolId: string }) {
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    () => unwrap(api.GET("/api/v1/schools/{school_id}/entitlement-adoptions", { params: { path: { school_id: schoolId }, query: { limit: PAGE_SIZE, offset } } })),
    [schoolId, offset],
  );
  const rows = list.data?.items ?? [];
  function until(a: Adoption): string {
    // Newest first: a later adoption for the same audience comes before this one.
    const later = rows.slice(0, rows.indexOf(a)).filter((b) => b.audience === a.audience && b.adopted_from > a.adopted_from);
    if (later.length > 0) return formatDate(dayBefore(later[later.length - 1].adopted_from));
    return offset === 0 ? "No later adoption" : "See the page before";
  }
  return (
    <section className="section" aria-labelledby="adoptions-heading">
      <h2 id="adoptions-heading">Policies adopted</h2>
      <p>Each version the school adopted, newest first. A version the board supersedes or retires stops on that date.</p>
      <PagedTable
        caption="Policy versions the school adopted, newest first"
        list={list}
        loading="Loading the adoptions"
        empty="The school has adopted no policy yet."
        pagerLabel="Adoptions"
        onPage={setOffset}
        rowKey={(a) => a.id}
        columns={[
          { header: "Policy", cell: (a: Adoption) => <Link to={`/entitlements/policies/${a.policy_id}`}>{`${a.policy_name}, version ${a.version}`}</Link> },
          { header: "For", cell: (a: Adoption) => AUDIENCE_LABELS[a.audience] },
          { header: "From", cell: (a: Adoption) => formatDate(a.adopted_from) },
          { header: "Until", cell: until },
          { header: "Adopted by", cell: (a: Adoption) => a.adopted_by.full_name },
        ]}
      />
    </section>
  );
}
