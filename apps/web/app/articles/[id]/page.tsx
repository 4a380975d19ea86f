import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApiErrorNotice } from "../../../components/ApiErrorNotice";
import { ArticleText, type ClaimSpan } from "../../../components/ArticleText";
import { ReviewBadge } from "../../../components/ReviewBadge";
import { type EntityRef, fetchApi, isInvalidId } from "../../../lib/queries";
import { articleTitle } from "../../../lib/titles";
import { formatDate } from "../../../lib/vocabulary";

export const dynamic = "force-dynamic";

const ARTICLE_QUERY = /* GraphQL */ `
  query ArticlePage($id: ID!) {
    node(id: $id) {
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
          id
          name
        }
        appearances {
          start
          end
          claim {
            id
            display
            subject
            reviewStatus
          }
        }
        mentions {
          start
          end
          entity {
            id
            name
          }
        }
      }
    }
  }
`;

interface ArticleData {
  node: {
    id: string;
    title?: string;
    url: string | null;
    body: string;
    language: string;
    revision: number;
    publishedAt: string | null;
    publishedPrecision: "DAY" | "WEEK" | "MONTH" | "YEAR" | "UNKNOWN";
    ingestedAt: string;
    outlet: EntityRef | null;
    appearances: {
      start: number;
      end: number;
      claim: {
        id: string;
        display: string;
        subject: string;
        reviewStatus: "UNREVIEWED" | "VERIFIED" | "DISPUTED" | "REJECTED";
      };
    }[];
    mentions: { start: number; end: number; entity: EntityRef }[];
  } | null;
}

async function loadArticle(id: string) {
  const data = await fetchApi<ArticleData>(ARTICLE_QUERY, { id });
  return data.node?.title === undefined ? null : data.node;
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const article = await loadArticle(decodeURIComponent((await params).id)).catch(() => null);
  return { title: article ? articleTitle(article.title ?? "") : "Article" };
}

export default async function ArticlePage({ params }: { params: Promise<{ id: string }> }) {
  let article: Awaited<ReturnType<typeof loadArticle>>;
  try {
    article = await loadArticle(decodeURIComponent((await params).id));
  } catch (error) {
    // A malformed id names nothing: a 404, like an id of nothing.
    if (isInvalidId(error)) notFound();
    return <ApiErrorNotice error={error} />;
  }
  if (!article) notFound();
  const claims: ClaimSpan[] = article.appearances
    .toSorted((a, b) => a.start - b.start)
    .map((appearance, index) => ({
      start: appearance.start,
      end: appearance.end,
      claimId: appearance.claim.id,
      display: appearance.claim.display,
      number: index + 1,
    }));
  const entities = new Map<string, { entity: EntityRef; count: number }>();
  for (const mention of article.mentions) {
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
        <h1 id="article-title">{articleTitle(article.title ?? "")}</h1>
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
        </p>
        <ArticleText
          body={article.body}
          claims={claims}
          mentions={article.mentions.map((m) => ({
            start: m.start,
            end: m.end,
            entityId: m.entity.id,
            entityName: m.entity.name,
          }))}
        />
      </article>
      <aside className="reader-side">
        <section className="card" aria-labelledby="claims-title">
          <h2 id="claims-title">Claims in this article ({claims.length})</h2>
          <ol className="plain-list">
            {article.appearances
              .toSorted((a, b) => a.start - b.start)
              .map((appearance, index) => (
                <li key={`${appearance.claim.id}:${appearance.start}`}>
                  <span className="muted">[{index + 1}]</span>{" "}
                  <Link href={`/claims/${encodeURIComponent(appearance.claim.id)}`}>
                    {appearance.claim.display}
                  </Link>{" "}
                  {appearance.claim.subject} <ReviewBadge status={appearance.claim.reviewStatus} />
                </li>
              ))}
          </ol>
        </section>
        <section className="card" aria-labelledby="entities-title">
          <h2 id="entities-title">Named ({entities.size})</h2>
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
