import { useState } from "react";
import { Link } from "react-router";
import { api, unwrap, type Agreement, type Pairing } from "../../api/client";
import { useAuth } from "../../auth/AuthContext";
import { Button } from "../../components/forms";
import { Badges } from "../../components/Meetings";
import { formatDateTime } from "../../lib/labels";
import { AgreementTermsList } from "./AgreementTermsList";

/** The current agreement, who has agreed it, the Agree button for whoever has not, and earlier versions. */
export function AgreementSection({
  pairing,
  versions,
  canAct,
  onAgreed,
  onError,
}: {
  pairing: Pairing;
  versions: Agreement[];
  canAct: boolean;
  onAgreed: (agreement: Agreement) => void;
  onError: (message: string) => void;
}) {
  const { me } = useAuth();
  const [busy, setBusy] = useState(false);
  const current = versions.find((a) => a.current) ?? null;
  const older = versions.filter((a) => !a.current);
  const mySide = me?.id === pairing.mentor.id ? "mentor" : me?.id === pairing.mentee.id ? "mentee" : null;
  const iHaveAgreed = current && mySide ? (mySide === "mentor" ? current.mentor_agreed_at : current.mentee_agreed_at) !== null : true;

  async function agree() {
    if (!current) return;
    setBusy(true);
    try {
      const agreed = await unwrap(api.POST("/api/v1/agreements/{agreement_id}/agree", { params: { path: { agreement_id: current.id } } }));
      onAgreed(agreed);
      document.getElementById("agreement-heading")?.focus();
    } catch (e) {
      onError(e instanceof Error ? e.message : "Agreeing did not work.");
    } finally {
      setBusy(false);
    }
  }

  if (!current) {
    return (
      <>
        <p>No agreement yet. Agree how you will work together at your first meeting.</p>
        {canAct && (
          <Link className="button button--primary" to={`/pairings/${pairing.id}/agreement`}>
            Start the first meeting guide
          </Link>
        )}
      </>
    );
  }

  return (
    <>
      <p>
        Version {current.version}, written {formatDateTime(current.created_at)}.{" "}
        <Badges badges={[current.agreed ? { text: "Agreed by both", tone: "active" } : { text: "Waiting for agreement", tone: "info" }]} />
      </p>
      <ul className="role-list">
        <li>{agreedLine(pairing.mentor.full_name, "mentor", current.mentor_agreed_at)}</li>
        <li>{agreedLine(pairing.mentee.full_name, "mentee", current.mentee_agreed_at)}</li>
      </ul>
      {mySide && !iHaveAgreed && (
        <div className="panel">
          <p>Read the terms below. Agreeing means you will both work this way until either of you proposes a change.</p>
          <Button onClick={agree} disabled={busy}>
            Agree version {current.version}
          </Button>
        </div>
      )}
      {/* Open until both have agreed; then one line away, so the page stays short. */}
      <details className="agreement-terms" open={!current.agreed}>
        <summary>The terms of version {current.version}</summary>
        <AgreementTermsList agreement={current} pairing={pairing} />
      </details>
      {canAct && (
        <p>
          <Link to={`/pairings/${pairing.id}/agreement`}>Change the agreement</Link>
        </p>
      )}
      {older.length > 0 && <EarlierVersions versions={older} />}
    </>
  );
}

function agreedLine(name: string, side: string, at: string | null): string {
  return at ? `${name} (${side}) agreed on ${formatDateTime(at)}` : `${name} (${side}) has not agreed yet`;
}

function EarlierVersions({ versions }: { versions: Agreement[] }) {
  return (
    <details>
      <summary>Earlier versions ({versions.length})</summary>
      <ul className="role-list">
        {versions.map((version) => (
          <li key={version.id}>
            Version {version.version}, written {formatDateTime(version.created_at)}: {version.agreed ? "agreed by both" : "not agreed by both"}. Replaced by a later
            version.
          </li>
        ))}
      </ul>
    </details>
  );
}
