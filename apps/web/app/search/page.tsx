import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { ApiErrorNotice } from "../../components/ApiErrorNotice";
import { EntityChoiceFields } from "../../lib/entity-picker";
import { graphql, type ResultOf } from "../../lib/graphql";
import { ApiError, fetchApi } from "../../lib/queries";
import { articleTitle } from "../../lib/titles";
import { formatDate } from "../../lib/vocabulary";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Search" };

const RESULTS = 50;

const SEARCH_QUERY = graphql(
  `
  query Search($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      rank
      snippet {
        text
        highlights {
          start
          end
        }
      }
      node {
        __typename
        ... on Article {
          id
          title
          publishedAt
          publishedPrecision
          outlet {
            name
          }
        }
        ... on Claim {
          id
          display
          subject
          statedOn
          statedOnPrecision
          source {
            name
          }
        }
        ... on Entity {
          ...EntityChoice
        }
      }
    }
  }
`,
  [EntityChoiceFields],
);

type SearchResult = ResultOf<typeof SEARCH_QUERY>["search"][number];
type Hit = SearchResult["node"];

/** The passage with its matched words marked. */
function Snippet({ text, highlights }: SearchResult["snippet"]): ReactNode {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { start, end } of highlights.toSorted((a, b) => a.start - b.start)) {
    if (start < at) continue;
    parts.push(text.slice(at, start), <mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

const KIND: Record<Hit["__typename"], string> = { Article: "Article", Claim: "Claim", Entity: "Entity" };

function hitLink(hit: Hit): { href: string; label: string; detail: string } {
  if (hit.__typename === "Article") {
    return {
      href: `/articles/${encodeURIComponent(hit.id)}`,
      label: articleTitle(hit.title ?? ""),
      detail: [hit.outlet?.name, formatDate(hit.publishedAt, hit.publishedPrecision)]
        .filter(Boolean)
        .join(", "),
    };
  }
  if (hit.__typename === "Claim") {
    return {
      href: `/claims/${encodeURIComponent(hit.id)}`,
      label: `${hit.display} ${hit.subject}`,
      detail: [hit.source?.name ?? "unattributed", formatDate(hit.statedOn, hit.statedOnPrecision)].join(
        ", ",
      ),
    };
  }
  return { href: `/entities/${encodeURIComponent(hit.id)}`, label: hit.name, detail: hit.type.toLowerCase() };
}

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  let results: SearchResult[] = [];
  let refused: string | null = null;
  if (q) {
    try {
      results = (await fetchApi(SEARCH_QUERY, { query: q, first: RESULTS })).search;
    } catch (error) {
      // A query the API cannot read (too long, only operators) is the searcher's to fix, said as such.
      if (error instanceof ApiError && error.failures.some((f) => f.code === "BAD_USER_INPUT")) {
        refused = error.message.replace(/^\[GraphQL\] /, "");
      } else {
        return <ApiErrorNotice error={error} />;
      }
    }
  }
  return (
    <>
      <h1>Search</h1>
      <search>
        <form method="get" action="/search" className="search-form">
          <label htmlFor="search-q">Words, “a phrase”, or -left-out</label>
          <input id="search-q" type="search" name="q" defaultValue={q} />
          <button type="submit">Search</button>
        </form>
      </search>
      {refused && (
        <p className="error" role="alert">
          {refused}
        </p>
      )}
      {q && !refused && (
        <p className="muted" data-testid="search-count">
          {results.length === 0
            ? `Nothing matches “${q}”.`
            : `${results.length}${results.length === RESULTS ? "+" : ""} result${results.length === 1 ? "" : "s"} for “${q}”, best first, among articles, claims and entities.`}
        </p>
      )}
      <ol className="search-results">
        {results.map((result) => {
          const link = hitLink(result.node);
          return (
            <li key={result.node.id} data-kind={result.node.__typename}>
              <span className="badge">{KIND[result.node.__typename]}</span>{" "}
              <Link href={link.href}>{link.label}</Link> <span className="muted">{link.detail}</span>
              <p className="search-snippet">
                <Snippet {...result.snippet} />
              </p>
            </li>
          );
        })}
      </ol>
    </>
  );
}
