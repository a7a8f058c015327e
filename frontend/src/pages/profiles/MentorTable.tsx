import type { MentorProfile } from "../../api/client";
import { DataTable } from "../../components/DataTable";
import { PHASE_LABELS } from "../../lib/labels";
import { datesColumn, editColumn } from "./profileColumns";

export function MentorTable({ profiles, onEdit }: { profiles: MentorProfile[]; onEdit: (profile: MentorProfile) => void }) {
  return (
    <DataTable
      caption="Mentor profiles"
      rows={profiles}
      rowKey={(p) => p.id}
      empty="No mentor profiles yet."
      columns={[
        { header: "Name", cell: (p) => p.user.full_name },
        { header: "Subjects", cell: (p) => p.subjects.join(", ") || "–" },
        { header: "Phase", cell: (p) => (p.phase ? PHASE_LABELS[p.phase] : "–") },
        { header: "Trained", cell: (p) => (p.trained ? "Yes" : "Not yet") },
        datesColumn(),
        editColumn("mentor", onEdit),
      ]}
    />
  );
}
