/** A paged list of meetings with its filters (how each stands, when, and whose), kept in the address. */
import { api, PAGE_SIZE, unwrap } from "../api/client";
import type { Choice } from "../lib/labels";
import { MEETING_STATE_FILTERS, meetingQuery, WHEN_CHOICES, type MeetingQuery } from "../lib/meetingFilters";
import { PagedTable } from "./DataTable";
import { SelectField, TextField } from "./forms";
import { FilterForm } from "./ListFilters";
import { meetingColumns } from "./Meetings";
import { useForm } from "./useForm";
import { useListParams } from "./useListParams";
import { useLoad } from "./useLoad";

const FILTERS = ["state", "when", "from", "to", "person"] as const;

export function MeetingList({
  scope,
  label,
  meId,
  people,
}: {
  /** Whose meetings: `{ pairing_id }` or `{ school_id }`. */
  scope: Pick<MeetingQuery, "pairing_id" | "school_id">;
  /** Names the filter form and the table ("Meetings of Hillcrest Academy"). */
  label: string;
  meId?: string;
  /** Mentors and mentees to filter by; no person filter without them. */
  people?: Choice[];
}) {
  const { params, offset, goTo, applyFilters } = useListParams();
  const values = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ""])) as Record<(typeof FILTERS)[number], string>;
  const draft = useForm(values);
  const key = JSON.stringify([scope, values, offset]);
  const list = useLoad(
    () => unwrap(api.GET("/api/v1/meetings", { params: { query: { ...scope, ...meetingQuery(values), limit: PAGE_SIZE, offset } } })),
    [key],
  );

  function apply(event: React.FormEvent) {
    event.preventDefault();
    applyFilters(draft.values, {}, true);
  }

  return (
    <>
      <FilterForm label={`Filter ${label.toLowerCase()}`} onSubmit={apply}>
        <SelectField label="Status" blank="Any status" options={MEETING_STATE_FILTERS} {...draft.field("state")} />
        <SelectField label="When" blank="Any time" options={WHEN_CHOICES} {...draft.field("when")} />
        <TextField label="From" type="date" hint="School days, inclusive." {...draft.field("from")} />
        <TextField label="To" type="date" {...draft.field("to")} />
        {people && <SelectField label="Mentor or mentee" blank="Anyone" options={people} {...draft.field("person")} />}
      </FilterForm>
      <PagedTable
        list={list}
        loading="Loading meetings"
        empty="No meetings match."
        caption={label}
        rowKey={(meeting) => meeting.id}
        columns={meetingColumns(meId)}
        pagerLabel={label}
        onPage={goTo}
      />
    </>
  );
}
