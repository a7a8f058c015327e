/** Pieces the mentoring screens share: status badges, meeting tables and clash lists. */
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Clash, Meeting } from "../api/client";
import { meetingBadges, partnerOf, type Badge } from "../lib/mentoring";
import { formatDay, formatSpan, formatTime, formatWhen } from "../lib/time";

export function Badges({ badges }: { badges: Badge[] }) {
  return (
    <span className="badges">
      {badges.map((badge) => (
        <span key={badge.text} className={`status status--${badge.tone}`}>
          {badge.text}
        </span>
      ))}
    </span>
  );
}

/**
 * Meetings as a table that stacks on narrow screens. `meId` names the partner from the reader's
 * side; without it both people are shown.
 */
export function MeetingTable({ meetings, caption, meId, empty }: { meetings: Meeting[]; caption: string; meId?: string; empty: ReactNode }) {
  if (meetings.length === 0) return <p>{empty}</p>;
  return (
    <div className="table-wrap table-wrap--stack">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">{meId ? "With" : "Mentor and mentee"}</th>
            <th scope="col">Where</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {meetings.map((meeting) => (
            <tr key={meeting.id}>
              <td data-label="When">
                <Link to={`/meetings/${meeting.id}`}>{formatSpan(meeting.starts_at, meeting.ends_at)}</Link>
                {meeting.moved_from && <span className="hint cell-note">Moved from {formatWhen(meeting.moved_from)}</span>}
              </td>
              <td data-label={meId ? "With" : "Mentor and mentee"}>{partnerOf(meeting, meId)}</td>
              <td data-label="Where">{meeting.location}</td>
              <td data-label="Status">
                <Badges badges={meetingBadges(meeting)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every clash, grouped by the wanted time, with whom and what it clashes. */
export function ClashTable({ clashes, caption }: { clashes: Clash[]; caption: string }) {
  const groups = new Map<string, Clash[]>();
  for (const clash of clashes) {
    const key = `${clash.starts_at}|${clash.ends_at}`;
    groups.set(key, [...(groups.get(key) ?? []), clash]);
  }
  return (
    <div className="table-wrap table-wrap--stack">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Wanted time</th>
            <th scope="col">Clashes with</th>
          </tr>
        </thead>
        <tbody>
          {[...groups.values()].map((group) => (
            <tr key={`${group[0].starts_at}-${group[0].ends_at}`}>
              <td data-label="Wanted time">{formatSpan(group[0].starts_at, group[0].ends_at)}</td>
              <td data-label="Clashes with">
                <ul className="plain-list">
                  {group.map((clash, index) => (
                    <li key={index}>
                      {clash.clashes_with.title} for {clash.clashes_with.person.full_name},{" "}
                      {sameDay(clash.starts_at, clash.clashes_with.starts_at)
                        ? `${formatTime(clash.clashes_with.starts_at)}–${formatTime(clash.clashes_with.ends_at)}`
                        : `${formatWhen(clash.clashes_with.starts_at)}–${formatTime(clash.clashes_with.ends_at)}`}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function sameDay(a: string, b: string): boolean {
  return formatDay(a) === formatDay(b);
}

/** "1 meeting", "4 meetings". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
