import type { Metadata } from "next";
import Link from "next/link";
import { ApiErrorNotice } from "../../components/ApiErrorNotice";
import { ColumnHeads } from "../../components/ColumnHeads";
import { EntityLink } from "../../components/EntityLink";
import { ListSearchForm } from "../../components/ListSearchForm";
import { PageInfoFields, Pager } from "../../components/Pager";
import { EntityRefFields } from "../../lib/entity-fields";
import { graphql, type ResultOf } from "../../lib/graphql";
import { fetchApi } from "../../lib/queries";
import { pageWindow, param, type SearchParams } from "../../lib/search-params";
import { articleTitle } from "../../lib/titles";
import { formatDate } from "../../lib/vocabulary";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Articles" };

const PAGE_SIZE = 50;

const ARTICLES_QUERY = graphql(
  `
  query ArticleList($first: Int, $last: Int, $after: String, $before: String, $filter: ArticleFilter) {
    articles(first: $first, last: $last, after: $after, before: $before, filter: $filter, orderBy: PUBLISHED_DESC) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          title
          publishedAt
          publishedPrecision
          outlet {
            ...EntityRef
          }
          appearances(first: 0) {
            totalCount
          }
        }
      }
    }
  }
`,
  [PageInfoFields, EntityRefFields],
);

type ArticleListData = ResultOf<typeof ARTICLES_QUERY>;

export default async function ArticlesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const q = param(params, "q").trim();
  const { variables: pageVariables, paged } = pageWindow(params, PAGE_SIZE);
  let data: ArticleListData;
  try {
    data = await fetchApi(ARTICLES_QUERY, {
      ...pageVariables,
      filter: q ? { search: q } : null,
    });
  } catch (error) {
    return <ApiErrorNotice error={error} />;
  }
  const { articles } = data;
  return (
    <>
      <h1>Articles</h1>
      <ListSearchForm
        label="Search articles"
        className="filters inline-filters"
        textId="article-q"
        textLabel="Title or text contains"
        q={q}
        clearHref={q ? "/articles" : null}
      />
      <p className="muted">
        {articles.totalCount} {articles.totalCount === 1 ? "article" : "articles"}
        {q ? ` matching “${q}”` : " stored"}.
      </p>
      <div className="table-scroll">
        <table className="data">
          <ColumnHeads columns={["Title", "Outlet", "Published", "Claims"]} />
          <tbody>
            {articles.edges.map(({ node }) => (
              <tr key={node.id} data-article-id={node.id}>
                <td>
                  <Link href={`/articles/${encodeURIComponent(node.id)}`}>{articleTitle(node.title)}</Link>
                </td>
                <td>
                  <EntityLink entity={node.outlet} none="unknown" />
                </td>
                <td>{formatDate(node.publishedAt, node.publishedPrecision)}</td>
                <td className="num">{node.appearances.totalCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager pageInfo={articles.pageInfo} baseQuery={q ? `?q=${encodeURIComponent(q)}` : ""} paged={paged} />
    </>
  );
}
