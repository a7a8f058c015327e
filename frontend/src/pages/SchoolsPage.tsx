import { Link } from "react-router";
import { api, PAGE_SIZE, unwrap, type Phase, type School } from "../api/client";
import { PagedTable } from "../components/DataTable";
import { SelectField, TextField } from "../components/forms";
import { activeQuery, FilterForm, StatusFilter } from "../components/ListFilters";
import { Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { useListParams } from "../components/useListParams";
import { useLoad } from "../components/useLoad";
import { labelChoices, PHASE_LABELS, PHASES } from "../lib/labels";

export function SchoolsPage() {
  const { params, offset, goTo, applyFilters } = useListParams();
  const q = params.get("q") ?? "";
  const phase = params.get("phase") ?? "";
  const status = params.get("status") ?? "active";
  const draft = useForm({ q, phase, status });

  const schools = useLoad(
    () =>
      unwrap(
        api.GET("/api/v1/schools", {
          params: {
            query: {
              q: q || undefined,
              phase: (phase || undefined) as Phase | undefined,
              active: activeQuery(status),
              limit: PAGE_SIZE,
              offset,
            },
          },
        }),
      ),
    [q, phase, status, offset],
  );

  function apply(event: React.FormEvent) {
    event.preventDefault();
    applyFilters(draft.values, { status: "active" });
  }

  return (
    <Page title="Schools">
      <div className="toolbar">
        <Link className="button button--primary" to="/schools/new">
          Add a school
        </Link>
      </div>
      <FilterForm label="Filter schools" onSubmit={apply}>
        <TextField label="Name or URN" type="search" {...draft.field("q")} />
        <SelectField label="Phase" blank="Any phase" options={labelChoices(PHASES, PHASE_LABELS)} {...draft.field("phase")} />
        <StatusFilter {...draft.field("status")} />
      </FilterForm>
      <PagedTable
        list={schools}
        loading="Loading schools"
        empty="No schools match."
        caption="Schools"
        rowKey={(school) => school.id}
        columns={[
          { header: "Name", cell: (school) => <Link to={`/schools/${school.id}`}>{school.name}</Link> },
          { header: "URN", cell: (school) => school.urn },
          { header: "Phase", cell: (school) => PHASE_LABELS[school.phase] },
          { header: "Status", cell: schoolStatus },
          { header: "Term dates", cell: termDatesLink },
        ]}
        pagerLabel="Schools"
        onPage={goTo}
      />
    </Page>
  );
}

function schoolStatus(school: School) {
  return <span className={`status ${school.active ? "status--active" : "status--inactive"}`}>{school.active ? "Active" : "Deactivated"}</span>;
}

function termDatesLink(school: School) {
  return (
    <Link to={`/schools/${school.id}/term-dates`}>
      Term dates<span className="visually-hidden"> for {school.name}</span>
    </Link>
  );
}
