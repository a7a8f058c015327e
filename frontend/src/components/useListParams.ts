/** A list's filters and page kept in the address (`?role=mentor&offset=25`), so they survive a reload and can be shared. */
import { useSearchParams } from "react-router";

/**
 * The address for a list after its filters are applied: back on the first page, each value
 * trimmed and left out when it is the default (""). `keep` keeps the address's other parameters,
 * like `?school=`.
 */
export function filterParams(
  current: URLSearchParams,
  values: Record<string, string>,
  defaults: Record<string, string> = {},
  keep = false,
): URLSearchParams {
  const next = keep ? new URLSearchParams(current) : new URLSearchParams();
  next.delete("offset");
  for (const [key, value] of Object.entries(values)) {
    if (value.trim() !== (defaults[key] ?? "")) next.set(key, value.trim());
    else next.delete(key);
  }
  return next;
}

export function useListParams() {
  const [params, setParams] = useSearchParams();
  const offset = Number(params.get("offset") ?? 0) || 0;

  /** Shows the page of the list that starts at `offset`, with the same filters. */
  function goTo(nextOffset: number) {
    const next = new URLSearchParams(params);
    next.set("offset", String(nextOffset));
    setParams(next);
  }

  function applyFilters(values: Record<string, string>, defaults: Record<string, string> = {}, keep = false) {
    setParams(filterParams(params, values, defaults, keep));
  }

  return { params, offset, goTo, applyFilters };
}
