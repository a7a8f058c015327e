import type { AccountStatus, User } from "../../api/client";
import { Button } from "../../components/forms";
import { formatDateTime } from "../../lib/labels";

const PASSWORD_TEXT: Record<AccountStatus, string> = {
  set_up: "Chosen by them",
  invited: "Not chosen yet: they have a set-up link that still works",
  not_set_up: "Not chosen yet: send them a set-up link so they can choose one",
};

/** Whether the person can sign in, and the buttons to reset their password or (de)activate them. */
export function AccountSection({
  user,
  manage,
  isSelf,
  busy,
  onReset,
  canInvite,
  onInvite,
  onDeactivate,
  onReactivate,
}: {
  user: User;
  manage: boolean;
  /** No one deactivates themselves. */
  isSelf: boolean;
  busy: boolean;
  onReset: () => void;
  /** Whether a set-up link may be issued for them (the server's `can.invite`). */
  canInvite: boolean;
  onInvite: () => void;
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
        <dd>{PASSWORD_TEXT[user.account_status]}</dd>
        <dt>Added</dt>
        <dd>{formatDateTime(user.created_at)}</dd>
      </dl>
      {manage && (
        <div className="button-row">
          {canInvite && (
            <Button onClick={onInvite} disabled={busy}>
              {user.account_status === "set_up" ? "Send a link to choose a new password" : "Send a set-up link"}
            </Button>
          )}
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
