/** Tables of rows, one column definition each, that stack into labelled blocks on narrow screens. */
import type { ReactNode } from "react";
import { Loaded } from "./Page";
import { Pager } from "./Pager";

export interface Column<T> {
  /** The column heading; each cell also carries it as `data-label`, shown beside the value when stacked. */
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
  /** The heading is for screen readers only and the stacked cell has no label (a column of buttons). */
  hideHeader?: boolean;
}

export interface DataTableProps<T> {
  caption: ReactNode;
  /** `false` leaves a column out, so a column can depend on a condition. */
  columns: (Column<T> | false)[];
  rows: T[];
  rowKey: (row: T, index: number) => string;
  /** Said in a paragraph instead of the table when there are no rows. */
  empty?: ReactNode;
  /** Show the caption; most tables sit under a heading that says the same, so it is read out only. */
  showCaption?: boolean;
}

export function DataTable<T>({ caption, columns, rows, rowKey, empty, showCaption = false }: DataTableProps<T>) {
  if (rows.length === 0 && empty !== undefined) return <p>{empty}</p>;
  const shown = columns.filter((column): column is Column<T> => column !== false);
  return (
    <div className="table-wrap table-wrap--stack">
      <table>
        <caption className={showCaption ? undefined : "visually-hidden"}>{caption}</caption>
        <thead>
          <tr>
            {shown.map((column) => (
              <th scope="col" key={column.header}>
                {column.hideHeader ? <span className="visually-hidden">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {shown.map((column) => (
                <td key={column.header} data-label={column.hideHeader ? undefined : column.header} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One page of an API list, as the lists return it. */
export interface ListPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** An API list page as a table: its error, a loading line, the table (or `empty`) and the pager. */
export function PagedTable<T>({
  list,
  loading,
  pagerLabel,
  onPage,
  ...table
}: Omit<DataTableProps<T>, "rows" | "empty"> & {
  list: { data: ListPage<T> | null; error: string | null };
  /** The loading line, like "Loading people". */
  loading: string;
  empty: ReactNode;
  /** Names the pager's navigation ("People pages"). */
  pagerLabel: string;
  onPage: (offset: number) => void;
}) {
  return (
    <Loaded load={list} what={loading}>
      {(data) => (
        <>
          <DataTable {...table} rows={data.items} />
          <Pager label={pagerLabel} total={data.total} limit={data.limit} offset={data.offset} onChange={onPage} />
        </>
      )}
    </Loaded>
  );
}
