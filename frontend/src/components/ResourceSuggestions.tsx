/** Resources suggested by a mentee's open targets: on the mentee's home and their pairing page. */
import { Link } from "react-router";
import { api, unwrap } from "../api/client";
import { Loaded } from "./Page";
import { ResourceList } from "./ResourceList";
import { useLoad } from "./useLoad";

/** `brief`: the first three, titles and reasons only (for pages that must fit a phone). */
export function ResourceSuggestions({ menteeId, forMentee, brief = false }: { menteeId: string; forMentee: boolean; brief?: boolean }) {
  const suggested = useLoad(
    () => unwrap(api.GET("/api/v1/mentees/{mentee_id}/resource-suggestions", { params: { path: { mentee_id: menteeId }, query: { limit: brief ? 3 : 6 } } })),
    [menteeId, brief],
  );
  const whose = forMentee ? "your" : "the mentee's";
  return (
    <section className="section" aria-labelledby="suggested-heading">
      <h2 id="suggested-heading">Suggested reading</h2>
      <p>
        From the library, for {whose} open targets. <Link to="/resources">Browse the library</Link>
      </p>
      <Loaded load={suggested} what="Loading suggestions">
        {(page) =>
          page.items.length === 0 ? (
            <p>No suggestions yet: they follow {whose} open targets.</p>
          ) : brief ? (
            <ul>
              {page.items.map((r) => (
                <li key={r.id}>
                  <Link to={`/resources/${r.id}`}>{r.title}</Link> <span className="hint">Why: {r.reasons.join("; ")}</span>
                </li>
              ))}
            </ul>
          ) : (
            <ResourceList resources={page.items} reasons={(r) => page.items.find((s) => s.id === r.id)?.reasons ?? []} />
          )
        }
      </Loaded>
    </section>
  );
}
