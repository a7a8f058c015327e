import { Link } from "react-router";
import { api, PAGE_SIZE, unwrap, type Role, type User } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { PagedTable } from "../components/DataTable";
import { SelectField, TextField } from "../components/forms";
import { activeQuery, FilterForm, StatusFilter } from "../components/ListFilters";
import { Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { useListParams } from "../components/useListParams";
import { useLoad } from "../components/useLoad";
import { labelChoices, ROLE_LABELS, ROLES } from "../lib/labels";
import { describeRoles } from "../lib/people";
import { allSchools, schoolChoices, schoolNames } from "../lib/schools";

export function PeoplePage() {
  const { isTrustAdmin, currentSchool, has } = useAuth();
  const { params, offset, goTo, applyFilters } = useListParams();
  const defaultSchool = !isTrustAdmin && currentSchool ? currentSchool.schoolId : "";
  const q = params.get("q") ?? "";
  const school = params.get("school") ?? defaultSchool;
  const role = params.get("role") ?? "";
  const status = params.get("status") ?? "active";
  const draft = useForm({ q, school, role, status });

  const schools = useLoad(() => allSchools(), []);
  const people = useLoad(
    () =>
      unwrap(
        api.GET("/api/v1/users", {
          params: {
            query: {
              q: q || undefined,
              school_id: school || undefined,
              role: (role || undefined) as Role | undefined,
              active: activeQuery(status),
              limit: PAGE_SIZE,
              offset,
            },
          },
        }),
      ),
    [q, school, role, status, offset],
  );
  const names = schoolNames(schools.data ?? []);

  function apply(event: React.FormEvent) {
    event.preventDefault();
    applyFilters(draft.values, { school: defaultSchool, status: "active" });
  }

  return (
    <Page title="People">
      {has("users:write") && (
        <div className="toolbar">
          <Link className="button button--primary" to="/people/new">
            Add a person
          </Link>
        </div>
      )}
      <FilterForm label="Filter people" onSubmit={apply}>
        <TextField label="Name, email or TRN" type="search" {...draft.field("q")} />
        <SelectField label="School" blank="Any school" options={schoolChoices(schools.data ?? [])} {...draft.field("school")} />
        <SelectField label="Role" blank="Any role" options={labelChoices(ROLES, ROLE_LABELS)} {...draft.field("role")} />
        <StatusFilter {...draft.field("status")} />
      </FilterForm>
      <PagedTable
        list={people}
        loading="Loading people"
        empty="No one matches."
        caption="People"
        rowKey={(person) => person.id}
        columns={[
          { header: "Name", cell: (person) => <Link to={`/people/${person.id}`}>{person.full_name}</Link> },
          { header: "Email", className: "mono", cell: (person) => person.email },
          { header: "Roles", cell: (person) => describeRoles(person, names) },
          { header: "Status", cell: personStatus },
        ]}
        pagerLabel="People"
        onPage={goTo}
      />
    </Page>
  );
}

function personStatus(person: User) {
  return (
    <span className={`status ${person.active ? "status--active" : "status--inactive"}`}>
      {person.active ? (person.must_change_password ? "Not signed in yet" : "Active") : "Deactivated"}
    </span>
  );
}
