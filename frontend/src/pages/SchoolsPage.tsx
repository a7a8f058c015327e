import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, PAGE_SIZE, unwrap, type Phase } from "../api/client";
import { Button, SelectField, TextField } from "../components/forms";
import { Loading, Notice, Page } from "../components/Page";
import { Pager } from "../components/Pager";
import { useLoad } from "../components/useLoad";
import { PHASE_LABELS, PHASES } from "../lib/labels";

export function SchoolsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const phase = params.get("phase") ?? "";
  const status = params.get("status") ?? "active";
  const offset = Number(params.get("offset") ?? 0) || 0;
  const [draft, setDraft] = useState({ q, phase, status });

  const { data, error, loading } = useLoad(
    () =>
      unwrap(
        api.GET("/api/v1/schools", {
          params: {
            query: {
              q: q || undefined,
              phase: (phase || undefined) as Phase | undefined,
              active: status === "all" ? undefined : status === "active",
              limit: PAGE_SIZE,
              offset,
            },
          },
        }),
      ),
    [q, phase, status, offset],
  );

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set("q", draft.q.trim());
    if (draft.phase) next.set("phase", draft.phase);
    if (draft.status !== "active") next.set("status", draft.status);
    setParams(next);
  }

  function goTo(nextOffset: number) {
    const next = new URLSearchParams(params);
    next.set("offset", String(nextOffset));
    setParams(next);
  }

  return (
    <Page title="Schools">
      <div className="toolbar">
        <Link className="button button--primary" to="/schools/new">
          Add a school
        </Link>
      </div>
      <form className="filters" onSubmit={apply} role="search" aria-label="Filter schools">
        <TextField label="Name or URN" name="q" type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        <SelectField label="Phase" name="phase" value={draft.phase} onChange={(e) => setDraft({ ...draft, phase: e.target.value })}>
          <option value="">Any phase</option>
          {PHASES.map((p) => (
            <option key={p} value={p}>
              {PHASE_LABELS[p]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
          <option value="active">Active</option>
          <option value="inactive">Deactivated</option>
          <option value="all">All</option>
        </SelectField>
        <div className="button-row">
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {loading && !data && <Loading what="Loading schools" />}
      {data && data.items.length === 0 && <p>No schools match.</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap table-wrap--stack">
          <table>
            <caption className="visually-hidden">Schools</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">URN</th>
                <th scope="col">Phase</th>
                <th scope="col">Status</th>
                <th scope="col">Term dates</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((school) => (
                <tr key={school.id}>
                  <td data-label="Name">
                    <Link to={`/schools/${school.id}`}>{school.name}</Link>
                  </td>
                  <td data-label="URN">{school.urn}</td>
                  <td data-label="Phase">{PHASE_LABELS[school.phase]}</td>
                  <td data-label="Status">
                    <span className={`status ${school.active ? "status--active" : "status--inactive"}`}>
                      {school.active ? "Active" : "Deactivated"}
                    </span>
                  </td>
                  <td data-label="Term dates">
                    <Link to={`/schools/${school.id}/term-dates`}>
                      Term dates<span className="visually-hidden"> for {school.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager label="Schools" total={data.total} limit={data.limit} offset={data.offset} onChange={goTo} />}
    </Page>
  );
}
