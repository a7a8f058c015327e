import { beforeEach, describe, expect, it } from "vitest";
import { clearDraft, loadDraft, saveDraft, standardsText, toggleStandard } from "./observations";

class MemoryStorage {
  private items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

describe("the half-written observation record", () => {
  beforeEach(() => {
    Object.defineProperty(globalThis, "localStorage", { value: new MemoryStorage(), configurable: true });
  });

  it("is kept on the device until it is cleared", () => {
    saveDraft("abc", { focus_standards: [5, 7], strengths: "Routines", points_to_develop: "Pace", feedback_given: true, reason: "" }, new Date("2026-11-05T10:30:00Z"));
    expect(loadDraft("abc")).toEqual({
      focus_standards: [5, 7],
      strengths: "Routines",
      points_to_develop: "Pace",
      feedback_given: true,
      reason: "",
      saved_at: "2026-11-05T10:30:00.000Z",
    });
    expect(loadDraft("other")).toBeNull();
    clearDraft("abc");
    expect(loadDraft("abc")).toBeNull();
  });

  it("ignores what it cannot read and standards outside 1 to 8", () => {
    localStorage.setItem("mentorhub.observation-draft.bad", "{not json");
    expect(loadDraft("bad")).toBeNull();
    localStorage.setItem("mentorhub.observation-draft.odd", JSON.stringify({ focus_standards: [0, 3, 9], strengths: "", points_to_develop: "" }));
    expect(loadDraft("odd")?.focus_standards).toEqual([3]);
  });
});

describe("standards", () => {
  it("toggle in order and read in words", () => {
    expect(toggleStandard([7], 2)).toEqual([2, 7]);
    expect(toggleStandard([2, 7], 7)).toEqual([2]);
    expect(standardsText([5])).toBe("TS5 Adapt teaching");
    expect(standardsText([])).toBe("No standards named");
  });
});
