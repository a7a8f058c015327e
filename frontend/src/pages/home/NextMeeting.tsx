/** For a mentor or mentee with nothing to do: when their next meeting is. */
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { useLoad } from "../../components/useLoad";
import { formatWhen } from "../../lib/time";

export function NextMeeting({ meId }: { meId: string }) {
  const next = useLoad(
    () =>
      unwrap(
        api.GET("/api/v1/meetings", {
          params: { query: { person_id: meId, starts_from: new Date().toISOString(), status: "scheduled", limit: 1 } },
        }),
      ),
    [meId],
  );
  if (next.error) return <p>Nothing needs doing. <Link to="/my-week">See your meetings</Link>.</p>;
  if (!next.data) return <p>Nothing needs doing.</p>;
  const meeting = next.data.items[0];
  if (!meeting) {
    return (
      <p>
        Nothing needs doing, and no meetings are planned yet. Once your weekly slot is set up, your meetings will be listed in{" "}
        <Link to="/my-week">My week</Link>.
      </p>
    );
  }
  const partner = meeting.mentor.id === meId ? meeting.mentee.full_name : meeting.mentor.full_name;
  return (
    <p>
      Nothing needs doing. Your next meeting is with {partner} on{" "}
      <Link to={`/meetings/${meeting.id}`}>{formatWhen(meeting.starts_at)}</Link>, in {meeting.location}.
    </p>
  );
}
