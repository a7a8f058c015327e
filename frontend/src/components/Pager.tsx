import { Button } from "./forms";

/** "Showing 26–50 of 112" with Previous / Next. */
export function Pager({ total, limit, offset, onChange, label }: { total: number; limit: number; offset: number; onChange: (offset: number) => void; label: string }) {
  if (total === 0) return null;
  const first = offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <p role="status" className="pager__status">
        Showing {first}–{last} of {total}
      </p>
      {total > limit && (
        <div className="button-row">
          <Button variant="secondary" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
            Previous<span className="visually-hidden"> page</span>
          </Button>
          <Button variant="secondary" disabled={last >= total} onClick={() => onChange(offset + limit)}>
            Next<span className="visually-hidden"> page</span>
          </Button>
        </div>
      )}
    </nav>
  );
}
