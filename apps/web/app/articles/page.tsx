import { formatDateWithPrecision, type Precision } from "@headcount/shared";
import { getClient } from "../../lib/api";

export const dynamic = "force-dynamic";

const ARTICLES_QUERY = /* GraphQL */ `
  query ArticleList($first: Int!) {
    articles(first: $first, orderBy: PUBLISHED_DESC) {
      totalCount
      edges {
        node {
          id
          title
          publishedAt
          publishedPrecision
          outlet {
            name
          }
        }
      }
    }
  }
`;

interface ArticleListData {
  articles: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        title: string;
        publishedAt: string | null;
        publishedPrecision: Uppercase<Precision>;
        outlet: { name: string } | null;
      };
    }[];
  };
}

export default async function ArticlesPage() {
  const result = await getClient().query<ArticleListData>(ARTICLES_QUERY, { first: 100 });
  if (result.error || !result.data) {
    return (
      <div className="error" role="alert">
        The API could not be reached: {result.error?.message ?? "no data"}.
      </div>
    );
  }
  const { articles } = result.data;
  return (
    <>
      <h1>Articles</h1>
      <p className="muted">
        {articles.totalCount} {articles.totalCount === 1 ? "article" : "articles"} stored.
      </p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Outlet</th>
            <th scope="col">Published</th>
          </tr>
        </thead>
        <tbody>
          {articles.edges.map(({ node }) => (
            <tr key={node.id} data-article-id={node.id}>
              <td>{node.title}</td>
              <td>{node.outlet?.name ?? <span className="muted">unknown</span>}</td>
              <td>
                {formatDateWithPrecision(
                  node.publishedAt,
                  node.publishedPrecision.toLowerCase() as Precision,
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
