/** The filters of the meeting lists (a pairing's, a school's), as the address keeps them and the API takes them. */
import type { paths } from "../api/schema";
import { MEETING_WORDS, type Choice } from "./labels";
import { addDays, mondayOf, schoolToday, wallClockToIso } from "./time";

export type MeetingQuery = NonNullable<paths["/api/v1/meetings"]["get"]["parameters"]["query"]>;

/** How a meeting stands, in the words the app uses, each with what it asks of the API. */
export const MEETING_STATE_FILTERS: (Choice & { query: Partial<MeetingQuery> })[] = [
  { value: "scheduled", label: "Scheduled", query: { status: "scheduled" } },
  { value: "not_recorded", label: "Not recorded yet", query: { not_recorded: true } },
  { value: "held", label: "Held", query: { status: "held" } },
  { value: "called_off", label: MEETING_WORDS.calledOff.label, query: { cancel_reason: "called_off" } },
  { value: "missed", label: MEETING_WORDS.didNotTakePlace.label, query: { status: "missed" } },
  { value: "on_closure_day", label: "On a closure day", query: { on_closure_day: true } },
  { value: "school_closed", label: MEETING_WORDS.schoolClosed.label, query: { cancel_reason: "school_closed" } },
  { value: "pairing_ended", label: MEETING_WORDS.pairingEnded.label, query: { cancel_reason: "pairing_ended" } },
  { value: "moved", label: MEETING_WORDS.moved.label, query: { change: "moved" } },
];

export const WHEN_CHOICES: Choice[] = [
  { value: "this_week", label: "This week" },
  { value: "next_week", label: "Next week" },
  { value: "dates", label: "Between the dates below" },
];

export interface MeetingFilterValues {
  state: string;
  when: string;
  from: string;
  to: string;
  person: string;
}

/** The API's query for the filters: dates are school days, from the first one's start to the end of the last. */
export function meetingQuery(values: MeetingFilterValues, today: string = schoolToday()): Partial<MeetingQuery> {
  const query: Partial<MeetingQuery> = { ...(MEETING_STATE_FILTERS.find((f) => f.value === values.state)?.query ?? {}) };
  let from = "";
  let to = "";
  if (values.when === "this_week" || values.when === "next_week") {
    from = addDays(mondayOf(today), values.when === "next_week" ? 7 : 0);
    to = addDays(from, 6);
  } else if (values.when === "dates" || values.when === "") {
    [from, to] = [values.from, values.to];
  }
  if (from) query.starts_from = wallClockToIso(from, "00:00");
  if (to) query.starts_before = wallClockToIso(addDays(to, 1), "00:00");
  if (values.person) query.person_id = values.person;
  return query;
}
