import { useState } from "react";
import { Link } from "react-router";
import { api, PAGE_SIZE, unwrap, type Pairing } from "../api/client";
import { PagedTable } from "../components/DataTable";
import { SelectField } from "../components/forms";
import { FilterForm } from "../components/ListFilters";
import { Badges } from "../components/Meetings";
import { MentoringNav, useMentoringSchool } from "../components/MentoringNav";
import { LocationNotice, Page } from "../components/Page";
import { useListParams } from "../components/useListParams";
import { useLoad } from "../components/useLoad";
import { formatDate } from "../lib/labels";
import { KIND_LABELS, PAIRING_STATE, pairingState } from "../lib/mentoring";
import { schoolToday } from "../lib/time";

/** A lead's pairings at their school. */
export function MentoringPage() {
  const context = useMentoringSchool();
  const school = context.school;
  const { params, offset, goTo, applyFilters } = useListParams();
  const show = params.get("show") === "all" ? "all" : "active";
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
    // The school in view stays in the address.
    applyFilters({ show: draft }, { show: "active" }, true);
  }

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
          <FilterForm label="Filter pairings" onSubmit={apply}>
            <SelectField label="Show" name="show" value={draft} onChange={(e) => setDraft(e.target.value as "all" | "active")}>
              <option value="active">Active today</option>
              <option value="all">All, including ended</option>
            </SelectField>
          </FilterForm>
          <PagedTable
            list={pairings}
            loading="Loading pairings"
            empty={show === "active" ? "No pairings are active today." : "No pairings yet."}
            caption={`Pairings at ${school.name}`}
            rowKey={(pairing) => pairing.id}
            columns={[
              { header: "Mentor and mentee", cell: pairingLink },
              { header: "Kind", cell: (pairing) => KIND_LABELS[pairing.kind] },
              { header: "Dates", cell: pairingDates },
              { header: "Status", cell: (pairing) => <Badges badges={[PAIRING_STATE[pairingState(pairing, today)]]} /> },
            ]}
            pagerLabel="Pairings"
            onPage={goTo}
          />
        </>
      )}
    </Page>
  );
}

function pairingLink(pairing: Pairing) {
  return (
    <Link to={`/pairings/${pairing.id}`}>
      {pairing.mentor.full_name} mentoring {pairing.mentee.full_name}
    </Link>
  );
}

function pairingDates(pairing: Pairing) {
  return (
    <>
      {formatDate(pairing.starts_on)} to {formatDate(pairing.ends_on)}
      {pairing.ended_early_reason && <span className="hint cell-note">Ended early: {pairing.ended_early_reason}</span>}
    </>
  );
}
