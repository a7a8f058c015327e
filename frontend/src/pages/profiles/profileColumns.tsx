/** Columns both profile tables have. */
import type { Column } from "../../components/DataTable";
import { Button } from "../../components/forms";
import { profileDates } from "./profileFields";

interface Profile {
  id: string;
  user: { full_name: string };
  starts_on: string;
  ends_on: string | null;
}

export function datesColumn<P extends Profile>(): Column<P> {
  return { header: "Dates", cell: profileDates };
}

/** The row's Edit button; its id lets focus come back to it when the edit form closes. */
export function editColumn<P extends Profile>(kind: "mentor" | "mentee", onEdit: (profile: P) => void): Column<P> {
  return {
    header: "Change",
    hideHeader: true,
    cell: (profile) => (
      <Button variant="link" id={`edit-${profile.id}`} onClick={() => onEdit(profile)}>
        Edit<span className="visually-hidden"> {profile.user.full_name}'s {kind} profile</span>
      </Button>
    ),
  };
}
