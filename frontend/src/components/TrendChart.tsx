/**
 * A small line chart of scores from 1 to 5 over time. It is a picture with a one-line summary
 * as its name; the table beside it, which every use gives, holds the same numbers. The two
 * lines differ by shape (solid with dots, dashed with squares) as well as colour.
 */
import type { ReactNode } from "react";
import { formatDate } from "../lib/labels";

export interface Series {
  label: string;
  values: (number | null)[];
  kind: "solid" | "dashed";
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 36, right: 12, top: 12, bottom: 36 };

export function TrendChart({ title, summary, dates, series, children }: { title: string; summary: string; dates: string[]; series: Series[]; children?: ReactNode }) {
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (dates.length <= 1 ? innerW / 2 : (i * innerW) / (dates.length - 1));
  const y = (v: number) => PAD.top + ((5 - v) * innerH) / 4;
  const labelEvery = Math.max(1, Math.ceil(dates.length / 6));
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}. ${summary}`} className="trend__chart">
        {[1, 2, 3, 4, 5].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} className="trend__grid" />
            <text x={PAD.left - 8} y={y(v) + 4} textAnchor="end" className="trend__axis">
              {v}
            </text>
          </g>
        ))}
        {dates.map((d, i) =>
          i % labelEvery === 0 ? (
            <text key={d + i} x={x(i)} y={HEIGHT - 12} textAnchor="middle" className="trend__axis">
              {formatDate(d).replace(/ \d{4}$/, "")}
            </text>
          ) : null,
        )}
        {series.map((s) => {
          const points = s.values.map((v, i) => (v === null ? null : ([x(i), y(v)] as const)));
          const path = points
            .map((p, i) => (p ? `${i === 0 || !points[i - 1] ? "M" : "L"}${p[0].toFixed(1)},${p[1].toFixed(1)}` : ""))
            .join(" ");
          return (
            <g key={s.label} className={`trend__series trend__series--${s.kind}`}>
              <path d={path} fill="none" />
              {points.map((p, i) =>
                p ? s.kind === "solid" ? <circle key={i} cx={p[0]} cy={p[1]} r={4} /> : <rect key={i} x={p[0] - 4} y={p[1] - 4} width={8} height={8} /> : null,
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="trend__key">
          {series.map((s) => (
            <span key={s.label} className={`trend__key-item trend__key-item--${s.kind}`}>
              {s.label}
            </span>
          ))}
        </span>
        {children}
      </figcaption>
    </figure>
  );
}
