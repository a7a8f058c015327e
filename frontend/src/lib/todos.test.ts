import { describe, expect, it } from "vitest";
import type { Todo } from "../api/client";
import { groupTodos, todoRoute } from "./todos";

const todo = (fields: Partial<Todo>): Todo => ({
  kind: "meeting.upcoming",
  text: "Your meeting with Sam this week is on Wednesday 2 Dec 2026 at 15:30.",
  due_on: null,
  target_type: "meeting",
  target_id: "m1",
  group: "coming_up",
  ...fields,
});

describe("where a to-do opens", () => {
  it("opens its target's page", () => {
    expect(todoRoute(todo({}))).toBe("/meetings/m1");
    expect(todoRoute(todo({ kind: "x", target_type: "pairing", target_id: "p1" }))).toBe("/pairings/p1");
    expect(todoRoute(todo({ kind: "x", target_type: "user", target_id: "u1" }))).toBe("/people/u1");
    expect(todoRoute(todo({ kind: "x", target_type: "school", target_id: "s1" }))).toBe("/people?school=s1");
  });

  it("opens the page to act on for kinds that have one", () => {
    expect(todoRoute(todo({ kind: "agreement.to_set_up", target_type: "pairing", target_id: "p1" }))).toBe("/pairings/p1/agreement");
    expect(todoRoute(todo({ kind: "agreement.to_agree", target_type: "pairing", target_id: "p1" }))).toBe("/pairings/p1");
    expect(todoRoute(todo({ kind: "slot.missing", target_type: "pairing", target_id: "p1" }))).toBe("/pairings/p1/slots/new");
    expect(todoRoute(todo({ kind: "meetings.on_closure_day", target_type: "school", target_id: "s1" }))).toBe("/schools/s1/term-dates");
    expect(todoRoute(todo({ kind: "observation.to_record", target_type: "observation", target_id: "o1" }))).toBe("/observations/o1");
  });

  it("has no page for a target it does not know", () => {
    expect(todoRoute(todo({ kind: "review.to_write", target_type: "review" as Todo["target_type"] }))).toBeNull();
  });
});

describe("grouping to-dos", () => {
  it("puts overdue first, then to do, then coming up, without empty groups", () => {
    const groups = groupTodos([
      todo({ target_id: "a", group: "coming_up" }),
      todo({ target_id: "b", group: "overdue" }),
      todo({ target_id: "c", group: "overdue" }),
    ]);
    expect(groups.map((g) => [g.heading, g.items.map((t) => t.target_id)])).toEqual([
      ["Overdue", ["b", "c"]],
      ["Coming up", ["a"]],
    ]);
  });

  it("keeps a to-do of a group it does not know, under To do", () => {
    const groups = groupTodos([todo({ group: "someday" as Todo["group"] })]);
    expect(groups.map((g) => g.heading)).toEqual(["To do"]);
  });
});
