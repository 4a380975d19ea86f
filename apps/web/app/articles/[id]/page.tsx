import Link from "next/link";
import { notFound } from "next/navigation";
import { ApiErrorNotice } from "../../../components/ApiErrorNotice";
import { ArticleText, type ClaimSpan, HeadlineText } from "../../../components/ArticleText";
import { ReviewBadge } from "../../../components/ReviewBadge";
import { WINDOW_DEFAULTS } from "../../../lib/article-window";
import { type EntityRef, EntityRefFields } from "../../../lib/entity-fields";
import { graphql } from "../../../lib/graphql";
import { fetchNode, isInvalidId, nodePageMetadata } from "../../../lib/queries";
import { articleTitle } from "../../../lib/titles";
import { formatDate } from "../../../lib/vocabulary";

export const dynamic = "force-dynamic";

/**
 * Claims highlighted per page of the article (the `first` of the query below): an article may print
 * thousands of figures, and the page shows them a hundred at a time. A long text is shown around the claims
 * of the page only, its gaps marked, so the page stays small (see `windowText`).
 */
const SPAN_PAGE = 100;

const ARTICLE_QUERY = graphql(
  `
  query ArticlePage($id: ID!, $after: String) {
    node(id: $id) {
      __typename
      id
      ... on Article {
        title
        url
        body
        language
        revision
        publishedAt
        publishedPrecision
        ingestedAt
        outlet {
          ...EntityRef
        }
        appearances(first: 100, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              inTitle
              start
              end
              claim {
                id
                display
                subject
                reviewStatus
              }
            }
          }
        }
        mentions(first: 100) {
          totalCount
          edges {
            node {
              start
              end
              entity {
                ...EntityRef
              }
            }
          }
        }
      }
    }
  }
`,
  [EntityRefFields],
);

const loadArticle = (id: string, after: string | null = null) =>
  fetchNode(ARTICLE_QUERY, { id, after }, "Article");

export const generateMetadata = ({ params }: { params: Promise<{ id: string }> }) =>
  nodePageMetadata(params, loadArticle, (article) => articleTitle(article.title ?? ""), "Article");

/** Which page of the article's claims: the cursor to start after, and the number of the first one. */
function spanPageOf(query: { after?: string | string[]; from?: string | string[] }) {
  const after = typeof query.after === "string" && query.after ? query.after : null;
  const from = Number(typeof query.from === "string" ? query.from : 1);
  return { after, from: after && Number.isSafeInteger(from) && from > 0 ? from : 1 };
}

export default async function ArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ after?: string | string[]; from?: string | string[] }>;
}) {
  let article: Awaited<ReturnType<typeof loadArticle>>;
  const id = decodeURIComponent((await params).id);
  const spanPage = spanPageOf(await searchParams);
  try {
    article = await loadArticle(id, spanPage.after);
  } catch (error) {
    // A malformed id names nothing: a 404, like an id of nothing.
    if (isInvalidId(error)) notFound();
    return <ApiErrorNotice error={error} />;
  }
  if (!article) notFound();
  const appearances = article.appearances.edges.map((edge) => edge.node);
  const mentions = article.mentions.edges.map((edge) => edge.node);
  const claims: (ClaimSpan & { inTitle: boolean })[] = appearances.map((appearance, index) => ({
    inTitle: appearance.inTitle,
    start: appearance.start,
    end: appearance.end,
    claimId: appearance.claim.id,
    display: appearance.claim.display,
    number: spanPage.from + index,
  }));
  const { totalCount, pageInfo } = article.appearances;
  const nextPage =
    pageInfo.hasNextPage && pageInfo.endCursor
      ? `?${new URLSearchParams({ after: pageInfo.endCursor, from: String(spanPage.from + claims.length) })}`
      : null;
  const entities = new Map<string, { entity: EntityRef; count: number }>();
  for (const mention of mentions) {
    const entry = entities.get(mention.entity.id) ?? { entity: mention.entity, count: 0 };
    entry.count++;
    entities.set(mention.entity.id, entry);
  }
  return (
    <div className="reader">
      <article className="card reader-text" aria-labelledby="article-title">
        <p className="muted crumbs">
          <Link href="/articles">Articles</Link> ›
        </p>
        <h1 id="article-title">
          <HeadlineText title={article.title ?? ""} claims={claims.filter((c) => c.inTitle)} />
        </h1>
        <p className="muted">
          {article.outlet ? (
            <Link href={`/entities/${encodeURIComponent(article.outlet.id)}`}>{article.outlet.name}</Link>
          ) : (
            "unknown outlet"
          )}
          {" · "}
          {formatDate(article.publishedAt, article.publishedPrecision)}
          {article.revision > 1 && ` · revision ${article.revision}`}
          {article.url && (
            <>
              {" · "}
              <a href={article.url} rel="noreferrer">
                original
              </a>
            </>
          )}
        </p>
        <p className="muted reader-key">
          <mark className="claim-span">Highlighted</mark>: a claim (its number links to it).{" "}
          <span className="mention">Underlined</span>: a named entity.
          {article.body.length > WINDOW_DEFAULTS.wholeUpTo &&
            ` This article is long (${article.body.length.toLocaleString("en-US")} characters): its text is shown around the claims listed on this page.`}
        </p>
        <ArticleText
          body={article.body}
          claims={claims.filter((c) => !c.inTitle)}
          mentions={mentions.map((m) => ({
            start: m.start,
            end: m.end,
            entityId: m.entity.id,
            entityName: m.entity.name,
          }))}
        />
      </article>
      <aside className="reader-side">
        <section className="card" aria-labelledby="claims-title">
          <h2 id="claims-title">Claims in this article ({totalCount.toLocaleString("en")})</h2>
          {totalCount > claims.length && (
            <p className="muted">
              {claims.length > 0
                ? `Highlighted: ${spanPage.from.toLocaleString("en")}–${(spanPage.from + claims.length - 1).toLocaleString("en")}.`
                : "No claims on this page."}{" "}
              {spanPage.after && <Link href={`/articles/${encodeURIComponent(id)}`}>From the start</Link>}
              {spanPage.after && nextPage && " · "}
              {nextPage && <Link href={nextPage}>Next {SPAN_PAGE} claims</Link>}
            </p>
          )}
          <ol className="plain-list" start={spanPage.from}>
            {appearances.map((appearance, index) => (
              <li key={`${appearance.claim.id}:${appearance.inTitle}:${appearance.start}`}>
                <span className="muted">[{spanPage.from + index}]</span>{" "}
                <Link href={`/claims/${encodeURIComponent(appearance.claim.id)}`}>
                  {appearance.claim.display}
                </Link>{" "}
                {appearance.claim.subject} <ReviewBadge status={appearance.claim.reviewStatus} />
                {appearance.inTitle && <span className="muted"> (headline)</span>}
              </li>
            ))}
          </ol>
        </section>
        <section className="card" aria-labelledby="entities-title">
          <h2 id="entities-title">Named ({entities.size})</h2>
          {article.mentions.totalCount > mentions.length && (
            <p className="muted">
              From the first {mentions.length} of {article.mentions.totalCount.toLocaleString("en")} names in
              the text.
            </p>
          )}
          <ul className="plain-list">
            {[...entities.values()]
              .sort((a, b) => b.count - a.count || a.entity.name.localeCompare(b.entity.name))
              .map(({ entity, count }) => (
                <li key={entity.id}>
                  <Link href={`/entities/${encodeURIComponent(entity.id)}`}>{entity.name}</Link>{" "}
                  <span className="muted">×{count}</span>
                </li>
              ))}
          </ul>
        </section>
      </aside>
    </div>
  );
}
