import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, PAGE_SIZE, unwrap, type Role } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { Button, SelectField, TextField } from "../components/forms";
import { Loading, Notice, Page } from "../components/Page";
import { Pager } from "../components/Pager";
import { useLoad } from "../components/useLoad";
import { ROLE_LABELS, ROLES } from "../lib/labels";
import { describeRoles } from "../lib/people";
import { allSchools, schoolNames } from "../lib/schools";

export function PeoplePage() {
  const { isTrustAdmin, currentSchool, has } = useAuth();
  const [params, setParams] = useSearchParams();
  const defaultSchool = !isTrustAdmin && currentSchool ? currentSchool.schoolId : "";
  const q = params.get("q") ?? "";
  const school = params.get("school") ?? defaultSchool;
  const role = params.get("role") ?? "";
  const status = params.get("status") ?? "active";
  const offset = Number(params.get("offset") ?? 0) || 0;
  const [draft, setDraft] = useState({ q, school, role, status });

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
              active: status === "all" ? undefined : status === "active",
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
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set("q", draft.q.trim());
    if (draft.school !== defaultSchool) next.set("school", draft.school);
    if (draft.role) next.set("role", draft.role);
    if (draft.status !== "active") next.set("status", draft.status);
    setParams(next);
  }

  function goTo(nextOffset: number) {
    const next = new URLSearchParams(params);
    next.set("offset", String(nextOffset));
    setParams(next);
  }

  const data = people.data;
  return (
    <Page title="People">
      {has("users:write") && (
        <div className="toolbar">
          <Link className="button button--primary" to="/people/new">
            Add a person
          </Link>
        </div>
      )}
      <form className="filters" onSubmit={apply} role="search" aria-label="Filter people">
        <TextField label="Name, email or TRN" name="q" type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        <SelectField label="School" name="school" value={draft.school} onChange={(e) => setDraft({ ...draft, school: e.target.value })}>
          <option value="">Any school</option>
          {(schools.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Role" name="role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>
          <option value="">Any role</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
          <option value="active">Active</option>
          <option value="inactive">Deactivated</option>
          <option value="all">All</option>
        </SelectField>
        <div className="button-row">
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </div>
      </form>
      {people.error && <Notice kind="error">{people.error}</Notice>}
      {people.loading && !data && <Loading what="Loading people" />}
      {data && data.items.length === 0 && <p>No one matches.</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap table-wrap--stack">
          <table>
            <caption className="visually-hidden">People</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((person) => (
                <tr key={person.id}>
                  <td data-label="Name">
                    <Link to={`/people/${person.id}`}>{person.full_name}</Link>
                  </td>
                  <td data-label="Email" className="mono">
                    {person.email}
                  </td>
                  <td data-label="Roles">{describeRoles(person, names)}</td>
                  <td data-label="Status">
                    <span className={`status ${person.active ? "status--active" : "status--inactive"}`}>
                      {person.active ? (person.must_change_password ? "Not signed in yet" : "Active") : "Deactivated"}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager label="People" total={data.total} limit={data.limit} offset={data.offset} onChange={goTo} />}
    </Page>
  );
}
