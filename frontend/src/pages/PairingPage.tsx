import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap, type Pairing, type PairingDetail } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { Loaded, LoadFailed, Loading, LocationNotice, Notice, Page, type Message } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { formatDate } from "../lib/labels";
import { KIND_LABELS, pairingState } from "../lib/mentoring";
import { allAgreements, allSlots } from "../lib/mentoringLists";
import { schoolToday } from "../lib/time";
import { AgreementSection } from "./pairing/AgreementSection";
import { EndPairing } from "./pairing/EndPairing";
import { MeetingsSection } from "./pairing/MeetingsSection";
import { PairingSummary } from "./pairing/PairingSummary";
import { ResourceSuggestions } from "../components/ResourceSuggestions";
import { SlotsSection } from "./pairing/SlotsSection";

// A few each way; every meeting is one link away, on the pairing's meetings page.
const UPCOMING = 3;
const RECENT = 3;

/** "34 " once both lists have loaded: every meeting is either coming up or earlier. */
function allCount(upcoming: { total: number } | null, recent: { total: number } | null): string {
  return upcoming && recent ? `${upcoming.total + recent.total} ` : "";
}

export function PairingPage() {
  const { pairingId = "" } = useParams();
  const pairing = useLoad(() => unwrap(api.GET("/api/v1/pairings/{pairing_id}", { params: { path: { pairing_id: pairingId } } })), [pairingId]);
  if (pairing.error) return <LoadFailed title="Pairing not found" error={pairing.error} />;
  if (!pairing.data) return <Loading what="Loading the pairing" />;
  return <PairingView key={pairing.data.id} pairing={pairing.data} reload={pairing.reload} />;
}

/** The pairing's agreement, slots and meetings, each loaded on its own. */
function usePairingParts(pairingId: string) {
  const agreements = useLoad(() => allAgreements(pairingId), [pairingId]);
  const slots = useLoad(() => allSlots(pairingId), [pairingId]);
  const [now] = useState(() => new Date().toISOString());
  const upcoming = useLoad(
    () => unwrap(api.GET("/api/v1/meetings", { params: { query: { pairing_id: pairingId, starts_from: now, limit: UPCOMING } } })),
    [pairingId],
  );
  // The most recent past meetings, newest first.
  const recent = useLoad(
    () => unwrap(api.GET("/api/v1/meetings", { params: { query: { pairing_id: pairingId, starts_before: now, order: "desc", limit: RECENT } } })),
    [pairingId],
  );
  return { agreements, slots, upcoming, recent };
}

function PairingView({ pairing, reload }: { pairing: PairingDetail; reload: () => void }) {
  const { me } = useAuth();
  const [message, setMessage] = useState<Message | null>(null);
  const { agreements, slots, upcoming, recent } = usePairingParts(pairing.id);
  // What this person may do comes from the server (`can`), which enforces the same rules.
  const { can } = pairing;
  const state = pairingState(pairing, schoolToday());
  const isMentor = me?.id === pairing.mentor.id;
  const isMentee = me?.id === pairing.mentee.id;
  const meId = isMentor || isMentee ? me?.id : undefined;
  const title = isMentor ? `Mentoring ${pairing.mentee.full_name}` : isMentee ? `Mentored by ${pairing.mentor.full_name}` : `${pairing.mentor.full_name} and ${pairing.mentee.full_name}`;

  function ended(result: Pairing) {
    reload();
    upcoming.reload();
    recent.reload();
    slots.reload();
    setMessage({ kind: "success", text: `The pairing now ends on ${formatDate(result.ends_on)}. Later meetings have been cancelled.` });
  }

  return (
    <Page title={title} lead={`${KIND_LABELS[pairing.kind]} · ${pairing.school_name}`}>
      <p>
        {isMentor || isMentee ? <Link to="/my-week">Back to my week</Link> : <Link to={`/mentoring?school=${pairing.school_id}`}>Back to mentoring</Link>}
      </p>
      <LocationNotice />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <PairingSummary pairing={pairing} state={state} />

      <section className="section" aria-labelledby="agreement-heading">
        <h2 id="agreement-heading" tabIndex={-1}>
          Mentoring agreement
        </h2>
        <Loaded load={agreements} what="Loading the agreement">
          {(versions) => (
            <AgreementSection
              pairing={pairing}
              versions={versions}
              canAct={can.propose_agreement}
              onAgreed={(agreed) => {
                agreements.setData(versions.map((a) => (a.id === agreed.id ? agreed : a)));
                setMessage({ kind: "success", text: `You have agreed version ${agreed.version}.` });
              }}
              onError={(text) => setMessage({ kind: "error", text })}
            />
          )}
        </Loaded>
      </section>

      <SlotsSection pairingId={pairing.id} slots={slots} canSchedule={can.schedule_slot && state !== "ended"} />
      <MeetingsSection
        id="upcoming-heading"
        heading="Coming up"
        meetings={upcoming}
        caption="Upcoming meetings"
        meId={meId}
        compact
        empty="No meetings coming up."
        more={(shown, total) => `The next ${shown} of ${total} meetings.`}
      />
      <MeetingsSection
        id="recent-heading"
        heading="Earlier meetings"
        meetings={recent}
        caption="Earlier meetings, newest first"
        meId={meId}
        compact
        empty="No meetings yet."
        more={(shown, total) => `The latest ${shown} of ${total} meetings, newest first.`}
      />
      <p>
        <Link to={`/pairings/${pairing.id}/meetings`}>
          See all {allCount(upcoming.data, recent.data)}meetings<span className="visually-hidden"> of this pairing</span>
        </Link>
        , filtered by status and dates.
      </p>
      {(isMentor || isMentee) && <ResourceSuggestions menteeId={pairing.mentee.id} forMentee={isMentee} brief />}
      {can.end && state !== "ended" && <EndPairing pairing={pairing} onEnded={ended} />}
    </Page>
  );
}
