/** One resource: what it is, its link, its tags, a bookmark, and (for those who keep it) edit and remove. */
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap, type ResourceDetail } from "../api/client";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { Button } from "../components/forms";
import { LoadFailed, Loading, LocationNotice, Notice, Page, type Message } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { standardsText } from "../lib/observations";
import { AUDIENCE_LABELS, KIND_LABELS, RESOURCE_PHASE_LABELS, safeHref, THEME_LABELS } from "../lib/resources";

export function ResourcePage() {
  const { resourceId = "" } = useParams();
  const loaded = useLoad(() => unwrap(api.GET("/api/v1/resources/{resource_id}", { params: { path: { resource_id: resourceId } } })), [resourceId]);
  if (loaded.error) return <LoadFailed title="Resource not found" error={loaded.error} backTo="/resources" back="Back to the library" />;
  if (!loaded.data) return <Loading what="Loading the resource" />;
  return <ResourceView key={loaded.data.id} resource={loaded.data} onChange={loaded.setData} />;
}

function ResourceView({ resource, onChange }: { resource: ResourceDetail; onChange: (r: ResourceDetail) => void }) {
  const navigate = useNavigate();
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const href = safeHref(resource.url);
  const path = { params: { path: { resource_id: resource.id } } };

  async function setBookmark(on: boolean) {
    setBusy(true);
    try {
      const saved = await unwrap(on ? api.PUT("/api/v1/resources/{resource_id}/bookmark", path) : api.DELETE("/api/v1/resources/{resource_id}/bookmark", path));
      onChange(saved);
      setMessage({ kind: "success", text: on ? "Bookmarked: find it under your bookmarks." : "Bookmark removed." });
    } catch (e) {
      setMessage({ kind: "error", text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await unwrap(api.DELETE("/api/v1/resources/{resource_id}", path));
      navigate("/resources", { state: { notice: `${resource.title} has been removed from the library.` } });
    } catch (e) {
      setConfirming(false);
      setMessage({ kind: "error", text: (e as Error).message });
      setBusy(false);
    }
  }

  const facts: [string, string][] = [
    ["Kind", KIND_LABELS[resource.kind]],
    ["Publisher or author", resource.publisher || "Not known"],
    ["Year", resource.year ? String(resource.year) : "Not known"],
    ["Themes", resource.themes.map((t) => THEME_LABELS[t]).join(", ") || "None"],
    ["For", resource.audiences.map((a) => AUDIENCE_LABELS[a]).join(", ") || "Anyone"],
    ["Phases", resource.phases.map((p) => RESOURCE_PHASE_LABELS[p]).join(", ") || "Any"],
    ["Teachers’ Standards", resource.standards.length ? standardsText(resource.standards) : "None named"],
    ["Kept", resource.school_id ? "By your school" : "Across the trust"],
  ];
  return (
    <Page title={resource.title} lead={resource.publisher || KIND_LABELS[resource.kind]}>
      <p>
        <Link to="/resources">Back to the library</Link>
      </p>
      <LocationNotice />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {resource.summary && <p className="prose resource-summary">{resource.summary}</p>}
      <p>
        {href ? (
          <a href={href} rel="noopener noreferrer" target="_blank">
            Open {resource.title}
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        ) : (
          "No link is recorded: search for the title, or ask whoever keeps the library."
        )}
      </p>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="button-row">
        {resource.can.bookmark &&
          (resource.bookmarked ? (
            <Button variant="secondary" disabled={busy} onClick={() => setBookmark(false)}>
              Remove bookmark
            </Button>
          ) : (
            <Button disabled={busy} onClick={() => setBookmark(true)}>
              Bookmark
            </Button>
          ))}
        {resource.can.edit && (
          <Link className="button button--secondary" to={`/resources/${resource.id}/edit`}>
            Edit<span className="visually-hidden"> {resource.title}</span>
          </Link>
        )}
        {resource.can.delete && (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Remove from the library
          </Button>
        )}
      </div>
      <ConfirmDialog open={confirming} title={`Remove ${resource.title}?`} confirmLabel="Remove resource" danger busy={busy} onConfirm={remove} onCancel={() => setConfirming(false)}>
        <p>It leaves the library for everyone, and so do its bookmarks.</p>
      </ConfirmDialog>
    </Page>
  );
}
