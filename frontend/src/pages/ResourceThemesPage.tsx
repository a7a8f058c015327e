/** For each theme, three things you can do right now, and a way into the library's resources on it. */
import { Link } from "react-router";
import { api, unwrap } from "../api/client";
import { Loaded, Page } from "../components/Page";
import { useLoad } from "../components/useLoad";

export function ResourceThemesPage() {
  const themes = useLoad(() => unwrap(api.GET("/api/v1/resource-themes", { params: { query: { limit: 100 } } })), []);
  return (
    <Page title="Three things you can do right now" lead="Short, practical ideas for each theme of the library.">
      <p>
        <Link to="/resources">Back to the library</Link>
      </p>
      <Loaded load={themes} what="Loading the themes">
        {(page) => (
          <ul className="cards theme-prompts">
            {page.items.map((t) => (
              <li key={t.theme} className="card" id={`theme-${t.theme}`}>
                <h2 className="card__title">{t.label}</h2>
                <ol>
                  {t.prompts.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ol>
                <Link to={`/resources?theme=${t.theme}`}>
                  Resources on {t.label.toLowerCase()}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </Page>
  );
}
