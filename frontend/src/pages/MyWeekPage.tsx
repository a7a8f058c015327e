import { Link } from "react-router";
import { api, MAX_PAGE, unwrap, type Meeting, type Pairing } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { Badges, MeetingTable } from "../components/Meetings";
import { Loaded, LocationNotice, Page } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { formatDate } from "../lib/labels";
import { KIND_LABELS, PAIRING_STATE, pairingState, partnerOf } from "../lib/mentoring";
import { addDays, mondayOf, schoolToday, wallClock, wallClockToIso } from "../lib/time";
import { COVER_WORDS, whenOf } from "../lib/training";

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

  return (
    <Page title="My week" lead={`Week beginning ${formatDate(monday)}`}>
      <LocationNotice />
      <p>Your protected mentoring hour is one meeting every week of term. Times are school times (UK).</p>
      <Loaded load={meetings} what="Loading your meetings">
        {(page) => <TwoWeeks meetings={page.items} nextMonday={nextMonday} meId={meId} />}
      </Loaded>
      <TrainingWeeks meId={meId} monday={monday} />
      <section className="section" aria-labelledby="pairings-heading">
        <h2 id="pairings-heading">Your pairings</h2>
        <Loaded load={pairings} what="Loading your pairings">
          {({ items }) =>
            items.length === 0 ? (
              <p>You are not paired with anyone yet. Your school lead sets pairings up.</p>
            ) : (
              <ul className="cards">
                {items.map((pairing) => (
                  <PairingCard key={pairing.id} pairing={pairing} meId={meId} today={today} />
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
    </Page>
  );
}

/** This week's meetings and next week's, each under its heading. */
function TwoWeeks({ meetings, nextMonday, meId }: { meetings: Meeting[]; nextMonday: string; meId: string }) {
  const thisWeek: Meeting[] = [];
  const nextWeek: Meeting[] = [];
  for (const meeting of meetings) {
    (wallClock(meeting.starts_at).date < nextMonday ? thisWeek : nextWeek).push(meeting);
  }
  return (
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
  );
}

function PairingCard({ pairing, meId, today }: { pairing: Pairing; meId: string; today: string }) {
  return (
    <li className="card">
      <Link to={`/pairings/${pairing.id}`}>
        {pairing.mentor.id === meId ? `Mentoring ${pairing.mentee.full_name}` : `Mentored by ${partnerOf(pairing, meId)}`}
      </Link>
      <span>
        {KIND_LABELS[pairing.kind]} · {pairing.school_name}
      </span>
      <span>
        {formatDate(pairing.starts_on)} to {formatDate(pairing.ends_on)}
      </span>
      <Badges badges={[PAIRING_STATE[pairingState(pairing, today)]]} />
    </li>
  );
}

/** Course dates and deadlines this week and next that concern me, with my release from school. */
function TrainingWeeks({ meId, monday }: { meId: string; monday: string }) {
  const { has } = useAuth();
  const load = useLoad(
    () =>
      has("training:read")
        ? unwrap(
            api.GET("/api/v1/training/items", {
              params: { query: { person_id: meId, starts_from: wallClockToIso(monday, "00:00"), starts_before: wallClockToIso(addDays(monday, 14), "00:00"), limit: MAX_PAGE } },
            }),
          )
        : Promise.resolve({ items: [], total: 0, limit: 0, offset: 0 }),
    [meId, monday],
  );
  if (!load.data || load.data.items.length === 0) return null;
  return (
    <section className="section" aria-labelledby="training-week-heading">
      <h2 id="training-week-heading">Training this week and next</h2>
      <ul className="cards">
        {load.data.items.map((item) => (
          <li className="card" key={item.id}>
            <Link to={`/training/items/${item.id}`}>{item.title}</Link>
            <span>{whenOf(item)}</span>
            <span>
              {[item.my_release ? COVER_WORDS[item.my_release.status] : "", item.clashes_with_meeting ? "Clashes with a protected meeting" : ""].filter(Boolean).join(". ") ||
                (item.location ?? "")}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
