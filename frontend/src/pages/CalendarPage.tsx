import { useEffect, useState } from "react";
import { api, unwrap, type Schemas } from "../api/client";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { Button } from "../components/forms";
import { Loading, Notice, Page } from "../components/Page";
import { SecretBox } from "../components/SecretBox";
import { useLoad } from "../components/useLoad";
import { formatDateTime } from "../lib/labels";

/** A secret calendar feed link, so mentoring meetings show in the person's own calendar app. */
export function CalendarPage() {
  const status = useLoad(() => unwrap(api.GET("/api/v1/me/calendar-feed")), []);
  // The link lives only in this component's state: leaving the page forgets it for good.
  const [created, setCreated] = useState<Schemas["FeedCreated"] | null>(null);
  const [dialog, setDialog] = useState<null | "replace" | "off">(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const active = status.data?.active ?? false;
  // After each change the buttons that were pressed go away: the new state's heading takes focus.
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    if (changes > 0) document.getElementById(created ? "new-link-heading" : "status-heading")?.focus();
  }, [changes]);

  async function create() {
    setBusy(true);
    setMessage(null);
    try {
      const feed = await unwrap(api.POST("/api/v1/me/calendar-feed"));
      setCreated(feed);
      status.setData({ active: true, created_at: feed.created_at, last_used_at: null });
      setChanges((n) => n + 1);
    } catch (e) {
      setMessage({ kind: "error", text: e instanceof Error ? e.message : "The link could not be made." });
    } finally {
      setBusy(false);
      setDialog(null);
    }
  }

  async function turnOff() {
    setBusy(true);
    setMessage(null);
    try {
      await unwrap(api.DELETE("/api/v1/me/calendar-feed"));
      setCreated(null);
      status.setData({ active: false, created_at: null, last_used_at: null });
      setMessage({ kind: "success", text: "Your calendar link has been turned off. Calendars subscribed to it stop updating." });
      setChanges((n) => n + 1);
    } catch (e) {
      setMessage({ kind: "error", text: e instanceof Error ? e.message : "The link could not be turned off." });
    } finally {
      setBusy(false);
      setDialog(null);
    }
  }

  return (
    <Page title="Calendar link">
      <p>
        Subscribe to your mentoring meetings from your calendar app (Outlook, Google Calendar, Apple Calendar). Moves and cancellations show up
        there by themselves.
      </p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {status.error && <Notice kind="error">{status.error}</Notice>}
      {!status.data && !status.error && <Loading what="Checking your calendar link" />}
      {created && (
        <section className="section" aria-labelledby="new-link-heading">
          <h2 id="new-link-heading" tabIndex={-1}>Your new calendar link</h2>
          <SecretBox
            label="Calendar link"
            secret={created.url}
            warning="This link is shown only once. Anyone with the link can see your mentoring meetings, so keep it to yourself."
          />
          <h3>How to subscribe</h3>
          <ol className="role-list">
            <li>Copy the link.</li>
            <li>In your calendar app, choose to add or subscribe to a calendar from the internet (by URL).</li>
            <li>Paste the link. Your meetings appear within a few hours and keep up to date.</li>
          </ol>
          <Button
            variant="secondary"
            onClick={() => {
              setCreated(null);
              setChanges((n) => n + 1);
            }}
          >
            I have subscribed: hide the link
          </Button>
        </section>
      )}
      {status.data && !created && (
        <section className="section" aria-labelledby="status-heading">
          <h2 id="status-heading" tabIndex={-1}>{active ? "Your link is on" : "You have no calendar link"}</h2>
          {active ? (
            <>
              <dl className="summary-list">
                <dt>Made</dt>
                <dd>{formatDateTime(status.data.created_at)}</dd>
                <dt>Last used</dt>
                <dd>{status.data.last_used_at ? formatDateTime(status.data.last_used_at) : "Not yet"}</dd>
              </dl>
              <p>The link cannot be shown again. If you have lost it, or someone else may have it, replace it.</p>
              <div className="button-row">
                <Button variant="secondary" onClick={() => setDialog("replace")} disabled={busy}>
                  Replace the link
                </Button>
                <Button variant="danger" onClick={() => setDialog("off")} disabled={busy}>
                  Turn off
                </Button>
              </div>
            </>
          ) : (
            <>
              <p>Make a link, then subscribe to it from your calendar app. Anyone with the link can see your mentoring meetings.</p>
              <Button onClick={create} disabled={busy}>
                Create a calendar link
              </Button>
            </>
          )}
        </section>
      )}
      {created && (
        <div className="button-row">
          <Button variant="danger" onClick={() => setDialog("off")} disabled={busy}>
            Turn off
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={dialog === "replace"}
        title="Replace your calendar link?"
        confirmLabel="Replace the link"
        busy={busy}
        onConfirm={create}
        onCancel={() => setDialog(null)}
      >
        <p>The old link stops working at once. Calendars subscribed to it stop updating until you subscribe to the new one.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "off"}
        title="Turn off your calendar link?"
        confirmLabel="Turn off"
        danger
        busy={busy}
        onConfirm={turnOff}
        onCancel={() => setDialog(null)}
      >
        <p>The link stops working at once. Your meetings stay in MentorHub.</p>
      </ConfirmDialog>
    </Page>
  );
}
