import { Link, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { MeetingList } from "../components/MeetingList";
import { LoadFailed, Loading, Page } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { KIND_LABELS } from "../lib/mentoring";

/** Every meeting of a pairing, paged, filtered by how it stands and when. */
export function PairingMeetingsPage() {
  const { pairingId = "" } = useParams();
  const { me } = useAuth();
  const pairing = useLoad(() => unwrap(api.GET("/api/v1/pairings/{pairing_id}", { params: { path: { pairing_id: pairingId } } })), [pairingId]);
  if (pairing.error) return <LoadFailed title="Pairing not found" error={pairing.error} />;
  if (!pairing.data) return <Loading what="Loading the pairing" />;
  const p = pairing.data;
  const meId = me?.id === p.mentor.id || me?.id === p.mentee.id ? me?.id : undefined;
  const who = meId === p.mentor.id ? p.mentee.full_name : meId === p.mentee.id ? p.mentor.full_name : `${p.mentor.full_name} and ${p.mentee.full_name}`;
  return (
    <Page title={`All meetings: ${meId ? `with ${who}` : who}`} heading="All meetings" lead={`${meId ? `With ${who}` : who} · ${KIND_LABELS[p.kind]} · ${p.school_name}`}>
      <p>
        <Link to={`/pairings/${p.id}`}>Back to the pairing</Link>
      </p>
      <MeetingList scope={{ pairing_id: p.id }} label="Meetings of this pairing" meId={meId} />
    </Page>
  );
}
