import type { ReactNode } from "react";

/** A data table's column headings, in order; headings that are more than a word come as children. */
export function ColumnHeads({ columns, children }: { columns: readonly string[]; children?: ReactNode }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th scope="col" key={column}>
            {column}
          </th>
        ))}
        {children}
      </tr>
    </thead>
  );
}
