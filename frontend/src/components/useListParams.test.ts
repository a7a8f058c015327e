import { describe, expect, it } from "vitest";
import { filterParams } from "./useListParams";

describe("a list's filters in the address", () => {
  it("leaves out empty and default values, trims what is typed and starts from the first page", () => {
    const next = filterParams(new URLSearchParams("q=old&offset=50"), { q: "  Hill ", role: "", status: "active" }, { status: "active" });
    expect(next.toString()).toBe("q=Hill");
  });

  it("keeps a value that differs from a non-empty default, even when it is empty", () => {
    // A lead's people list defaults to their school; "Any school" must then be said in the address.
    const next = filterParams(new URLSearchParams(), { school: "", status: "all" }, { school: "s-1", status: "active" });
    expect(next.toString()).toBe("school=&status=all");
  });

  it("can keep the address's other parameters, dropping a filter set back to its default", () => {
    const current = new URLSearchParams("school=s-2&show=all&offset=25");
    expect(filterParams(current, { show: "active" }, { show: "active" }, true).toString()).toBe("school=s-2");
    expect(filterParams(new URLSearchParams("school=s-2"), { show: "all" }, { show: "active" }, true).toString()).toBe("school=s-2&show=all");
  });
});
