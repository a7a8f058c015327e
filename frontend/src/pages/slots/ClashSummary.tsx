import type { Schemas } from "../../api/client";
import { plural } from "../../components/Meetings";
import { formatDay, formatTime } from "../../lib/time";

type Clash = Schemas["ClashPublic"];
type Group = Schemas["ClashGroup"];

/** Clashes counted in weeks, one line per thing clashed with; the dates only on demand, so a
 * year of weekly clashes stays a few lines long, on a phone too. */
export function ClashSummary({ clashes, groups }: { clashes: Clash[]; groups: Group[] }) {
  // One line per week and thing clashed with: the mentor and the mentee share most of them.
  const lines = new Map<string, string>();
  for (const clash of clashes) {
    const key = `${clash.starts_at}|${clash.description}`;
    lines.set(key, `${formatDay(clash.starts_at)} at ${formatTime(clash.starts_at)}: ${clash.description}`);
  }
  const sorted = [...lines.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, text]) => text);
  return (
    <>
      <ul className="plain-list clash-summary">
        {groups.map((group) => (
          <li key={group.description}>
            <strong>{group.summary}</strong>
          </li>
        ))}
      </ul>
      <details className="clash-dates">
        <summary>Show the {plural(sorted.length, "date")}</summary>
        <ul className="plain-list">
          {sorted.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      </details>
    </>
  );
}
