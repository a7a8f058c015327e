/** Cover requests: release from school for course dates in the school day, for the lead to approve or decline. */
import { useState } from "react";
import { Link } from "react-router";
import { api, MAX_PAGE, unwrap } from "../api/client";
import { DataTable } from "../components/DataTable";
import { Radios } from "../components/forms";
import { Loaded, Page } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { COVER_WORDS, whenOf } from "../lib/training";

export function CoverRequestsPage() {
  const [status, setStatus] = useState("pending");
  const load = useLoad(
    () =>
      unwrap(
        api.GET("/api/v1/training/cover-requests", {
          params: { query: { status: status === "all" ? undefined : (status as "pending"), limit: MAX_PAGE } },
        }),
      ),
    [status],
  );
  return (
    <Page title="Cover requests" lead="A course date in the school day (08:30 to 16:00 on a term day) needs release: approve or decline each one, with a note for the person.">
      <div className="filters">
        <Radios
          legend="Show"
          name="status"
          value={status}
          onChange={setStatus}
          options={[
            { value: "pending", label: "Waiting for a decision" },
            { value: "all", label: "All" },
          ]}
        />
      </div>
      <Loaded load={load} what="Loading cover requests">
        {(page) => (
          <DataTable
            caption="Cover requests, soonest course first"
            rows={page.items}
            rowKey={(c) => c.id}
            empty={status === "pending" ? "No cover requests waiting." : "No cover requests."}
            columns={[
              { header: "Who", cell: (c) => <Link to={`/training/cover/${c.id}`}>{c.person.full_name}</Link> },
              { header: "Course", cell: (c) => c.title },
              { header: "When", cell: (c) => whenOf({ kind: "course_date", starts_at: c.starts_at, ends_at: c.ends_at, due_at: null }) },
              { header: "Status", cell: (c) => COVER_WORDS[c.status] },
            ]}
          />
        )}
      </Loaded>
    </Page>
  );
}
