import { api, PAGE_SIZE, unwrap, type AuditEvent } from "../api/client";
import { PagedTable } from "../components/DataTable";
import { ErrorSummary, TextField } from "../components/forms";
import { FilterForm } from "../components/ListFilters";
import { Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { useListParams } from "../components/useListParams";
import { useLoad } from "../components/useLoad";
import { formatDateTime } from "../lib/labels";
import { dateOrderProblem, type Errors } from "../lib/validation";

/** Dates typed as local calendar days become the UTC instants the API filters on. */
function startOfDay(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString();
}

function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59.999`).toISOString();
}

export function AuditPage() {
  const { params, offset, goTo, applyFilters } = useListParams();
  const action = params.get("action") ?? "";
  const objectType = params.get("object_type") ?? "";
  const since = params.get("since") ?? "";
  const until = params.get("until") ?? "";
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

  async function apply(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      (values): Errors => {
        const problem = dateOrderProblem(values.since, values.until);
        return problem ? { until: problem } : {};
      },
      async (values) => applyFilters(values),
    );
  }

  return (
    <Page title="Audit log" lead="Every change anyone makes, newest first.">
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <FilterForm label="Filter the audit log" onSubmit={apply} noValidate>
        <TextField label="Action" hint="For example user.created" {...form.field("action")} />
        <TextField label="Object type" hint="For example school" {...form.field("object_type")} />
        <TextField label="From" type="date" {...form.field("since")} />
        <TextField label="To" type="date" {...form.field("until")} />
      </FilterForm>
      <PagedTable
        list={events}
        loading="Loading the audit log"
        empty="No events match."
        caption="Audit events"
        rowKey={(event) => event.id}
        columns={[
          { header: "When", cell: (event) => formatDateTime(event.occurred_at) },
          {
            header: "Who",
            cell: (event) => event.actor_name ?? (event.actor_id ? <span className="mono hint">{event.actor_kind} {event.actor_id.slice(0, 8)}</span> : event.actor_kind),
          },
          { header: "Action", className: "mono", cell: (event) => event.action },
          { header: "Object", cell: auditObject },
          { header: "Changes", cell: auditChanges },
        ]}
        pagerLabel="Audit log"
        onPage={goTo}
      />
    </Page>
  );
}

function auditObject(event: AuditEvent) {
  if (event.object_name) {
    return (
      <>
        {event.object_name} <span className="hint">({event.object_type})</span>
      </>
    );
  }
  return (
    <>
      {event.object_type}
      {event.object_id && (
        <>
          {" "}
          <span className="mono hint">{event.object_id.slice(0, 8)}</span>
        </>
      )}
    </>
  );
}

function auditChanges(event: AuditEvent) {
  const count = Object.keys(event.changes).length;
  if (count === 0) return "–";
  return (
    <details>
      <summary>
        {count} field{count === 1 ? "" : "s"}
        <span className="visually-hidden"> changed by {event.action}</span>
      </summary>
      <pre>{JSON.stringify(event.changes, null, 2)}</pre>
    </details>
  );
}
