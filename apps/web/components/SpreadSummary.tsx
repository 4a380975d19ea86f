import Link from "next/link";
import type { Spread } from "../lib/spread";
import { COMPARABLE_DAYS, LEFT_OUT_REASONS } from "../lib/spread";
import { formatDate } from "../lib/vocabulary";

const number = (n: number) => n.toLocaleString("en-US");

/** Figures left out of the spread listed at once when the view does not ask for all of them. */
const LEFT_OUT_SHOWN = 12;

/**
 * The spread between sources' latest figures, saying exactly what it compares (metric, forces, period),
 * or why there is none. Never a ratio between figures that measure different things.
 */
export function SpreadSummary({
  spread,
  measure,
  subjectNames,
  all = true,
  allHref,
}: {
  spread: Spread;
  measure: string;
  subjectNames: Map<string, string>;
  /** Whether to list every figure left out; else the first few and a link to the view that lists all. */
  all?: boolean;
  allHref?: string;
}) {
  const listed = all || !allHref ? spread.leftOut : spread.leftOut.slice(0, LEFT_OUT_SHOWN);
  const leftOut =
    spread.leftOut.length > 0 ? (
      <details className="spread-left-out" data-testid="spread-left-out">
        <summary>
          {number(spread.leftOut.length)} latest figure{spread.leftOut.length === 1 ? "" : "s"} not compared
        </summary>
        <ul>
          {listed.map(({ figure, reason }) => (
            <li key={figure.point.claimId}>
              {figure.label}: {figure.point.display} — {LEFT_OUT_REASONS[reason]}
            </li>
          ))}
        </ul>
        {listed.length < spread.leftOut.length && allHref && (
          <p>
            <Link href={allHref} prefetch={false}>
              All {number(spread.leftOut.length)}
            </Link>
          </p>
        )}
      </details>
    ) : null;
  if (!spread.shown) {
    return (
      <div data-testid="spread" data-compared="">
        <p className="muted">
          Not shown: it needs the latest {measure.toLowerCase()} figures of two named sources about the same
          forces, describing periods that end within {COMPARABLE_DAYS} days of each other
          {spread.compared === 1 ? " (one figure qualifies)" : ""}.
        </p>
        {leftOut}
      </div>
    );
  }
  const { highest, lowest, ratio } = spread;
  const forces = subjectNames.get(spread.subjectEntity) ?? "one force";
  return (
    <div data-testid="spread" data-compared={spread.compared.map((figure) => figure.point.claimId).join(" ")}>
      <p className="spread">
        <span className="spread-what">
          {measure}, {forces}’s forces, latest figures dated {formatDate(spread.from, "DAY")}
          {spread.from === spread.to ? "" : ` to ${formatDate(spread.to, "DAY")}`}:
        </span>{" "}
        <strong>{number(highest.value)}</strong> ({highest.label}) vs <strong>{number(lowest.value)}</strong>{" "}
        ({lowest.label}){ratio === 1 && ": they agree"}
        {ratio !== null && ratio !== 1 && (
          <>
            : the highest is <strong>{ratio.toLocaleString("en-US", { maximumFractionDigits: 1 })}×</strong>{" "}
            the lowest
          </>
        )}
        .
        <span className="muted">
          {" "}
          Compares the latest figure (best value, else its stated bound) of {spread.compared.length} sources
          that count the same metric of the same forces over periods ending within {COMPARABLE_DAYS} days of
          each other.
        </span>
      </p>
      {leftOut}
    </div>
  );
}
