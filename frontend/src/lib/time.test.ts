import { describe, expect, it } from "vitest";
import { addDays, daysBetween, formatShortDate, formatSpan, mondayOf, schoolToday, wallClock, wallClockToIso, weekdayOf } from "./time";

describe("school wall-clock time", () => {
  it("reads instants as London time in winter and summer", () => {
    expect(wallClock("2026-11-25T15:30:00Z")).toEqual({ date: "2026-11-25", time: "15:30" });
    expect(wallClock("2026-06-10T14:30:00Z")).toEqual({ date: "2026-06-10", time: "15:30" });
    expect(wallClock("2026-06-10T23:30:00Z")).toEqual({ date: "2026-06-11", time: "00:30" });
  });

  it("writes London wall-clock times with the right offset", () => {
    expect(wallClockToIso("2026-11-25", "17:00")).toBe("2026-11-25T17:00:00+00:00");
    expect(wallClockToIso("2026-06-10", "08:15")).toBe("2026-06-10T08:15:00+01:00");
    // Either side of the clocks going back (25 October 2026, 02:00 BST → 01:00 GMT).
    expect(wallClockToIso("2026-10-24", "15:30")).toBe("2026-10-24T15:30:00+01:00");
    expect(wallClockToIso("2026-10-26", "15:30")).toBe("2026-10-26T15:30:00+00:00");
    // And going forward (29 March 2026).
    expect(wallClockToIso("2026-03-30", "09:00")).toBe("2026-03-30T09:00:00+01:00");
  });

  it("round-trips (apart from the hour repeated when the clocks go back)", () => {
    for (const iso of ["2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", "2026-10-24T23:30:00Z", "2026-10-25T01:30:00Z"]) {
      const { date, time } = wallClock(iso);
      expect(new Date(wallClockToIso(date, time)).toISOString()).toBe(new Date(iso).toISOString());
    }
  });

  it("formats a meeting's span", () => {
    expect(formatSpan("2026-11-25T15:30:00Z", "2026-11-25T16:30:00Z")).toBe("Wed 25 Nov 2026, 15:30–16:30");
  });
});

describe("calendar dates", () => {
  it("finds the weekday and the Monday of a week", () => {
    expect(weekdayOf("2026-11-23")).toBe(0);
    expect(weekdayOf("2026-11-29")).toBe(6);
    expect(mondayOf("2026-11-29")).toBe("2026-11-23");
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
    expect(daysBetween("2026-09-01", "2028-09-01")).toBe(731);
  });

  it("takes today from the school's clock", () => {
    expect(schoolToday(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(schoolToday(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });

  it("names a short calendar date without shifting it", () => {
    expect(formatShortDate("2026-09-09")).toMatch(/^Wed 9 Sept?$/);
    expect(formatShortDate("2027-03-28")).toMatch(/^Sun 28 Mar$/);
  });
});
