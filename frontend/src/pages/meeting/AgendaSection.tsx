import type { MeetingAction, MeetingDetail } from "../../api/client";
import { ActionList } from "./ActionList";
import { AddAgendaItem } from "./AddAgendaItem";

/** Open actions from earlier meetings and the things to talk about, for those who may read them. */
export function AgendaSection({
  meeting,
  onChange,
  onActionUpdated,
  onError,
}: {
  meeting: MeetingDetail;
  onChange: (m: MeetingDetail) => void;
  onActionUpdated: (a: MeetingAction) => void;
  onError: (text: string) => void;
}) {
  const { can } = meeting;
  // What was said (agenda, actions, record) stays with the pair and their school's leads.
  const readable = meeting.content_visible;
  return (
    <section className="section" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">Agenda</h2>
      {!readable && <p>The agenda and the record stay with the pair and their school leads.</p>}
      {readable && (
        <>
          <h3>Open actions from earlier meetings</h3>
          {meeting.carried_actions.length === 0 ? (
            <p>None: every earlier action is done.</p>
          ) : (
            <ActionList actions={meeting.carried_actions} withWeek canTick={can.tick_actions} onUpdated={onActionUpdated} onError={onError} />
          )}
          <h3>Things to talk about</h3>
          {meeting.agenda_items.length === 0 ? (
            <p>Nothing added yet.</p>
          ) : (
            <ul className="item-list">
              {meeting.agenda_items.map((item) => (
                <li key={item.id}>
                  {item.text} <span className="hint">(added by {item.added_by.full_name})</span>
                </li>
              ))}
            </ul>
          )}
          {can.add_agenda_item && <AddAgendaItem meeting={meeting} onAdded={onChange} />}
        </>
      )}
    </section>
  );
}
