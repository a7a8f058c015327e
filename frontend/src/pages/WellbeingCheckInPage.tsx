/** One check-in, as far as you may read it: share your note (yours), or say the talk asked for is arranged (the mentor's or the wellbeing lead's). */
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import { EmergencyNotice } from "../components/Emergency";
import { Button } from "../components/forms";
import { LoadFailed, Loading, Notice, Page, type Message } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { formatDate, formatDateTime } from "../lib/labels";
import { WELLBEING_WORDS, WORKLOAD_WORDS, type CheckInDetail } from "../lib/wellbeing";

export function WellbeingCheckInPage() {
  const { checkInId = "" } = useParams();
  const load = useLoad(() => unwrap(api.GET("/api/v1/wellbeing/check-ins/{check_in_id}", { params: { path: { check_in_id: checkInId } } })), [checkInId]);
  const [message, setMessage] = useState<Message | null>(null);
  if (load.error && !load.data) return <LoadFailed title="Check-in" error={load.error} backTo="/wellbeing" back="Back to wellbeing" />;
  if (!load.data) return <Loading what="Loading the check-in" />;
  const c: CheckInDetail = load.data;
  const whose = c.relation === "own" ? "Your check-in" : `${c.subject.full_name}'s check-in`;

  async function act(run: () => Promise<CheckInDetail>, done: string) {
    try {
      load.setData(await run());
      setMessage({ kind: "success", text: done });
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    }
  }
  const path = { params: { path: { check_in_id: c.id } } };
  return (
    <Page title={`${whose} on ${formatDate(c.checked_in_on)}`}>
      <EmergencyNotice />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <dl className="details">
        <dt>Wellbeing</dt>
        <dd>{WELLBEING_WORDS[c.wellbeing_score]}</dd>
        <dt>Workload</dt>
        <dd>{WORKLOAD_WORDS[c.workload_score]}</dd>
        <dt>Would like to talk</dt>
        <dd>{c.wants_to_talk ? (c.talk_followed_up_at ? `Yes; arranged ${formatDateTime(c.talk_followed_up_at)}` : "Yes, not arranged yet") : "No"}</dd>
        <dt>Note</dt>
        <dd>{c.note_shown ? c.wellbeing_note || "None" : "Not shared with you"}</dd>
        {c.relation === "own" && (
          <>
            <dt>Who reads the note</dt>
            <dd>{c.wellbeing_note_shared ? "You, your mentor (if you are a mentee) and the school's wellbeing lead" : "Only you"}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        {c.can.share_note && c.wellbeing_note && (
          <Button
            variant="secondary"
            onClick={() =>
              act(
                () => unwrap(api.PATCH("/api/v1/wellbeing/check-ins/{check_in_id}", { ...path, body: { wellbeing_note_shared: !c.wellbeing_note_shared } })),
                c.wellbeing_note_shared ? "Your note is private again." : "Your note is shared.",
              )
            }
          >
            {c.wellbeing_note_shared ? "Stop sharing my note" : "Share my note"}
          </Button>
        )}
        {c.can.follow_up && (
          <Button onClick={() => act(() => unwrap(api.POST("/api/v1/wellbeing/check-ins/{check_in_id}/follow-up", path)), "Marked as arranged.")}>Talk arranged</Button>
        )}
      </div>
      <p>
        <Link to="/wellbeing">Back to wellbeing</Link>
      </p>
    </Page>
  );
}
