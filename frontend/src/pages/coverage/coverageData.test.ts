import { describe, expect, it } from "vitest";
import { chartSummary, rolesSeen, twelveWeeksBefore } from "./coverageData";
import { ROLES } from "./CoverageChart";

const week = (week_start: string, by: Record<string, number>) => ({
  week_start,
  total: Object.values(by).reduce((a, b) => a + b, 0),
  by_role: Object.fromEntries(ROLES.map((r) => [r, by[r] ?? 0])),
});

describe("coverage words", () => {
  it("starts the default range on the Monday eleven weeks before the week of the end", () => {
    expect(twelveWeeksBefore("2026-12-02")).toBe("2026-09-14"); // a Wednesday
    expect(twelveWeeksBefore("2026-11-30")).toBe("2026-09-14"); // its Monday
    expect(twelveWeeksBefore("2026-12-06")).toBe("2026-09-14"); // its Sunday
  });

  it("says what the chart shows: the total, by role, the busiest week and the empty ones", () => {
    const weeks = [week("2026-09-07", { mentor: 1, senco: 2 }), week("2026-09-14", {}), week("2026-09-21", { mentor: 1 })];
    expect(rolesSeen(weeks, ROLES)).toEqual(["mentor", "senco"]);
    expect(chartSummary(weeks, ROLES)).toBe(
      "4 observations took place in the 3 weeks from 7 Sept 2026: Mentor 2, SENCO 2. The busiest was the week of 7 Sept 2026, with 3 observations. One week had none.",
    );
    expect(chartSummary([week("2026-09-07", {})], ROLES)).toBe("No observations took place in the 1 week from 7 Sept 2026.");
  });
});
