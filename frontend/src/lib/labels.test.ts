import { describe, expect, it } from "vitest";
import { MEETING_WORDS, meetingStatusWord } from "./labels";
import { meetingBadges } from "./mentoring";

const base = { lost: false, cancel_reason: null, moved_from: null, has_record: false, closed_day: null } as const;

describe("the words for meetings that did not happen", () => {
  it("tells calling off ahead of time from not taking place, and says what counts", () => {
    expect(meetingStatusWord({ ...base, status: "cancelled", lost: true, cancel_reason: "called_off" })).toBe("Called off");
    expect(meetingStatusWord({ ...base, status: "missed" })).toBe("Did not take place");
    expect(meetingStatusWord({ ...base, status: "cancelled", cancel_reason: "school_closed" })).toBe("School closed");
    expect(meetingStatusWord({ ...base, status: "cancelled", cancel_reason: "pairing_ended" })).toBe("Pairing ended");
    expect(MEETING_WORDS.calledOff.explain).toMatch(/ahead of time.*counts against the entitlement/);
    expect(MEETING_WORDS.didNotTakePlace.explain).toMatch(/^Recorded afterwards.*counts against the entitlement/);
    expect(MEETING_WORDS.schoolClosed.explain).toMatch(/counts against nobody/);
  });

  it("never shows the old words, and marks what counts against the entitlement", () => {
    const all = [
      meetingBadges({ ...base, status: "cancelled", lost: true, cancel_reason: "called_off" }),
      meetingBadges({ ...base, status: "missed" }),
      meetingBadges({ ...base, status: "cancelled", cancel_reason: "school_closed" }),
    ];
    const words = all.flat().map((b) => b.text);
    expect(words).not.toContain("Lost");
    expect(words).not.toContain("Missed");
    expect(all.map((badges) => badges[0].tone)).toEqual(["inactive", "inactive", "muted"]);
    expect(meetingBadges({ ...base, status: "scheduled", closed_day: "INSET day, 9 Dec 2026" }).map((b) => b.text)).toEqual(["Scheduled", "On a closure day"]);
  });
});
