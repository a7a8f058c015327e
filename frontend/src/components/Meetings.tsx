/** Pieces the mentoring screens share: status badges, meeting tables and clash lists. */
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Clash, Meeting } from "../api/client";
import { meetingBadges, partnerOf, type Badge } from "../lib/mentoring";
import { formatDay, formatSpan, formatTime, formatWhen } from "../lib/time";
import { DataTable, type Column } from "./DataTable";

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
export function MeetingTable({
  meetings,
  caption,
  meId,
  empty,
  compact = false,
}: {
  meetings: Meeting[];
  caption: string;
  meId?: string;
  empty: ReactNode;
  /** Where it is under when, and no "with": for a page about one pairing. */
  compact?: boolean;
}) {
  return (
    <DataTable
      caption={caption}
      rows={meetings}
      rowKey={(meeting) => meeting.id}
      empty={empty}
      columns={compact ? compactColumns : meetingColumns(meId)}
    />
  );
}

/** The columns of a meeting table: when (a link to the meeting), with whom, where and how it stands. */
export function meetingColumns(meId?: string): Column<Meeting>[] {
  return [
    { header: "When", cell: (meeting) => meetingWhen(meeting) },
    { header: meId ? "With" : "Mentor and mentee", cell: (meeting) => partnerOf(meeting, meId) },
    { header: "Where", cell: (meeting) => meeting.location },
    { header: "Status", cell: (meeting) => <Badges badges={meetingBadges(meeting)} /> },
  ];
}

function meetingWhen(meeting: Meeting, where = false) {
  return (
    <>
      <Link to={`/meetings/${meeting.id}`}>{formatSpan(meeting.starts_at, meeting.ends_at)}</Link>
      {where && <span className="hint cell-note">{meeting.location}</span>}
      {meeting.moved_from && <span className="hint cell-note">Moved from {formatWhen(meeting.moved_from)}</span>}
    </>
  );
}

const compactColumns: Column<Meeting>[] = [
  { header: "When and where", cell: (meeting) => meetingWhen(meeting, true), hideHeader: true },
  { header: "Status", cell: (meeting) => <Badges badges={meetingBadges(meeting)} />, hideHeader: true },
];

/** Every clash, grouped by the wanted time, with whom and what it clashes. */
export function ClashTable({ clashes, caption }: { clashes: Clash[]; caption: string }) {
  const groups = new Map<string, Clash[]>();
  for (const clash of clashes) {
    const key = `${clash.starts_at}|${clash.ends_at}`;
    groups.set(key, [...(groups.get(key) ?? []), clash]);
  }
  return (
    <DataTable
      caption={caption}
      rows={[...groups.values()]}
      rowKey={(group) => `${group[0].starts_at}-${group[0].ends_at}`}
      columns={[
        { header: "Wanted time", cell: (group) => formatSpan(group[0].starts_at, group[0].ends_at) },
        { header: "Clashes with", cell: (group) => <ClashList clashes={group} /> },
      ]}
    />
  );
}

function ClashList({ clashes }: { clashes: Clash[] }) {
  return (
    <ul className="plain-list">
      {clashes.map((clash, index) => (
        <li key={index}>
          {clash.clashes_with.title} for {clash.clashes_with.person.full_name},{" "}
          {sameDay(clash.starts_at, clash.clashes_with.starts_at)
            ? `${formatTime(clash.clashes_with.starts_at)}–${formatTime(clash.clashes_with.ends_at)}`
            : `${formatWhen(clash.clashes_with.starts_at)}–${formatTime(clash.clashes_with.ends_at)}`}
        </li>
      ))}
    </ul>
  );
}

function sameDay(a: string, b: string): boolean {
  return formatDay(a) === formatDay(b);
}

/** "1 meeting", "4 meetings". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
