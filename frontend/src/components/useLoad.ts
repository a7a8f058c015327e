/** Loads data for a screen; re-runs when `deps` change or on reload(). Ignores stale answers. */
import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const run = ++latest.current;
    setLoading(true);
    setError(null);
    load()
      .then((value) => {
        if (run === latest.current) setData(value);
      })
      .catch((e: unknown) => {
        if (run === latest.current) setError(e instanceof Error ? e.message : "Loading did not work.");
      })
      .finally(() => {
        if (run === latest.current) setLoading(false);
      });
    // `load` is rebuilt every render; deps say when it means something new.
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}
