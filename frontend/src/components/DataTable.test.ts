import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type DataTableProps } from "./DataTable";

interface Row {
  id: string;
  name: string;
}

const rows: Row[] = [
  { id: "1", name: "Ada" },
  { id: "2", name: "Ben" },
];

function render(props: Partial<DataTableProps<Row>>): string {
  return renderToStaticMarkup(
    createElement(DataTable<Row>, {
      caption: "People",
      rows,
      rowKey: (row) => row.id,
      columns: [{ header: "Name", cell: (row) => row.name }],
      ...props,
    }),
  );
}

describe("DataTable", () => {
  it("labels every cell with its column's heading, for the stacked layout on narrow screens", () => {
    const html = render({});
    expect(html).toContain('<div class="table-wrap table-wrap--stack"><table><caption class="visually-hidden">People</caption>');
    expect(html).toContain('<th scope="col">Name</th>');
    expect(html).toContain('<td data-label="Name">Ada</td>');
    expect(html).toContain('<td data-label="Name">Ben</td>');
  });

  it("gives a column of buttons a heading for screen readers only and no label beside its cells", () => {
    const html = render({ columns: [{ header: "Change", hideHeader: true, cell: () => "Edit" }] });
    expect(html).toContain('<th scope="col"><span class="visually-hidden">Change</span></th>');
    expect(html).toContain("<td>Edit</td>");
  });

  it("leaves out columns given as false and shows the caption when asked", () => {
    const html = render({ showCaption: true, columns: [false, { header: "Name", className: "mono", cell: (row) => row.name }] });
    expect(html).toContain("<caption>People</caption>");
    expect(html.match(/<th /g)).toHaveLength(1);
    expect(html).toContain('<td data-label="Name" class="mono">Ada</td>');
  });

  it("says the empty state instead of an empty table", () => {
    expect(render({ rows: [], empty: "No one matches." })).toBe("<p>No one matches.</p>");
  });
});
