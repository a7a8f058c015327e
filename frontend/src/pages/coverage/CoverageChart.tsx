/** Observations per week, stacked by observer role, as an SVG drawn here (no chart library): each
 * role has its own colour and its own pattern, the legend names them, every bar carries its total
 * as text, and the summary above it and the table below say the same in words and numbers. */
import type { ObserverRole } from "../../api/client";
import { OBSERVER_ROLE_LABELS } from "../../lib/observations";
import { formatWeek, type CoverageWeek } from "./coverageData";

/** Dark enough for 3:1 against white, told apart by pattern as well as by colour. */
export const ROLE_STYLE: Record<ObserverRole, { colour: string; pattern: "solid" | "stripes" | "dots" | "rows" | "grid" | "columns" | "back" }> = {
  mentor: { colour: "#1a56a8", pattern: "solid" },
  subject_colleague: { colour: "#a34700", pattern: "stripes" },
  senco: { colour: "#00704f", pattern: "dots" },
  eal_specialist: { colour: "#9b2f73", pattern: "rows" },
  senior_leader: { colour: "#4b3f99", pattern: "grid" },
  peer: { colour: "#6b5800", pattern: "columns" },
  external: { colour: "#4b5563", pattern: "back" },
};
export const ROLES = Object.keys(ROLE_STYLE) as ObserverRole[];

function Pattern({ role }: { role: ObserverRole }) {
  const { colour, pattern } = ROLE_STYLE[role];
  const line = { stroke: "#fff", strokeWidth: 1.5 };
  return (
    <pattern id={`role-${role}`} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" fill={colour} />
      {pattern === "stripes" && <path d="M-2,10 L10,-2 M-2,2 L2,-2 M6,10 L10,6" {...line} />}
      {pattern === "back" && <path d="M-2,-2 L10,10 M6,-2 L10,2 M-2,6 L2,10" {...line} />}
      {pattern === "dots" && <circle cx="4" cy="4" r="1.6" fill="#fff" />}
      {pattern === "rows" && <path d="M0,4 L8,4" {...line} />}
      {pattern === "columns" && <path d="M4,0 L4,8" {...line} />}
      {pattern === "grid" && <path d="M0,4 L8,4 M4,0 L4,8" {...line} />}
    </pattern>
  );
}

export function Swatch({ role }: { role: ObserverRole }) {
  return (
    <svg className="swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="19" height="19" fill={`url(#role-${role})`} stroke="#1b1f24" />
    </svg>
  );
}

export function ChartPatterns() {
  return (
    <svg width="0" height="0" className="chart-defs" aria-hidden="true" focusable="false">
      <defs>
        {ROLES.map((role) => (
          <Pattern key={role} role={role} />
        ))}
      </defs>
    </svg>
  );
}

// In the SVG's own units: it scales to the width it has (at most 36rem), so a phone shows
// twelve weeks at about three quarters of this size and a desktop at about one and a quarter.
const BAR = 26;
const GAP = 8;
const TOP = 24;
const HEIGHT = 170;
const AXIS = 44;
const LEFT = 26;

export function CoverageChart({ weeks, labelledBy }: { weeks: CoverageWeek[]; labelledBy: string }) {
  const most = Math.max(1, ...weeks.map((w) => w.total));
  const step = most <= 5 ? 1 : most <= 10 ? 2 : Math.ceil(most / 5);
  const top = Math.ceil(most / step) * step;
  const scale = (n: number) => (n / top) * HEIGHT;
  const width = LEFT + weeks.length * (BAR + GAP) + GAP;
  const ticks = Array.from({ length: top / step + 1 }, (_, i) => i * step);
  return (
    <div className="chart">
      <svg viewBox={`0 0 ${width} ${TOP + HEIGHT + AXIS}`} role="img" aria-labelledby={labelledBy} focusable="false">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={width} y1={TOP + HEIGHT - scale(tick)} y2={TOP + HEIGHT - scale(tick)} className="chart__grid" />
            <text x={LEFT - 6} y={TOP + HEIGHT - scale(tick) + 4} textAnchor="end" className="chart__tick">
              {tick}
            </text>
          </g>
        ))}
        {weeks.map((week, index) => {
          const x = LEFT + GAP + index * (BAR + GAP);
          let y = TOP + HEIGHT;
          return (
            <g key={week.week_start}>
              {ROLES.filter((role) => week.by_role[role]).map((role) => {
                const h = scale(week.by_role[role] ?? 0);
                y -= h;
                return <rect key={role} x={x} y={y} width={BAR} height={h} fill={`url(#role-${role})`} stroke="#fff" strokeWidth="1" />;
              })}
              <text x={x + BAR / 2} y={TOP + HEIGHT - scale(week.total) - 5} textAnchor="middle" className="chart__total">
                {week.total}
              </text>
              <text x={x + BAR / 2} y={TOP + HEIGHT + 18} textAnchor="middle" className="chart__label">
                {formatWeek(week.week_start, "day")}
              </text>
              <text x={x + BAR / 2} y={TOP + HEIGHT + 36} textAnchor="middle" className="chart__label">
                {formatWeek(week.week_start, "month")}
              </text>
            </g>
          );
        })}
        <line x1={LEFT} x2={width} y1={TOP + HEIGHT} y2={TOP + HEIGHT} className="chart__axis" />
      </svg>
    </div>
  );
}

export function ChartLegend({ roles }: { roles: ObserverRole[] }) {
  return (
    <ul className="legend" aria-label="Observer roles in the chart">
      {roles.map((role) => (
        <li key={role}>
          <Swatch role={role} /> {OBSERVER_ROLE_LABELS[role]}
        </li>
      ))}
    </ul>
  );
}
