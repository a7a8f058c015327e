/** Reading a whole list from the API, one page at a time. */
import { MAX_PAGE } from "../api/client";

export interface PageRequest {
  limit: number;
  offset: number;
}

/** Every item of a list: asks for the largest pages the server answers until it has them all
 * (or a page comes back empty, so a list that shrinks meanwhile cannot loop). */
export async function allPages<T>(fetchPage: (page: PageRequest) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const all: T[] = [];
  for (;;) {
    const page = await fetchPage({ limit: MAX_PAGE, offset: all.length });
    all.push(...page.items);
    if (page.items.length === 0 || all.length >= page.total) return all;
  }
}
