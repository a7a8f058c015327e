import { useState } from "react";
import { Link } from "react-router";
import { api, PAGE_SIZE, unwrap } from "../api/client";
import { PagedTable } from "../components/DataTable";
import { MentoringNav, useMentoringSchool } from "../components/MentoringNav";
import { Page } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { MEETING_WORDS } from "../lib/labels";
import { formatSpan, formatWhen } from "../lib/time";

/** Meetings that were called off (count against the entitlement) or moved, with the reasons given. */
export function ChangesPage() {
  const context = useMentoringSchool();
  const school = context.school;
  return (
    <Page title="Called off and moved meetings" lead={school?.name}>
      <MentoringNav context={context} />
      {school && (
        <>
          <p>Every protected hour that did not happen as planned, in date order, with the reason given.</p>
          <ChangeList key={`lost-${school.id}`} schoolId={school.id} change="lost" />
          <ChangeList key={`moved-${school.id}`} schoolId={school.id} change="moved" />
        </>
      )}
    </Page>
  );
}

function ChangeList({ schoolId, change }: { schoolId: string; change: "lost" | "moved" }) {
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    () => unwrap(api.GET("/api/v1/meetings", { params: { query: { school_id: schoolId, change, limit: PAGE_SIZE, offset } } })),
    [schoolId, change, offset],
  );
  const lost = change === "lost";
  const heading = lost ? "Called off meetings" : "Moved meetings";
  const id = `${change}-heading`;
  const data = list.data;
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>
        {heading}
        {data ? ` (${data.total})` : ""}
      </h2>
      <p className="hint">
        {lost ? MEETING_WORDS.calledOff.explain : MEETING_WORDS.moved.explain}
      </p>
      <PagedTable
        list={list}
        loading={`Loading ${heading.toLowerCase()}`}
        empty="None."
        caption={heading}
        rowKey={(m) => m.id}
        columns={[
          {
            header: lost ? "Planned for" : "Moved from",
            cell: (m) => <Link to={`/meetings/${m.id}`}>{lost ? formatSpan(m.starts_at, m.ends_at) : formatWhen(m.moved_from ?? m.starts_at)}</Link>,
          },
          !lost && { header: "Moved to", cell: (m) => formatSpan(m.starts_at, m.ends_at) },
          { header: "Mentor and mentee", cell: (m) => `${m.mentor.full_name} and ${m.mentee.full_name}` },
          { header: "Reason", cell: (m) => m.change_reason ?? "Not given" },
        ]}
        pagerLabel={heading}
        onPage={setOffset}
      />
    </section>
  );
}
