import type { Agreement, Pairing } from "../../api/client";
import { formatTime, WEEKDAYS } from "../../lib/time";

/** The terms of one version of a pairing's agreement. */
export function AgreementTermsList({ agreement, pairing }: { agreement: Agreement; pairing: Pairing }) {
  return (
    <dl className="summary-list summary-list--wide">
      <dt>How often</dt>
      <dd>{agreement.meeting_frequency}</dd>
      <dt>When</dt>
      <dd>
        {WEEKDAYS[agreement.meeting_day]}s at {formatTime(agreement.meeting_time)}
      </dd>
      <dt>Where</dt>
      <dd>{agreement.meeting_location}</dd>
      <dt>Feedback on observed lessons</dt>
      <dd>
        {agreement.feedback_timing === "same_day"
          ? "The same day"
          : `After ${agreement.reflection_interval_hours} hours to reflect`}
      </dd>
      <dt>The mentor prepares</dt>
      <dd>{agreement.mentor_prepares}</dd>
      <dt>The mentee prepares</dt>
      <dd>{agreement.mentee_prepares}</dd>
      <dt>Who keeps the record</dt>
      <dd>{agreement.record_keeper === "mentor" ? `${pairing.mentor.full_name} (mentor)` : `${pairing.mentee.full_name} (mentee)`}</dd>
      <dt>Setting the agenda</dt>
      <dd>{agreement.agenda_setting}</dd>
      <dt>How feedback is given</dt>
      <dd>{agreement.feedback_approach}</dd>
      <dt>Wellbeing and workload</dt>
      <dd>{agreement.wellbeing_frequency}</dd>
      <dt>Raising a concern</dt>
      <dd>{agreement.concern_route}</dd>
    </dl>
  );
}
