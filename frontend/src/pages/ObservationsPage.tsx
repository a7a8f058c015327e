/** Observations you make, receive or oversee; for a mentee, their history with reflections. */
import { Link } from "react-router";
import { api, unwrap, type Observation, type ObservationDetail } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { DataTable } from "../components/DataTable";
import { Badges } from "../components/Meetings";
import { Loaded, LocationNotice, Page } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { OBSERVATION_KIND_LABELS, OBSERVER_ROLE_LABELS, observationBadge, standardsText } from "../lib/observations";
import { formatSpan } from "../lib/time";

export function ObservationsPage() {
  const { me, has } = useAuth();
  const list = useLoad(() => unwrap(api.GET("/api/v1/observations", { params: { query: { newest_first: true, limit: 100 } } })), []);
  const schedules = has("observations:write") && (me?.roles ?? []).some((g) => g.role === "school_lead" || g.role === "mentor");
  const items = list.data?.items ?? [];
  const mine = items.filter((o) => o.mentee.id === me?.id);
  const others = items.filter((o) => o.mentee.id !== me?.id);

  return (
    <Page title="Observations" lead="Lesson observations you make, receive or oversee.">
      <LocationNotice />
      {schedules && (
        <p>
          <Link className="button button--primary" to="/observations/new">
            Schedule an observation
          </Link>
        </p>
      )}
      <Loaded load={list} what="Loading observations">
        {() => (
          <>
            {mine.length > 0 && <History observations={mine} />}
            {(others.length > 0 || mine.length === 0) && (
              <section className="section" aria-labelledby="list-heading">
                <h2 id="list-heading">{mine.length ? "Other observations" : "All observations"}</h2>
                <ObservationTable observations={others} meId={me?.id} />
              </section>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}

function ObservationTable({ observations, meId }: { observations: Observation[]; meId?: string }) {
  return (
    <DataTable
      caption="Observations, newest first"
      rows={observations}
      rowKey={(o) => o.id}
      empty="No observations yet."
      columns={[
        { header: "When", cell: (o) => <Link to={`/observations/${o.id}`}>{formatSpan(o.starts_at, o.ends_at)}</Link> },
        { header: "Mentee", cell: (o) => o.mentee.full_name },
        { header: "Observer", cell: (o) => `${o.observer.id === meId ? "You" : o.observer.full_name} (${OBSERVER_ROLE_LABELS[o.observer_role]})` },
        { header: "Kind", cell: (o) => OBSERVATION_KIND_LABELS[o.kind] },
        { header: "Lesson", cell: (o) => `${o.subject}, ${o.class_name}` },
        { header: "Status", cell: (o) => <Badges badges={[observationBadge(o.status)]} /> },
      ]}
    />
  );
}

/** The mentee's own observations: the shared ones with what was said and what they reflected. */
function History({ observations }: { observations: Observation[] }) {
  const shared = observations.filter((o) => o.status === "shared").slice(0, 20);
  const details = useLoad(
    () => Promise.all(shared.map((o) => unwrap(api.GET("/api/v1/observations/{observation_id}", { params: { path: { observation_id: o.id } } })))),
    [shared.map((o) => o.id).join()],
  );
  const upcoming = observations.filter((o) => o.status === "scheduled").reverse(); // soonest first
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading">Your observations</h2>
      {upcoming.length > 0 && (
        <>
          <h3>Coming up</h3>
          <ul>
            {upcoming.map((o) => (
              <li key={o.id}>
                <Link to={`/observations/${o.id}`}>{formatSpan(o.starts_at, o.ends_at)}</Link>: {o.observer.full_name} ({OBSERVER_ROLE_LABELS[o.observer_role]}), {o.subject}, {o.class_name}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Shared with you</h3>
      <Loaded load={details} what="Loading your history">
        {(list) => (list.length === 0 ? <p>Nothing has been shared with you yet.</p> : <ol className="history">{list.map((o) => <HistoryItem key={o.id} observation={o} />)}</ol>)}
      </Loaded>
    </section>
  );
}

function HistoryItem({ observation: o }: { observation: ObservationDetail }) {
  return (
    <li className="card history__item">
      <h4>
        <Link to={`/observations/${o.id}`}>{formatSpan(o.starts_at, o.ends_at)}</Link>
      </h4>
      <p>
        {OBSERVATION_KIND_LABELS[o.kind]} by {o.observer.full_name} ({OBSERVER_ROLE_LABELS[o.observer_role]}) · {o.subject}, {o.class_name}
      </p>
      {o.record && (
        <dl className="facts">
          <div>
            <dt>Focus</dt>
            <dd>{standardsText(o.record.focus_standards)}</dd>
          </div>
          <div>
            <dt>Strengths</dt>
            <dd className="prose">{o.record.strengths}</dd>
          </div>
          <div>
            <dt>To develop</dt>
            <dd className="prose">{o.record.points_to_develop}</dd>
          </div>
          <div>
            <dt>Your reflection</dt>
            <dd className="prose">{o.reflection || <Link to={`/observations/${o.id}`}>Add your reflection</Link>}</dd>
          </div>
        </dl>
      )}
    </li>
  );
}
