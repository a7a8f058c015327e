/** The mentor network: the mentors of your school and trust (subjects, phase, how many mentees; never who), and a way to the school's shared targets. */
import { useState } from "react";
import { Link } from "react-router";
import { api, MAX_PAGE, unwrap } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { DataTable } from "../components/DataTable";
import { Radios } from "../components/forms";
import { Loaded, Page } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { PHASE_LABELS } from "../lib/labels";

export function NetworkPage() {
  const { currentSchool } = useAuth();
  const [scope, setScope] = useState<"school" | "trust">("trust");
  const schoolId = scope === "school" ? currentSchool?.schoolId : undefined;
  const network = useLoad(() => unwrap(api.GET("/api/v1/mentor-network", { params: { query: { school_id: schoolId, limit: MAX_PAGE } } })), [schoolId]);
  return (
    <Page title="Mentor network" lead="The mentors of your trust, to ask and learn from: what they teach and how many mentees they have. Mentees are never named here.">
      <p>
        <Link to="/targets#board-heading">The targets set at {currentSchool?.schoolName ?? "your school"}</Link>, without names, are on the targets board.
      </p>
      <Radios
        legend="Show mentors of"
        name="scope"
        value={scope}
        onChange={(v) => setScope(v as "school" | "trust")}
        options={[
          { value: "trust", label: "The whole trust" },
          { value: "school", label: currentSchool?.schoolName ?? "Your school" },
        ]}
      />
      <Loaded load={network} what="Loading mentors">
        {(page) => (
          <DataTable
            caption={scope === "school" ? `Mentors at ${currentSchool?.schoolName ?? "your school"}` : "Mentors across the trust"}
            showCaption
            rows={page.items}
            rowKey={(m) => `${m.person.id}-${m.school.id}`}
            empty="No mentors to show."
            columns={[
              { header: "Mentor", cell: (m) => <a href={`mailto:${m.person.email}`}>{m.person.full_name}</a> },
              { header: "School", cell: (m) => m.school.name },
              { header: "Subjects", cell: (m) => m.subjects.join(", ") || "Not given" },
              { header: "Phase", cell: (m) => PHASE_LABELS[m.phase ?? m.school.phase] },
              { header: "Mentees", cell: (m) => m.mentee_count },
              { header: "Trained", cell: (m) => (m.trained ? "Yes" : "Not yet") },
            ]}
          />
        )}
      </Loaded>
    </Page>
  );
}
