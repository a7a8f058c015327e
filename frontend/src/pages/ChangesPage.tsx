import { useState } from "react";
import { Link } from "react-router";
import { api, PAGE_SIZE, unwrap } from "../api/client";
import { MentoringNav, useMentoringSchool } from "../components/MentoringNav";
import { Loading, Notice, Page } from "../components/Page";
import { Pager } from "../components/Pager";
import { useLoad } from "../components/useLoad";
import { formatSpan, formatWhen } from "../lib/time";

/** Meetings that were lost (count against the entitlement) or moved, with the reasons given. */
export function ChangesPage() {
  const context = useMentoringSchool();
  const school = context.school;
  return (
    <Page title="Lost and moved meetings" lead={school?.name}>
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
  const heading = lost ? "Lost meetings" : "Moved meetings";
  const id = `${change}-heading`;
  const data = list.data;
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>
        {heading}
        {data ? ` (${data.total})` : ""}
      </h2>
      <p className="hint">
        {lost ? "A lost meeting did not happen that week and counts against the entitlement." : "A moved meeting still happened in the same week."}
      </p>
      {list.error && <Notice kind="error">{list.error}</Notice>}
      {!data && !list.error && <Loading what={`Loading ${heading.toLowerCase()}`} />}
      {data && data.items.length === 0 && <p>None.</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap table-wrap--stack">
          <table>
            <caption className="visually-hidden">{heading}</caption>
            <thead>
              <tr>
                <th scope="col">{lost ? "Planned for" : "Moved from"}</th>
                {!lost && <th scope="col">Moved to</th>}
                <th scope="col">Mentor and mentee</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((m) => (
                <tr key={m.id}>
                  <td data-label={lost ? "Planned for" : "Moved from"}>
                    <Link to={`/meetings/${m.id}`}>{lost ? formatSpan(m.starts_at, m.ends_at) : formatWhen(m.moved_from ?? m.starts_at)}</Link>
                  </td>
                  {!lost && <td data-label="Moved to">{formatSpan(m.starts_at, m.ends_at)}</td>}
                  <td data-label="Mentor and mentee">
                    {m.mentor.full_name} and {m.mentee.full_name}
                  </td>
                  <td data-label="Reason">{m.change_reason ?? "Not given"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager label={heading} total={data.total} limit={data.limit} offset={data.offset} onChange={setOffset} />}
    </section>
  );
}
