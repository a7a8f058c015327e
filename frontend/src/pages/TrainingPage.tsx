/** The training calendar: course dates and deadlines from training providers, for me or (for a lead) my school. */
import { useState } from "react";
import { Link } from "react-router";
import { api, MAX_PAGE, unwrap } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { DataTable } from "../components/DataTable";
import { Radios } from "../components/forms";
import { Loaded, Page } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { COVER_WORDS, KIND_WORDS, whenOf } from "../lib/training";
import { schoolToday, wallClockToIso } from "../lib/time";

export function TrainingPage() {
  const { me, currentSchool, isTrustAdmin } = useAuth();
  const leads = (currentSchool?.roles ?? []).includes("school_lead");
  const [whose, setWhose] = useState(leads ? "school" : "me");
  const [kind, setKind] = useState("all");
  const meId = me?.id ?? "";
  const schoolId = whose === "school" ? currentSchool?.schoolId : undefined;
  const items = useLoad(
    () =>
      unwrap(
        api.GET("/api/v1/training/items", {
          params: {
            query: {
              starts_from: wallClockToIso(schoolToday(), "00:00"),
              person_id: whose === "me" && !isTrustAdmin ? meId : undefined,
              school_id: schoolId,
              kind: kind === "all" ? undefined : (kind as "course_date" | "deadline"),
              limit: MAX_PAGE,
            },
          },
        }),
      ),
    [whose, kind, meId, schoolId],
  );
  return (
    <Page title="Training calendar" lead="Course dates and deadlines your training providers send. Times are school times (UK).">
      <div className="filters">
        {leads && (
          <Radios
            legend="Show"
            name="whose"
            value={whose}
            onChange={setWhose}
            options={[
              { value: "me", label: "Mine" },
              { value: "school", label: `${currentSchool?.schoolName ?? "My school"}'s` },
            ]}
          />
        )}
        <Radios
          legend="What"
          name="kind"
          value={kind}
          onChange={setKind}
          options={[
            { value: "all", label: "Everything" },
            { value: "course_date", label: "Course dates" },
            { value: "deadline", label: "Deadlines" },
          ]}
        />
      </div>
      <section className="section" aria-labelledby="items-heading">
        <h2 id="items-heading">From today on</h2>
        <Loaded load={items} what="Loading the training calendar">
          {(page) => (
            <DataTable
              caption="Course dates and deadlines from today on, soonest first"
              rows={page.items}
              rowKey={(i) => i.id}
              empty="Nothing from your training providers yet."
              columns={[
                { header: "When", cell: (i) => whenOf(i) },
                { header: "What", cell: (i) => <Link to={`/training/items/${i.id}`}>{i.title}</Link> },
                { header: "Kind", cell: (i) => KIND_WORDS[i.kind] },
                { header: "Where", cell: (i) => i.location || (i.online_url ? "Online" : "Not given") },
                {
                  header: "Notes",
                  cell: (i) =>
                    [i.clashes_with_meeting ? "Clashes with a protected meeting" : "", i.my_release ? COVER_WORDS[i.my_release.status] : i.requires_release ? "Needs release" : ""]
                      .filter(Boolean)
                      .join(". ") || "None",
                },
              ]}
            />
          )}
        </Loaded>
      </section>
    </Page>
  );
}
