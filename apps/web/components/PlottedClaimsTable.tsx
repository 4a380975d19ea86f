import type { Metric, ReviewStatus } from "@headcount/shared";
import Link from "next/link";
import type { PlotRow, PlotSeries } from "../lib/plot";
import { formatDate, formatValue, lower, METRIC_LABELS, STATUS_LABELS } from "../lib/vocabulary";

/** Rows of the plotted-claims table on one page. */
export const TABLE_PAGE_SIZE = 100;

/** How many pages the table of `total` rows has, and the page a URL asks for, within them. */
export function tablePage(
  requested: string | string[] | undefined,
  total: number,
): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / TABLE_PAGE_SIZE));
  const value = Array.isArray(requested) ? requested[0] : requested;
  const n = value && /^\d+$/.test(value) ? Number(value) : 1;
  return { page: Math.min(Math.max(n, 1), pages), pages };
}

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The accessible table behind the chart: one row per plotted claim, with its data-claim-id and a link to
 * its quote, newest first, a page at a time (the chart itself opens any claim with one click). A page is
 * a URL (`page`), so it works without JavaScript and can be shared.
 */
export function PlottedClaimsTable({
  rows,
  series,
  groupNoun,
  page,
  pageHref,
}: {
  /** Every plotted claim, in drawing order (oldest first). */
  rows: PlotRow[];
  series: PlotSeries[];
  groupNoun: "source" | "side";
  page: number;
  /** The overview's URL showing another page of the table. */
  pageHref: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(rows.length / TABLE_PAGE_SIZE));
  const end = rows.length - (page - 1) * TABLE_PAGE_SIZE;
  const start = Math.max(0, end - TABLE_PAGE_SIZE);
  const shown = rows.slice(start, end).reverse();
  const first = (page - 1) * TABLE_PAGE_SIZE + 1;
  const position =
    pages > 1
      ? `Rows ${count(first)}–${count(first + shown.length - 1)} of ${count(rows.length)}, newest first (page ${count(page)} of ${count(pages)}).`
      : `${count(rows.length)} row${rows.length === 1 ? "" : "s"}, newest first.`;
  return (
    <>
      <p className="muted" data-testid="chart-table-position">
        {position}
      </p>
      <table className="data" data-testid="chart-table" style={{ tableLayout: "fixed" }}>
        <caption className="sr-only">Claims plotted in the chart above, newest first. {position}</caption>
        <colgroup>
          <col style={{ width: "15%" }} />
          <col style={{ width: "20%" }} />
          <col style={{ width: "13%" }} />
          <col style={{ width: "22%" }} />
          <col style={{ width: "16%" }} />
          <col style={{ width: "14%" }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Said</th>
            <th scope="col">Value</th>
            <th scope="col">Metric</th>
            <th scope="col">{groupNoun === "side" ? "Side" : "Source"}</th>
            <th scope="col">Review</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(
            ([
              claimId,
              date,
              precision,
              qualifier,
              low,
              high,
              best,
              index,
              reviewStatus,
              display,
              metric,
            ]) => {
              const line = series[index];
              const status = lower<ReviewStatus>(reviewStatus);
              return (
                <tr key={claimId} data-claim-id={claimId}>
                  <td>{formatDate(date, precision)}</td>
                  <td className="num figure">{display}</td>
                  <td>{METRIC_LABELS[lower<Metric>(metric)]}</td>
                  <td>
                    <span className="swatch" style={{ background: line?.colour }} aria-hidden="true" />
                    {line?.label}
                  </td>
                  <td>
                    <span className={`badge badge-${status}`}>{STATUS_LABELS[status]}</span>
                  </td>
                  <td>
                    <Link href={`/claims/${encodeURIComponent(claimId)}`} prefetch={false}>
                      Quote
                      <span className="sr-only">
                        {" "}
                        for {formatValue({ low, high, best, qualifier })}, {line?.label}
                      </span>
                    </Link>
                  </td>
                </tr>
              );
            },
          )}
        </tbody>
      </table>
      {pages > 1 && (
        <nav className="pager" aria-label="Pages of the plotted claims" data-testid="chart-table-pager">
          {page > 1 && <Link href={pageHref(1)}>Newest</Link>}
          {page > 1 && (
            <Link href={pageHref(page - 1)} rel="prev">
              ← Newer
            </Link>
          )}
          {page < pages && (
            <Link href={pageHref(page + 1)} rel="next">
              Older →
            </Link>
          )}
          {page < pages && <Link href={pageHref(pages)}>Oldest</Link>}
        </nav>
      )}
    </>
  );
}
