import type { TermDate } from "../../api/client";
import { DataTable } from "../../components/DataTable";
import { Button } from "../../components/forms";
import { formatDate, TERM_KIND_LABELS } from "../../lib/labels";

/** A school's terms and closures; those who manage them get Edit and Delete on each. */
export function TermDateTable({
  schoolName,
  terms,
  canManage,
  onEdit,
  onDelete,
}: {
  schoolName: string;
  terms: TermDate[];
  canManage: boolean;
  onEdit: (term: TermDate) => void;
  onDelete: (term: TermDate) => void;
}) {
  return (
    <DataTable
      caption={`Term dates for ${schoolName}`}
      rows={terms}
      rowKey={(term) => term.id}
      empty="No term dates yet."
      columns={[
        { header: "Name", cell: (term) => term.name },
        { header: "Kind", cell: (term) => TERM_KIND_LABELS[term.kind] },
        { header: "Starts", cell: (term) => formatDate(term.starts_on) },
        { header: "Ends", cell: (term) => formatDate(term.ends_on) },
        canManage && {
          header: "Actions",
          cell: (term) => (
            <div className="button-row">
              <Button variant="link" onClick={() => onEdit(term)}>
                Edit<span className="visually-hidden"> {term.name}</span>
              </Button>
              <Button variant="link" onClick={() => onDelete(term)}>
                Delete<span className="visually-hidden"> {term.name}</span>
              </Button>
            </div>
          ),
        },
      ]}
    />
  );
}
