import type { MenteeProfile } from "../../api/client";
import { DataTable } from "../../components/DataTable";
import { PATHWAY_LABELS } from "../../lib/mentoring";
import { datesColumn, editColumn } from "./profileColumns";

export function MenteeTable({ profiles, onEdit }: { profiles: MenteeProfile[]; onEdit: (profile: MenteeProfile) => void }) {
  return (
    <DataTable
      caption="Mentee profiles"
      rows={profiles}
      rowKey={(p) => p.id}
      empty="No mentee profiles yet."
      columns={[
        { header: "Name", cell: (p) => p.user.full_name },
        { header: "Pathway", cell: (p) => `${PATHWAY_LABELS[p.pathway]}${p.induction_year ? `, year ${p.induction_year}` : ""}` },
        { header: "Programme and provider", cell: (p) => [p.programme, p.provider].filter(Boolean).join(", ") || "–" },
        { header: "Subject", cell: (p) => p.subject ?? "–" },
        datesColumn(),
        editColumn("mentee", onEdit),
      ]}
    />
  );
}
