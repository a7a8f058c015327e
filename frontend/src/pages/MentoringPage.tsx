import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, PAGE_SIZE, unwrap } from "../api/client";
import { Button, SelectField } from "../components/forms";
import { Badges } from "../components/Meetings";
import { MentoringNav, useMentoringSchool } from "../components/MentoringNav";
import { Loading, LocationNotice, Notice, Page } from "../components/Page";
import { Pager } from "../components/Pager";
import { useLoad } from "../components/useLoad";
import { formatDate } from "../lib/labels";
import { KIND_LABELS, PAIRING_STATE, pairingState } from "../lib/mentoring";
import { schoolToday } from "../lib/time";

/** A lead's pairings at their school. */
export function MentoringPage() {
  const context = useMentoringSchool();
  const school = context.school;
  const [params, setParams] = useSearchParams();
  const show = params.get("show") === "all" ? "all" : "active";
  const offset = Number(params.get("offset") ?? 0) || 0;
  const [draft, setDraft] = useState(show);
  const today = schoolToday();

  const pairings = useLoad(
    () =>
      school
        ? unwrap(
            api.GET("/api/v1/pairings", {
              params: { query: { school_id: school.id, active_on: show === "active" ? today : undefined, limit: PAGE_SIZE, offset } },
            }),
          )
        : Promise.resolve(null),
    [school?.id, show, offset],
  );

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams(params);
    next.delete("offset");
    if (draft === "all") next.set("show", "all");
    else next.delete("show");
    setParams(next);
  }

  function goTo(nextOffset: number) {
    const next = new URLSearchParams(params);
    next.set("offset", String(nextOffset));
    setParams(next);
  }

  const data = pairings.data;
  return (
    <Page title="Mentoring" lead={school?.name}>
      <MentoringNav context={context} />
      <LocationNotice />
      {school && (
        <>
          <h2>Pairings</h2>
          <div className="toolbar">
            <Link className="button button--primary" to={`/mentoring/pairings/new?school=${school.id}`}>
              Create a pairing
            </Link>
          </div>
          <form className="filters" onSubmit={apply} role="search" aria-label="Filter pairings">
            <SelectField label="Show" name="show" value={draft} onChange={(e) => setDraft(e.target.value as "all" | "active")}>
              <option value="active">Active today</option>
              <option value="all">All, including ended</option>
            </SelectField>
            <div className="button-row">
              <Button type="submit" variant="secondary">
                Filter
              </Button>
            </div>
          </form>
          {pairings.error && <Notice kind="error">{pairings.error}</Notice>}
          {pairings.loading && !data && <Loading what="Loading pairings" />}
          {data && data.items.length === 0 && <p>{show === "active" ? "No pairings are active today." : "No pairings yet."}</p>}
          {data && data.items.length > 0 && (
            <div className="table-wrap table-wrap--stack">
              <table>
                <caption className="visually-hidden">Pairings at {school.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Mentor and mentee</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Dates</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((pairing) => (
                    <tr key={pairing.id}>
                      <td data-label="Mentor and mentee">
                        <Link to={`/pairings/${pairing.id}`}>
                          {pairing.mentor.full_name} mentoring {pairing.mentee.full_name}
                        </Link>
                      </td>
                      <td data-label="Kind">{KIND_LABELS[pairing.kind]}</td>
                      <td data-label="Dates">
                        {formatDate(pairing.starts_on)} to {formatDate(pairing.ends_on)}
                        {pairing.ended_early_reason && <span className="hint cell-note">Ended early: {pairing.ended_early_reason}</span>}
                      </td>
                      <td data-label="Status">
                        <Badges badges={[PAIRING_STATE[pairingState(pairing, today)]]} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data && <Pager label="Pairings" total={data.total} limit={data.limit} offset={data.offset} onChange={goTo} />}
        </>
      )}
    </Page>
  );
}
