import { useSearchParams } from "react-router";
import { api, MAX_PAGE, PAGE_SIZE, unwrap } from "../api/client";
import { Button, ErrorSummary, TextField } from "../components/forms";
import { Loading, Notice, Page } from "../components/Page";
import { Pager } from "../components/Pager";
import { useLoad } from "../components/useLoad";
import { dateOrderProblem, type Errors } from "../lib/validation";
import { formatDateTime } from "../lib/labels";
import { useForm } from "../components/useForm";

/** Dates typed as local calendar days become the UTC instants the API filters on. */
function startOfDay(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString();
}

function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59.999`).toISOString();
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const action = params.get("action") ?? "";
  const objectType = params.get("object_type") ?? "";
  const since = params.get("since") ?? "";
  const until = params.get("until") ?? "";
  const offset = Number(params.get("offset") ?? 0) || 0;
  const form = useForm({ action, object_type: objectType, since, until });

  const events = useLoad(
    () =>
      unwrap(
        api.GET("/api/v1/audit-events", {
          params: {
            query: {
              action: action || undefined,
              object_type: objectType || undefined,
              since: since ? startOfDay(since) : undefined,
              until: until ? endOfDay(until) : undefined,
              limit: PAGE_SIZE,
              offset,
            },
          },
        }),
      ),
    [action, objectType, since, until, offset],
  );
  // Names for the people who acted (a trust's people fit in one capped page).
  const people = useLoad(() => unwrap(api.GET("/api/v1/users", { params: { query: { limit: MAX_PAGE } } })), []);
  const names = new Map((people.data?.items ?? []).map((p) => [p.id, p.full_name]));

  async function apply(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      (values): Errors => {
        const problem = dateOrderProblem(values.since, values.until);
        return problem ? { until: problem } : {};
      },
      async (values) => {
        const next = new URLSearchParams();
        for (const key of ["action", "object_type", "since", "until"] as const) {
          if (values[key].trim()) next.set(key, values[key].trim());
        }
        setParams(next);
      },
    );
  }

  function goTo(nextOffset: number) {
    const next = new URLSearchParams(params);
    next.set("offset", String(nextOffset));
    setParams(next);
  }

  const data = events.data;
  return (
    <Page title="Audit log" lead="Every change anyone makes, newest first.">
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form className="filters" onSubmit={apply} role="search" aria-label="Filter the audit log" noValidate>
        <TextField label="Action" hint="For example user.created" {...form.field("action")} />
        <TextField label="Object type" hint="For example school" {...form.field("object_type")} />
        <TextField label="From" type="date" {...form.field("since")} />
        <TextField label="To" type="date" {...form.field("until")} />
        <div className="button-row">
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </div>
      </form>
      {events.error && <Notice kind="error">{events.error}</Notice>}
      {events.loading && !data && <Loading what="Loading the audit log" />}
      {data && data.items.length === 0 && <p>No events match.</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap table-wrap--stack">
          <table>
            <caption className="visually-hidden">Audit events</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Object</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((event) => (
                <tr key={event.id}>
                  <td data-label="When">{formatDateTime(event.occurred_at)}</td>
                  <td data-label="Who">
                    {event.actor_id ? (names.get(event.actor_id) ?? <span className="mono">{event.actor_id}</span>) : event.actor_kind}
                  </td>
                  <td data-label="Action" className="mono">
                    {event.action}
                  </td>
                  <td data-label="Object">
                    {event.object_type}
                    {event.object_id && (
                      <>
                        {" "}
                        <span className="mono hint">{event.object_id.slice(0, 8)}</span>
                      </>
                    )}
                  </td>
                  <td data-label="Changes">
                    {Object.keys(event.changes).length === 0 ? (
                      "–"
                    ) : (
                      <details>
                        <summary>
                          {Object.keys(event.changes).length} field{Object.keys(event.changes).length === 1 ? "" : "s"}
                          <span className="visually-hidden"> changed by {event.action}</span>
                        </summary>
                        <pre>{JSON.stringify(event.changes, null, 2)}</pre>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager label="Audit log" total={data.total} limit={data.limit} offset={data.offset} onChange={goTo} />}
    </Page>
  );
}
