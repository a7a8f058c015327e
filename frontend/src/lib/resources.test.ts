import { describe, expect, it } from "vitest";
import { linkProblem, resourceByline, safeHref } from "./resources";

describe("links", () => {
  it("takes web addresses only", () => {
    expect(linkProblem("https://example.org/a?b=c")).toBeNull();
    expect(linkProblem("http://10.0.0.1:8080/")).toBeNull();
    expect(linkProblem("")).toBeNull();
    expect(linkProblem("javascript:alert(1)")).toContain("javascript: link is not a web address");
    expect(linkProblem("data:text/html,x")).toContain("data: link");
    expect(linkProblem("example.org")).toContain("This link");
    expect(linkProblem("https://exa mple.org")).toContain("no spaces");
  });
  it("never puts another scheme in an href", () => {
    expect(safeHref("javascript:alert(1)")).toBeUndefined();
    expect(safeHref(null)).toBeUndefined();
    expect(safeHref("https://example.org")).toBe("https://example.org");
  });
  it("says what a resource is", () => {
    expect(resourceByline({ kind: "book", publisher: "Routledge", year: 2017 })).toBe("Book · Routledge · 2017");
    expect(resourceByline({ kind: "video", publisher: "", year: null })).toBe("Video");
  });
});
