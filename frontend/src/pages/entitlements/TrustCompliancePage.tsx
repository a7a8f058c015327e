/** The trust's entitlement compliance: schools by item category, each cell the worst status with
 * its counts, in words as well as colour. A trust admin sees every school; a lead their own. */
import { Link } from "react-router";
import { api, unwrap, type Schemas } from "../../api/client";
import { useAuth } from "../../auth/AuthContext";
import { DataTable } from "../../components/DataTable";
import { Loaded, Page } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { formatDate } from "../../lib/labels";
import { categoryLabel, statusLabel } from "../../lib/entitlements";
import { ComplianceRange, rangeSearch, useRangeQuery } from "./ComplianceRange";
import { StatusBadge } from "./StatusBadge";

type School = Schemas["SchoolCompliance"];

function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${statusLabel(status).toLowerCase()}`)
    .join(", ");
}

export function TrustCompliancePage() {
  const { has } = useAuth();
  const [range, setRange] = useRangeQuery();
  const load = useLoad(() => unwrap(api.GET("/api/v1/entitlements/compliance", { params: { query: range } })), [range.from, range.to, range.as_of]);
  return (
    <Page title="Entitlements" lead="What each school promised its mentors and trainees against what happened, item by item. Each cell shows the worst status among the school's people, with how many people are in each.">
      {has("entitlements:read") && (
        <p>
          <Link to="/entitlements/policies">Policies and their approval</Link>
        </p>
      )}
      <ComplianceRange shown={load.data} query={range} onChange={setRange} />
      <Loaded load={load} what="Loading compliance">
        {(data) => (
          <section className="section" aria-labelledby="grid-heading">
            <h2 id="grid-heading">Schools by item</h2>
            <p>
              From {formatDate(data.starts_on)} to {formatDate(data.ends_on)}, as things stood on {formatDate(data.as_of)}.{" "}
              {summary(data.schools)}
            </p>
            <div className="ent-grid">
              <DataTable
                caption="Compliance by school and item category"
                rows={data.schools}
                rowKey={(s) => s.school_id}
                empty="No school has adopted an entitlement policy yet."
                columns={[
                  { header: "School", cell: (s: School) => <Link to={`/entitlements/schools/${s.school_id}${rangeSearch(range)}`}>{s.school_name}</Link> },
                  { header: "Overall", cell: (s: School) => (s.cells.length === 0 ? "No policy adopted" : <StatusBadge status={s.status} />) },
                  ...data.categories.map((category) => ({
                    header: categoryLabel(category),
                    cell: (s: School) => {
                      const cell = s.cells.find((c) => c.category === category);
                      if (!cell) return <span className="ent-counts">Not promised</span>;
                      return (
                        <>
                          <StatusBadge status={cell.status} />
                          <span className="ent-counts">{countsText(cell.counts)}</span>
                        </>
                      );
                    },
                  })),
                ]}
              />
            </div>
          </section>
        )}
      </Loaded>
    </Page>
  );
}

function summary(schools: School[]): string {
  if (schools.length === 0) return "";
  const worrying = schools.filter((s) => s.status === "missed" || s.status === "at_risk");
  const n = schools.length;
  return `${n} ${n === 1 ? "school" : "schools"}; ${worrying.length} with something at risk or missed.`;
}
