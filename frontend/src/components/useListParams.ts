/** A list's filters and page kept in the address (`?role=mentor&offset=25`), so they survive a reload and can be shared. */
import { useSearchParams } from "react-router";

export function useListParams() {
  const [params, setParams] = useSearchParams();
  const offset = Number(params.get("offset") ?? 0) || 0;

  /** Shows the page of the list that starts at `offset`, with the same filters. */
  function goTo(nextOffset: number) {
    const next = new URLSearchParams(params);
    next.set("offset", String(nextOffset));
    setParams(next);
  }

  /**
   * Puts the filters in the address and goes back to the first page. Values are trimmed and left
   * out when they are the default (""); `keep` keeps the address's other parameters, like `?school=`.
   */
  function applyFilters(values: Record<string, string>, defaults: Record<string, string> = {}, keep = false) {
    const next = keep ? new URLSearchParams(params) : new URLSearchParams();
    next.delete("offset");
    for (const [key, value] of Object.entries(values)) {
      if (value.trim() !== (defaults[key] ?? "")) next.set(key, value.trim());
      else next.delete(key);
    }
    setParams(next);
  }

  return { params, offset, goTo, applyFilters };
}
