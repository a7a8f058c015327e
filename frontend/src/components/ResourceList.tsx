/** Resources as a list of cards: title (to its page), what it is, its summary and themes. */
import { Link } from "react-router";
import type { Resource } from "../api/client";
import { resourceByline, THEME_LABELS } from "../lib/resources";

export function ResourceList({ resources, headingLevel = 3, reasons }: { resources: Resource[]; headingLevel?: 2 | 3; reasons?: (r: Resource) => string[] }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="cards resource-list">
      {resources.map((r) => (
        <li key={r.id} className="card">
          <Heading className="card__title">
            <Link to={`/resources/${r.id}`}>{r.title}</Link>
          </Heading>
          <p className="resource-list__byline">
            {resourceByline(r)}
            {r.bookmarked && <span className="status status--active">Bookmarked</span>}
          </p>
          {r.summary && <p className="resource-list__summary">{r.summary}</p>}
          {reasons && reasons(r).length > 0 && <p className="hint">Why: {reasons(r).join("; ")}</p>}
          {r.themes.length > 0 && (
            <p className="hint">
              <span className="visually-hidden">Themes: </span>
              {r.themes.map((t) => THEME_LABELS[t]).join(", ")}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
