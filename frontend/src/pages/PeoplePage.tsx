import { Link } from "react-router";
import { api, PAGE_SIZE, unwrap, type AccountStatus, type Role, type User } from "../api/client";
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
  const account = params.get("account") ?? "";
  const draft = useForm({ q, school, role, status, account });

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
              account_status: (account || undefined) as AccountStatus | undefined,
              limit: PAGE_SIZE,
              offset,
            },
          },
        }),
      ),
    [q, school, role, status, account, offset],
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
        <SelectField label="Account" blank="Any" options={ACCOUNT_CHOICES} {...draft.field("account")} />
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
          { header: "Account", cell: (person) => ACCOUNT_LABELS[person.account_status] },
        ]}
        pagerLabel="People"
        onPage={goTo}
      />
    </Page>
  );
}

export const ACCOUNT_LABELS: Record<AccountStatus, string> = {
  set_up: "Set up",
  invited: "Invited, not set up yet",
  not_set_up: "Not set up: send a link",
};
const ACCOUNT_CHOICES = [
  { value: "not_set_up", label: "Not set up, no link" },
  { value: "invited", label: "Invited, not set up yet" },
  { value: "set_up", label: "Set up" },
];

function personStatus(person: User) {
  return (
    <span className={`status ${person.active ? "status--active" : "status--inactive"}`}>{person.active ? "Active" : "Deactivated"}</span>
  );
}
