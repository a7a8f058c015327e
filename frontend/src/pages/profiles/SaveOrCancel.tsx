import { Button } from "../../components/forms";

/** An edit form's buttons. */
export function SaveOrCancel({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  return (
    <div className="button-row">
      <Button type="submit" disabled={busy}>
        Save changes
      </Button>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}
