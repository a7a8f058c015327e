import { Link } from "react-router";
import type { Slot } from "../../api/client";
import { DataTable } from "../../components/DataTable";
import { Loaded } from "../../components/Page";
import { formatDate } from "../../lib/labels";
import { formatTime, schoolToday, WEEKDAYS } from "../../lib/time";

/** The pairing's protected weekly slots, and the way to schedule one for those who may. */
export function SlotsSection({ pairingId, slots, canSchedule }: { pairingId: string; slots: { data: Slot[] | null; error: string | null }; canSchedule: boolean }) {
  return (
    <section className="section" aria-labelledby="slots-heading">
      <h2 id="slots-heading">Protected weekly slots</h2>
      <p>Each slot gives one meeting every week of term; holidays are skipped.</p>
      <Loaded load={slots} what="Loading the slots">
        {(list) => (
          <DataTable
            caption="Protected weekly slots"
            rows={list}
            rowKey={(slot) => slot.id}
            empty="No weekly slot yet."
            columns={[
              { header: "Day and time", cell: (slot) => `${WEEKDAYS[slot.weekday]}s, ${formatTime(slot.start_time)} for ${slot.duration_minutes} minutes` },
              { header: "Where", cell: (slot) => slot.location },
              { header: "From", cell: (slot) => formatDate(slot.starts_on) },
              { header: "To", cell: (slot) => formatDate(slot.ends_on) },
              { header: "Meetings", cell: (slot) => slot.meeting_count },
              ...(canSchedule
                ? [
                    {
                      header: "Change",
                      cell: (slot: Slot) =>
                        slot.ends_on >= schoolToday() ? (
                          <span>
                            <Link
                              to={`/pairings/${pairingId}/slots/${slot.id}/change`}
                              aria-label={`Change from a date: ${WEEKDAYS[slot.weekday]}s at ${formatTime(slot.start_time)}`}
                            >
                              Change from a date
                            </Link>{" "}
                            <Link
                              to={`/pairings/${pairingId}/slots/${slot.id}/end`}
                              aria-label={`End the slot on ${WEEKDAYS[slot.weekday]}s at ${formatTime(slot.start_time)}`}
                            >
                              End
                            </Link>
                          </span>
                        ) : (
                          "Ended"
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Loaded>
      {canSchedule && (
        <p>
          <Link className="button button--secondary" to={`/pairings/${pairingId}/slots/new`}>
            Schedule a weekly slot
          </Link>
        </p>
      )}
    </section>
  );
}
