/** The resource library: search with filters (a form, sent with its button), bookmarks, and the way to add one. */
import { type FormEvent } from "react";
import { Link } from "react-router";
import { api, PAGE_SIZE, unwrap, type Audience, type ResourceKind, type ResourcePhase, type Theme } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { Button, SelectField, TextField } from "../components/forms";
import { Loaded, LocationNotice, Page } from "../components/Page";
import { Pager } from "../components/Pager";
import { ResourceList } from "../components/ResourceList";
import { useForm } from "../components/useForm";
import { useListParams } from "../components/useListParams";
import { useLoad } from "../components/useLoad";
import { labelChoices } from "../lib/labels";
import { STANDARDS } from "../lib/observations";
import { AUDIENCE_LABELS, AUDIENCES, KIND_LABELS, KINDS, RESOURCE_PHASE_LABELS, RESOURCE_PHASES, THEME_LABELS, THEMES } from "../lib/resources";

const FILTERS = ["q", "kind", "theme", "audience", "phase", "standard"] as const;
type Filter = (typeof FILTERS)[number];

export function ResourcesPage({ bookmarks = false }: { bookmarks?: boolean }) {
  const { has } = useAuth();
  const { params, offset, goTo, applyFilters } = useListParams();
  const current = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ""])) as Record<Filter, string>;
  const form = useForm<Filter>(current);
  const key = params.toString();
  const list = useLoad(
    () =>
      unwrap(
        api.GET("/api/v1/resources", {
          params: {
            query: {
              q: current.q || undefined,
              kind: (current.kind || undefined) as ResourceKind | undefined,
              theme: (current.theme || undefined) as Theme | undefined,
              audience: (current.audience || undefined) as Audience | undefined,
              phase: (current.phase || undefined) as ResourcePhase | undefined,
              standard: current.standard ? Number(current.standard) : undefined,
              bookmarked: bookmarks || undefined,
              limit: PAGE_SIZE,
              offset,
            },
          },
        }),
      ),
    [key, bookmarks],
  );
  const searching = FILTERS.some((f) => current[f]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    applyFilters(form.values);
  }

  function clear() {
    form.setValues(Object.fromEntries(FILTERS.map((f) => [f, ""])) as Record<Filter, string>);
    applyFilters({});
  }

  const title = bookmarks ? "Your bookmarks" : "Resource library";
  return (
    <Page title={title} lead={bookmarks ? "Resources you have bookmarked." : "Reading, courses and videos for mentors, mentees and leads, kept by your trust and school."}>
      <LocationNotice />
      <p className="button-row">
        {bookmarks ? <Link to="/resources">Back to the library</Link> : <Link to="/resources/bookmarks">Your bookmarks</Link>}
        <Link to="/resources/themes">Three things you can do right now</Link>
        {has("resources:write") && (
          <Link className="button button--primary" to="/resources/new">
            Add a resource
          </Link>
        )}
      </p>
      <form className="filters" onSubmit={onSubmit} role="search" aria-label={bookmarks ? "Search your bookmarks" : "Search the library"}>
        <TextField label="Search" type="search" hint="Words from the title, summary or publisher." maxLength={1000} {...form.field("q")} />
        <SelectField label="Kind" blank="Any kind" options={labelChoices(KINDS, KIND_LABELS)} {...form.field("kind")} />
        <SelectField label="Theme" blank="Any theme" options={labelChoices(THEMES, THEME_LABELS)} {...form.field("theme")} />
        <SelectField label="For" blank="Anyone" options={labelChoices(AUDIENCES, AUDIENCE_LABELS)} {...form.field("audience")} />
        <SelectField label="Phase" blank="Any phase" options={labelChoices(RESOURCE_PHASES, RESOURCE_PHASE_LABELS)} {...form.field("phase")} />
        <SelectField
          label="Teachers’ Standard"
          blank="Any standard"
          options={Object.entries(STANDARDS).map(([n, label]) => ({ value: n, label: `TS${n} ${label}` }))}
          {...form.field("standard")}
        />
        <div className="button-row">
          <Button type="submit">Search</Button>
          {searching && (
            <Button variant="secondary" onClick={clear}>
              Clear search
            </Button>
          )}
        </div>
      </form>
      {current.theme && <ThemeNow theme={current.theme as Theme} />}
      <section className="section" aria-labelledby="results-heading">
        <h2 id="results-heading">{searching ? "Results" : bookmarks ? "Bookmarked" : "All resources"}</h2>
        <Loaded load={list} what="Loading resources">
          {(page) => (
            <>
              {page.items.length === 0 ? (
                <p role="status">{searching ? "No resources match. Try fewer or other words, or clear the filters." : bookmarks ? "You have no bookmarks yet. Open a resource and bookmark it to find it here." : "The library is empty."}</p>
              ) : (
                <ResourceList resources={page.items} />
              )}
              <Pager total={page.total} limit={page.limit} offset={page.offset} onChange={goTo} label="Resources" />
            </>
          )}
        </Loaded>
      </section>
    </Page>
  );
}

export function BookmarksPage() {
  return <ResourcesPage bookmarks />;
}

/** The chosen theme's three things you can do right now, above its resources. */
function ThemeNow({ theme }: { theme: Theme }) {
  const themes = useLoad(() => unwrap(api.GET("/api/v1/resource-themes", { params: { query: { limit: 100 } } })), []);
  const chosen = themes.data?.items.find((t) => t.theme === theme);
  if (!chosen) return null;
  return (
    <section className="section card" aria-labelledby="now-heading">
      <h2 id="now-heading">{chosen.label}: three things you can do right now</h2>
      <ol>
        {chosen.prompts.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ol>
    </section>
  );
}
