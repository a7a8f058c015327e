import type { User } from "../../api/client";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { roleText, type Membership } from "./roleText";

/** Which change to a person is waiting to be confirmed, if any. */
export type PendingChange = null | "deactivate" | "reset" | { remove: Membership };

/** The dialogs that confirm deactivating a person, resetting their password or removing a role. */
export function PersonDialogs({
  user,
  names,
  pending,
  busy,
  onDeactivate,
  onReset,
  onRemove,
  onCancel,
}: {
  user: User;
  names: Map<string, string>;
  pending: PendingChange;
  busy: boolean;
  onDeactivate: () => void;
  onReset: () => void;
  onRemove: (membership: Membership) => void;
  onCancel: () => void;
}) {
  const removing = typeof pending === "object" && pending !== null ? pending.remove : null;
  return (
    <>
      <ConfirmDialog
        open={pending === "deactivate"}
        title={`Deactivate ${user.full_name}?`}
        confirmLabel="Deactivate"
        danger
        busy={busy}
        onConfirm={onDeactivate}
        onCancel={onCancel}
      >
        <p>They will be signed out and cannot sign in until someone reactivates them. Their records stay.</p>
      </ConfirmDialog>
      <ConfirmDialog open={pending === "reset"} title={`Reset ${user.full_name}'s password?`} confirmLabel="Reset password" busy={busy} onConfirm={onReset} onCancel={onCancel}>
        <p>Their current password stops working and they are signed out. You will see a new initial password once.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this role?"
        confirmLabel="Remove role"
        danger
        busy={busy}
        onConfirm={() => removing && onRemove(removing)}
        onCancel={onCancel}
      >
        <p>{removing ? `${user.full_name} will no longer be ${roleText(removing, names)}.` : ""}</p>
      </ConfirmDialog>
    </>
  );
}
