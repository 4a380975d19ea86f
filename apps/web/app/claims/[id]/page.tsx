import type { Metric, Qualifier, Rate } from "@headcount/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApiErrorNotice } from "../../../components/ApiErrorNotice";
import { EntityLink } from "../../../components/EntityLink";
import { ClaimActions } from "../../../components/editor/ClaimActions";
import { ClaimEditor } from "../../../components/editor/ClaimEditor";
import { HistoryList } from "../../../components/HistoryList";
import { LiveRefresh } from "../../../components/LiveRefresh";
import { ReviewBadge } from "../../../components/ReviewBadge";
import { ClaimStatementFields } from "../../../lib/claim-fields";
import { EntityRefFields } from "../../../lib/entity-fields";
import { EntityChoiceFields } from "../../../lib/entity-picker";
import { graphql } from "../../../lib/graphql";
import { paragraphAround } from "../../../lib/paragraph";
import { fetchNode, isInvalidId, nodePageMetadata } from "../../../lib/queries";
import { articleTitle } from "../../../lib/titles";
import { formatDate, formatInstant, lower, METRIC_LABELS, QUALIFIER_LABELS } from "../../../lib/vocabulary";

export const dynamic = "force-dynamic";

const CLAIM_QUERY = graphql(
  `
  query ClaimPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Claim {
        display
        ...ClaimStatement
        reviewStatus
        origin
        extractorVersion
        confidence
        version
        viewerCan {
          edit
          review
          delete
        }
        createdAt
        updatedAt
        deletedAt
        source {
          id
          name
          type
          affiliation {
            ...EntityRef
          }
        }
        subjectEntity {
          ...EntityChoice
        }
        location {
          ...EntityChoice
        }
        appearances(first: 100) { totalCount edges { node {
          id
          start
          end
          quote
          article {
            id
            title
            url
            publishedAt
            publishedPrecision
            body
            outlet {
              ...EntityRef
            }
          }
          via {
            position
            entity {
              ...EntityChoice
            }
          }
        } } }
      }
    }
  }
`,
  [ClaimStatementFields, EntityChoiceFields, EntityRefFields],
);

const loadClaim = (id: string) => fetchNode(CLAIM_QUERY, { id }, "Claim");

export const generateMetadata = ({ params }: { params: Promise<{ id: string }> }) =>
  nodePageMetadata(params, loadClaim, (claim) => `Claim: ${claim.display} (${claim.subject})`, "Claim");

const number = (value: number | null) => (value === null ? "—" : value.toLocaleString("en-US"));

