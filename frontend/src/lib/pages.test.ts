import { describe, expect, it } from "vitest";
import { MAX_PAGE } from "../api/client";
import { allPages, type PageRequest } from "./pages";

function list(total: number, shrinkTo = total) {
  const asked: PageRequest[] = [];
  const fetchPage = async (page: PageRequest) => {
    asked.push(page);
    const rows = Array.from({ length: asked.length > 1 ? shrinkTo : total }, (_, i) => i);
    return { items: rows.slice(page.offset, page.offset + page.limit), total: asked.length > 1 ? shrinkTo : total };
  };
  return { asked, fetchPage };
}

describe("reading a whole list", () => {
  it("asks for one page when the list fits", async () => {
    const { asked, fetchPage } = list(3);
    expect(await allPages(fetchPage)).toEqual([0, 1, 2]);
    expect(asked).toEqual([{ limit: MAX_PAGE, offset: 0 }]);
  });

  it("asks for the following pages until it has every item", async () => {
    const { asked, fetchPage } = list(MAX_PAGE * 2 + 1);
    const all = await allPages(fetchPage);
    expect(all).toHaveLength(MAX_PAGE * 2 + 1);
    expect(all[MAX_PAGE * 2]).toBe(MAX_PAGE * 2);
    expect(asked.map((p) => p.offset)).toEqual([0, MAX_PAGE, MAX_PAGE * 2]);
  });

  it("stops when a list shrinks while it is being read", async () => {
    const { asked, fetchPage } = list(MAX_PAGE + 5, 10);
    expect(await allPages(fetchPage)).toHaveLength(MAX_PAGE);
    expect(asked).toHaveLength(2);
  });

  it("answers an empty list with one question", async () => {
    const { asked, fetchPage } = list(0);
    expect(await allPages(fetchPage)).toEqual([]);
    expect(asked).toHaveLength(1);
  });
});
