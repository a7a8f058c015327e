/** The mentors whose training records you see (a lead: the school's; a trust admin: the trust's), with their totals. */
import { Link } from "react-router";
import { api, MAX_PAGE, unwrap } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { DataTable } from "../components/DataTable";
import { Loaded, Page } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { hours } from "../lib/training";

export function TrainingRecordsPage() {
  const { currentSchool, isTrustAdmin } = useAuth();
  const schoolId = isTrustAdmin ? undefined : currentSchool?.schoolId;
  const load = useLoad(() => unwrap(api.GET("/api/v1/training/records", { params: { query: { school_id: schoolId, limit: MAX_PAGE } } })), [schoolId]);
  return (
    <Page title="Mentor training" lead="Each mentor's training: course dates attended and hours logged. Mentors of early career teachers have 20 hours of funded training over a year.">
      <Loaded load={load} what="Loading training records">
        {(page) => (
          <DataTable
            caption="Mentors and their training"
            rows={page.items}
            rowKey={(r) => r.mentor.id}
            empty="No mentors yet."
            columns={[
              { header: "Mentor", cell: (r) => <Link to={`/training/records/${r.mentor.id}`}>{r.mentor.full_name}</Link> },
              { header: "Training in all", cell: (r) => hours(r.total_minutes) },
              { header: "Early career entitlement", cell: (r) => (r.entitlement_applies ? `${hours(r.entitlement_done_minutes)} of 20 h` : "Does not apply") },
            ]}
          />
        )}
      </Loaded>
    </Page>
  );
}