export default async function ClaimPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const id = decodeURIComponent((await params).id);
  // The review queue's "e" opens the claim with its form ready.
  const startEditing = (await searchParams).edit !== undefined;
  let claim: Awaited<ReturnType<typeof loadClaim>>;
  try {
    claim = await loadClaim(id);
  } catch (error) {
    // A malformed id names nothing: a 404, like an id of nothing.
    if (isInvalidId(error)) notFound();
    return <ApiErrorNotice error={error} />;
  }
  if (!claim) notFound();
  const rate = lower<Rate>(claim.rate);
  return (
    <article className="claim-page" data-claim-id={claim.id}>
      <div className="page-head">
        <p className="muted crumbs">
          <Link href="/claims">Claims</Link> ›
        </p>
        <LiveRefresh claimId={claim.id} />
      </div>
      <h1>
        <span className="claim-display">{claim.display}</span>{" "}
        <span className="claim-subject">{claim.subject}</span>
      </h1>
      <p>
        <ReviewBadge status={claim.reviewStatus} /> {METRIC_LABELS[lower<Metric>(claim.metric)]}
        {claim.deletedAt && <span className="badge badge-rejected">deleted</span>}
      </p>
      <div className="claim-grid">
        <section aria-labelledby="facts-title" className="card">
          <h2 id="facts-title">The claim</h2>
          <dl className="facts">
            <dt>Source</dt>
            <dd>
              <EntityLink entity={claim.source} none="unattributed" />
              {claim.source?.affiliation && (
                <>
                  {" "}
                  (speaks for <EntityLink entity={claim.source.affiliation} none="" />)
                </>
              )}
            </dd>
            <dt>Whose forces</dt>
            <dd>
              <EntityLink entity={claim.subjectEntity} none="not identified" />
            </dd>
            <dt>Place</dt>
            <dd>
              <EntityLink entity={claim.location} none="not given" />
            </dd>
            <dt>Said</dt>
            <dd>{formatDate(claim.statedOn, claim.statedOnPrecision)}</dd>
            {(claim.refersFrom || claim.refersTo) && (
              <>
                <dt>Describes</dt>
                <dd>
                  {claim.refersFrom ? formatDate(claim.refersFrom, claim.refersFromPrecision) : "…"} to{" "}
                  {claim.refersTo ? formatDate(claim.refersTo, claim.refersToPrecision) : "…"}
                </dd>
              </>
            )}
            <dt>Hedge as written</dt>
            <dd>{claim.hedge ? `“${claim.hedge}”` : <span className="muted">none</span>}</dd>
            <dt>Qualifier</dt>
            <dd>{QUALIFIER_LABELS[lower<Qualifier>(claim.qualifier)]}</dd>
            <dt>Low · best · high</dt>
            <dd className="num">
              {number(claim.valueLow)} · {number(claim.valueBest)} · {number(claim.valueHigh)}
            </dd>
            <dt>Rate</dt>
            <dd>
              {rate === "total" ? "a total" : rate === "percent" ? "a percentage" : rate.replace("_", " ")}
            </dd>
            {claim.additional && (
              <>
                <dt>Additional</dt>
                <dd>adds to an earlier figure</dd>
              </>
            )}
          </dl>
        </section>
        <section aria-labelledby="record-title" className="card">
          <h2 id="record-title">Record</h2>
          <dl className="facts">
            <dt>Origin</dt>
            <dd>
              {claim.origin === "MACHINE"
                ? `extracted by machine${claim.extractorVersion ? ` (extractor ${claim.extractorVersion})` : ""}`
                : "entered by an editor"}
            </dd>
            {claim.confidence !== null && (
              <>
                <dt>Confidence</dt>
                <dd>{Math.round(claim.confidence * 100)}%</dd>
              </>
            )}
            <dt>Version</dt>
            <dd>{claim.version}</dd>
            <dt>Stored</dt>
            <dd>{formatInstant(claim.createdAt)}</dd>
            <dt>Last changed</dt>
            <dd>{formatInstant(claim.updatedAt)}</dd>
          </dl>
        </section>
      </div>
      {(claim.viewerCan.review || claim.viewerCan.delete) && (
        <ClaimActions
          claimId={claim.id}
          claimLabel={`${claim.display} ${claim.subject}`}
          version={claim.version}
          reviewStatus={claim.reviewStatus}
          deleted={claim.deletedAt !== null}
          canReview={claim.viewerCan.review}
          canDelete={claim.viewerCan.delete}
        />
      )}
      {claim.viewerCan.edit && (
        <ClaimEditor
          key={claim.id}
          claim={{ ...claim, display: claim.display ?? "" }}
          initiallyOpen={startEditing}
        />
      )}
      <section aria-labelledby="evidence-title">
        <h2 id="evidence-title">
          Evidence: printed {claim.appearances.totalCount} time{claim.appearances.totalCount === 1 ? "" : "s"}
          {claim.appearances.totalCount > claim.appearances.edges.length &&
            ` (the first ${claim.appearances.edges.length} shown)`}
        </h2>
        {claim.appearances.edges.map(({ node: appearance }) => {
          const paragraph = paragraphAround(appearance.article.body, appearance.start, appearance.end);
          const chain = appearance.via.toSorted((a, b) => a.position - b.position);
          return (
            <figure key={`${appearance.article.id}:${appearance.start}`} className="appearance card">
              <blockquote>
                <p>
                  {paragraph.text.slice(0, paragraph.start)}
                  <mark className="claim-span" data-claim-id={claim.id}>
                    {paragraph.text.slice(paragraph.start, paragraph.end)}
                  </mark>
                  {paragraph.text.slice(paragraph.end)}
                </p>
              </blockquote>
              <figcaption>
                <Link
                  href={`/articles/${encodeURIComponent(appearance.article.id)}#claim-${appearance.start}`}
                >
                  {articleTitle(appearance.article.title)}
                </Link>
                {" — "}
                {appearance.article.outlet?.name ?? "unknown outlet"},{" "}
                {formatDate(appearance.article.publishedAt, appearance.article.publishedPrecision)}
                {appearance.article.url && (
                  <>
                    {" · "}
                    <a href={appearance.article.url} rel="noreferrer">
                      original
                    </a>
                  </>
                )}
                <div className="chain">
                  Attribution:{" "}
                  <ol className="chain-list" aria-label="Attribution chain, speaker first">
                    <li>
                      <EntityLink entity={claim.source} none="unattributed" />
                    </li>
                    {chain.map((link) => (
                      <li key={link.position}>
                        <EntityLink entity={link.entity} none="" />
                      </li>
                    ))}
                    <li>
                      <EntityLink entity={appearance.article.outlet} none="unknown outlet" />
                    </li>
                  </ol>
                </div>
              </figcaption>
            </figure>
          );
        })}
      </section>
      <section aria-labelledby="history-title" className="card">
        <h2 id="history-title">History</h2>
        <HistoryList subject={claim.id} />
      </section>
    </article>
  );
}
