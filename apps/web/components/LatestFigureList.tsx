import type { Metric, Rate } from "@headcount/shared";
import Link from "next/link";
import type { LatestPointData } from "../lib/queries";
import { formatDate, lower, metricName } from "../lib/vocabulary";

/** A source's newest figure, as the overview lists it beside the chart. */
export interface LatestFigure {
  /** The series key: the source's global ID, or "unattributed". */
  key: string;
  label: string;
  point: LatestPointData;
}

/** Sources listed at once; the rest (thousands at scale) stay one click away. */
export const LATEST_SHOWN = 12;

function LatestItem({ figure }: { figure: LatestFigure }) {
  const measure = metricName(lower<Metric>(figure.point.metric), lower<Rate>(figure.point.rate));
  return (
    <li>
      <span className="latest-source">{figure.label}</span>
      <Link href={`/claims/${encodeURIComponent(figure.point.claimId)}`} className="latest-value">
        {figure.point.display} <span className="latest-metric">{measure.toLowerCase()}</span>
      </Link>
      <span className="muted latest-date">{formatDate(figure.point.date, figure.point.precision)}</span>
    </li>
  );
}

/**
 * The latest figure of each source, in the order given: the first few listed, the others behind a summary.
 * With `allHref` (thousands of sources at scale), the others are not in the page until asked for: a link
 * to the same view listing all of them (`all`).
 */
export function LatestFigureList({
  figures,
  all = false,
  allHref,
}: {
  figures: LatestFigure[];
  all?: boolean;
  allHref?: string;
}) {
  if (figures.length === 0) return <p className="muted">None.</p>;
  const shown = figures.slice(0, LATEST_SHOWN);
  const rest = figures.slice(LATEST_SHOWN);
  const total = figures.length.toLocaleString("en-US");
  return (
    <>
      <ol className="latest">
        {shown.map((figure) => (
          <LatestItem key={figure.point.claimId} figure={figure} />
        ))}
      </ol>
      {rest.length > 0 &&
        (allHref && !all ? (
          <p className="latest-more">
            <Link href={allHref} prefetch={false} data-testid="latest-all">
              All {total} sources
            </Link>
          </p>
        ) : (
          <details className="latest-more" open={all}>
            <summary>All {total} sources</summary>
            <ol className="latest" start={LATEST_SHOWN + 1}>
              {rest.map((figure) => (
                <LatestItem key={figure.point.claimId} figure={figure} />
              ))}
            </ol>
          </details>
        ))}
    </>
  );
}
