import type { User } from "../../api/client";
import { Button } from "../../components/forms";
import { formatDateTime } from "../../lib/labels";

/** Whether the person can sign in, and the buttons to reset their password or (de)activate them. */
export function AccountSection({
  user,
  manage,
  isSelf,
  busy,
  onReset,
  onDeactivate,
  onReactivate,
}: {
  user: User;
  manage: boolean;
  /** No one deactivates themselves. */
  isSelf: boolean;
  busy: boolean;
  onReset: () => void;
  onDeactivate: () => void;
  onReactivate: () => void;
}) {
  return (
    <section className="section" aria-labelledby="account-heading">
      <h2 id="account-heading">Account</h2>
      <dl className="summary-list">
        <dt>Status</dt>
        <dd>
          <span className={`status ${user.active ? "status--active" : "status--inactive"}`}>{user.active ? "Active" : "Deactivated"}</span>
        </dd>
        <dt>Password</dt>
        <dd>{user.must_change_password ? "Must choose a new password at next sign-in" : "Chosen by them"}</dd>
        <dt>Added</dt>
        <dd>{formatDateTime(user.created_at)}</dd>
      </dl>
      {manage && (
        <div className="button-row">
          <Button variant="secondary" onClick={onReset} disabled={busy || !user.active}>
            Reset password
          </Button>
          {user.active ? (
            !isSelf && (
              <Button variant="danger" onClick={onDeactivate} disabled={busy}>
                Deactivate
              </Button>
            )
          ) : (
            <Button variant="secondary" onClick={onReactivate} disabled={busy}>
              Reactivate
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
