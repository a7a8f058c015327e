import { Link } from "react-router";
import { api, MAX_PAGE, unwrap, type Meeting } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { Badges, MeetingTable } from "../components/Meetings";
import { Loading, LocationNotice, Notice, Page } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { formatDate } from "../lib/labels";
import { KIND_LABELS, PAIRING_STATE, pairingState, partnerOf } from "../lib/mentoring";
import { addDays, mondayOf, schoolToday, wallClock, wallClockToIso } from "../lib/time";

/** A mentor's or mentee's meetings this week and next, and their pairings. */
export function MyWeekPage() {
  const { me } = useAuth();
  const today = schoolToday();
  const monday = mondayOf(today);
  const nextMonday = addDays(monday, 7);
  const meId = me?.id ?? "";

  const meetings = useLoad(
    () =>
      unwrap(
        api.GET("/api/v1/meetings", {
          params: {
            query: {
              person_id: meId,
              starts_from: wallClockToIso(monday, "00:00"),
              starts_before: wallClockToIso(addDays(monday, 14), "00:00"),
              limit: MAX_PAGE,
            },
          },
        }),
      ),
    [meId, monday],
  );
  const pairings = useLoad(() => unwrap(api.GET("/api/v1/pairings", { params: { query: { person_id: meId, limit: MAX_PAGE } } })), [meId]);

  const thisWeek: Meeting[] = [];
  const nextWeek: Meeting[] = [];
  for (const meeting of meetings.data?.items ?? []) {
    (wallClock(meeting.starts_at).date < nextMonday ? thisWeek : nextWeek).push(meeting);
  }

  return (
    <Page title="My week" lead={`Week beginning ${formatDate(monday)}`}>
      <LocationNotice />
      <p>Your protected mentoring hour is one meeting every week of term. Times are school times (UK).</p>
      {meetings.error && <Notice kind="error">{meetings.error}</Notice>}
      {!meetings.data && !meetings.error && <Loading what="Loading your meetings" />}
      {meetings.data && (
        <>
          <section className="section" aria-labelledby="this-week-heading">
            <h2 id="this-week-heading">This week</h2>
            <MeetingTable meetings={thisWeek} caption="Meetings this week" meId={meId} empty="No meetings this week." />
          </section>
          <section className="section" aria-labelledby="next-week-heading">
            <h2 id="next-week-heading">Next week</h2>
            <MeetingTable meetings={nextWeek} caption="Meetings next week" meId={meId} empty="No meetings next week." />
          </section>
        </>
      )}
      <section className="section" aria-labelledby="pairings-heading">
        <h2 id="pairings-heading">Your pairings</h2>
        {pairings.error && <Notice kind="error">{pairings.error}</Notice>}
        {!pairings.data && !pairings.error && <Loading what="Loading your pairings" />}
        {pairings.data && pairings.data.items.length === 0 && <p>You are not paired with anyone yet. Your school lead sets pairings up.</p>}
        {pairings.data && pairings.data.items.length > 0 && (
          <ul className="cards">
            {pairings.data.items.map((pairing) => {
              const state = PAIRING_STATE[pairingState(pairing, today)];
              return (
                <li className="card" key={pairing.id}>
                  <Link to={`/pairings/${pairing.id}`}>
                    {pairing.mentor.id === meId ? `Mentoring ${pairing.mentee.full_name}` : `Mentored by ${partnerOf(pairing, meId)}`}
                  </Link>
                  <span>
                    {KIND_LABELS[pairing.kind]} · {pairing.school_name}
                  </span>
                  <span>
                    {formatDate(pairing.starts_on)} to {formatDate(pairing.ends_on)}
                  </span>
                  <Badges badges={[state]} />
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </Page>
  );
}
