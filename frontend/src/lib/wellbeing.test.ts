import { describe, expect, it } from "vitest";
import { trendPoints, trendSummary } from "./wellbeing";

const row = (created_at: string, wellbeing_score: number, workload_score: number) => ({
  created_at,
  checked_in_on: created_at.slice(0, 10),
  wellbeing_score,
  workload_score,
});

describe("trend", () => {
  it("reads oldest first and sums up the change", () => {
    const points = trendPoints([row("2026-10-08T10:00:00Z", 2, 5), row("2026-10-01T10:00:00Z", 4, 2)]);
    expect(points.map((p) => p.date)).toEqual(["2026-10-01", "2026-10-08"]);
    expect(trendSummary(points)).toBe("2 check-ins. Wellbeing went from 4 to 2 of 5; workload from 2 to 5 of 5.");
  });
  it("says when there is nothing or one", () => {
    expect(trendSummary([])).toBe("No check-ins yet.");
    expect(trendSummary(trendPoints([row("2026-10-01T10:00:00Z", 3, 3)]))).toBe("One check-in: wellbeing 3 of 5, workload 3 of 5.");
  });
});
