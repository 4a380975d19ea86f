import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The search form above a list page: a text field for `q`, the list's own fields, and Search; Clear goes back
 * to the whole list once something is searched.
 */
export function ListSearchForm({
  label,
  className,
  textId,
  textLabel,
  q,
  clearHref,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  className: string;
  textId: string;
  textLabel: string;
  q: string;
  /** The unfiltered list, when a search is in force. */
  clearHref: string | null;
  children?: ReactNode;
}) {
  return (
    <form className={className} method="get" aria-label={label}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={textId}>{textLabel}</label>
          <input id={textId} type="search" name="q" defaultValue={q} />
        </div>
        {children}
        <div className="field actions">
          <button type="submit">Search</button>
          {clearHref && <Link href={clearHref}>Clear</Link>}
        </div>
      </div>
    </form>
  );
}
