"use client";

import { useQuery } from "urql";
import { EntityRefFields } from "../lib/entity-fields";
import { graphql } from "../lib/graphql";
import type { PlotPoint } from "../lib/plot";
import { formatDate, formatValue } from "../lib/vocabulary";

const CLAIM_EVIDENCE_QUERY = graphql(
  `
  query ClaimHover($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Claim {
        display
        hedge
        reviewStatus
        source {
          ...EntityRef
        }
        appearances(first: 1) { totalCount edges { node {
          quote
          article {
            id
            title
            outlet {
              ...EntityRef
            }
          }
          via {
            position
            entity {
              ...EntityRef
            }
          }
        } } }
      }
    }
  }
`,
  [EntityRefFields],
);

const snippet = (quote: string, max = 220) => (quote.length > max ? `${quote.slice(0, max - 1)}…` : quote);

/** What a hovered mark stands for: its words, source, relay chain, date, outlet and a quote. */
export function ClaimHoverCard(props: {
  point: PlotPoint;
  seriesLabel: string;
  /** The metric and rate of the chart's axis. */
  measure: string;
  /** How many marks lie at this point (overlapping marks are chosen from a list after a click). */
  stacked?: number;
  colour: string;
  left: number;
  top: number;
}) {
  const { point } = props;
  const [{ data, fetching, error }] = useQuery({
    query: CLAIM_EVIDENCE_QUERY,
    variables: { id: point.claimId },
  });
  const claim = data?.node?.__typename === "Claim" ? data.node : undefined;
  const first = claim?.appearances.edges[0]?.node;
  const via = first?.via.toSorted((a, b) => a.position - b.position).map((link) => link.entity.name) ?? [];
  return (
    <div
      className="hover-card"
      role="tooltip"
      style={{ left: props.left, top: props.top }}
      data-testid="hover-card"
    >
      <p className="hover-value">
        <span className="swatch" style={{ background: props.colour }} aria-hidden="true" />
        <strong>{claim ? `“${claim.display}”` : formatValue(point)}</strong>
        {claim?.hedge && <span className="muted"> (as written: “{claim.hedge}”)</span>}
      </p>
      <dl>
        <dt>Metric</dt>
        <dd data-testid="hover-metric">{props.measure}</dd>
        <dt>Source</dt>
        <dd>{claim ? (claim.source?.name ?? "unattributed") : props.seriesLabel}</dd>
        {via.length > 0 && (
          <>
            <dt>Via</dt>
            <dd>{via.join(" → ")}</dd>
          </>
        )}
        <dt>Said</dt>
        <dd>{formatDate(point.date, point.precision)}</dd>
        {first && (
          <>
            <dt>Outlet</dt>
            <dd>
              {first.article.outlet?.name ?? "unknown outlet"}
              {claim && claim.appearances.totalCount > 1
                ? ` (+${claim.appearances.totalCount - 1} more)`
                : ""}
            </dd>
          </>
        )}
        {point.disputed && (
          <>
            <dt>Review</dt>
            <dd className="disputed">disputed</dd>
          </>
        )}
      </dl>
      {first ? (
        <blockquote className="hover-quote">{snippet(first.quote)}</blockquote>
      ) : fetching ? (
        <p className="muted">Loading the quote…</p>
      ) : error ? (
        <p className="muted">The quote could not be loaded.</p>
      ) : null}
      <p className="muted hover-hint">
        {(props.stacked ?? 1) > 1
          ? `${props.stacked} claims at this point: click to choose one.`
          : "Click to open the claim."}
      </p>
    </div>
  );
}
