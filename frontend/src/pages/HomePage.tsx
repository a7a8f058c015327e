import { useEffect, useState } from "react";
import { Link } from "react-router";
import { api, unwrap, type User } from "../api/client";
import { useAuth, type SchoolRole } from "../auth/AuthContext";
import { Loading, LocationNotice, Notice, Page } from "../components/Page";
import { ResourceSuggestions } from "../components/ResourceSuggestions";
import { useLoad } from "../components/useLoad";
import { ROLE_LABELS } from "../lib/labels";
import { isMentorOrMentee } from "../lib/mentoring";
import { NextMeeting } from "./home/NextMeeting";
import { NextSteps } from "./home/NextSteps";
import { ObserverGuide } from "./home/ObserverGuide";

export function HomePage() {
  const { me, isTrustAdmin, currentSchool, schools, has } = useAuth();
  const todos = useLoad(() => unwrap(api.GET("/api/v1/me/todos")), [me?.id]);
  if (!me) return null;
  const pairedUp = isMentorOrMentee(me) && has("mentoring:read");
  const leads = currentSchool?.roles.includes("school_lead") ?? false;
  const observerOnly = me.roles.length > 0 && me.roles.every((grant) => grant.role === "observer");
  // A trust admin's home is the overview; their to-dos show only when there are some.
  const overviewOnly = isTrustAdmin && !leads && !pairedUp;
  const hasTodos = (todos.data?.items.length ?? 0) > 0;

  return (
    <Page title="Home" heading={`Welcome, ${me.full_name}`} lead={me.trust_name}>
      <LocationNotice />
      {(!overviewOnly || hasTodos || todos.error) && (
        <NextSteps
          todos={todos}
          empty={
            <>
              {pairedUp ? <NextMeeting meId={me.id} /> : <p>Nothing needs doing{observerOnly ? " yet" : ""}.</p>}
              {leads && (
                <p>
                  Every pairing at your school has a weekly slot, and every meeting of the last seven days went ahead and was
                  recorded. <Link to="/mentoring">See your school’s pairings</Link>.
                </p>
              )}
            </>
          }
        />
      )}
      {isTrustAdmin && <TrustOverview />}
      {leads && currentSchool && <SchoolPeople school={currentSchool} />}
      {pairedUp && (
        <section aria-labelledby="meetings-heading" className="section">
          <h2 id="meetings-heading">Your meetings</h2>
          <p>
            Your protected mentoring hour is one meeting every week of term. <Link to="/my-week">See this week and next</Link>, add
            to the agenda, or move a meeting that cannot go ahead. To have your meetings in your own calendar app, make a{" "}
            <Link to="/account/calendar">calendar link</Link>.
          </p>
        </section>
      )}
      {pairedUp && has("resources:read") && me.roles.some((g) => g.role === "mentee") && <ResourceSuggestions menteeId={me.id} forMentee brief />}
      {observerOnly && <ObserverGuide schoolNames={schools.map((s) => s.schoolName)} />}
      {!isTrustAdmin && !leads && !pairedUp && !observerOnly && schools.length > 0 && (
        <p>Check that your school and role below are right; if not, ask your school lead.</p>
      )}
      <section aria-labelledby="roles-heading" className="section">
        <h2 id="roles-heading">Your roles</h2>
        <ul className="role-list">
          {me.roles.map((grant, index) => (
            <li key={`${grant.role}-${grant.school_id ?? "trust"}-${index}`}>
              <strong>{ROLE_LABELS[grant.role]}</strong> {grant.school_name ? `at ${grant.school_name}` : `across ${me.trust_name}`}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

function TrustOverview() {
  const [counts, setCounts] = useState<{ schools: number; people: number; clients: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([
      unwrap(api.GET("/api/v1/schools", { params: { query: { limit: 1, active: true } } })),
      unwrap(api.GET("/api/v1/users", { params: { query: { limit: 1, active: true } } })),
      unwrap(api.GET("/api/v1/integration-clients", { params: { query: { limit: 1 } } })),
    ])
      .then(([schools, people, clients]) => {
        if (live) setCounts({ schools: schools.total, people: people.total, clients: clients.total });
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section aria-labelledby="trust-heading" className="section">
      <h2 id="trust-heading">Your trust at a glance</h2>
      {error && <Notice kind="error">{error}</Notice>}
      {!counts && !error && <Loading />}
      {counts && (
        <ul className="cards">
          <li className="card">
            <span className="card__number">{counts.schools}</span> active schools
            <Link className="card__link" to="/schools">
              Manage schools
            </Link>
          </li>
          <li className="card">
            <span className="card__number">{counts.people}</span> active people
            <Link className="card__link" to="/people">
              Manage people
            </Link>
          </li>
          <li className="card">
            <span className="card__number">{counts.clients}</span> integration clients
            <Link className="card__link" to="/integrations">
              Manage integrations
            </Link>
          </li>
        </ul>
      )}
    </section>
  );
}

function SchoolPeople({ school }: { school: SchoolRole }) {
  const [people, setPeople] = useState<{ items: User[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setPeople(null);
    unwrap(api.GET("/api/v1/users", { params: { query: { school_id: school.schoolId, active: true, limit: 50 } } }))
      .then((page) => live && setPeople(page))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [school.schoolId]);
  return (
    <section aria-labelledby="people-heading" className="section">
      <h2 id="people-heading">People at {school.schoolName}</h2>
      {error && <Notice kind="error">{error}</Notice>}
      {!people && !error && <Loading />}
      {people && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">People at {school.schoolName}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Roles here</th>
              </tr>
            </thead>
            <tbody>
              {people.items.map((person) => (
                <tr key={person.id}>
                  <td>
                    <Link to={`/people/${person.id}`}>{person.full_name}</Link>
                  </td>
                  <td>
                    {person.roles
                      .filter((r) => r.school_id === school.schoolId)
                      .map((r) => ROLE_LABELS[r.role])
                      .join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {people && people.total > people.items.length && (
        <p>
          Showing {people.items.length} of {people.total}. <Link to="/people">See everyone</Link>
        </p>
      )}
      <p>
        <Link to="/people/new">Add a person</Link> · <Link to="/term-dates">Term dates</Link>
      </p>
    </section>
  );
}
