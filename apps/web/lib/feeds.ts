import { graphql, type ResultOf } from "./graphql";
import { fetchApi } from "./queries";

const FEEDS_QUERY = graphql(`
  query Feeds {
    feeds {
      id
      url
      title
      pollIntervalMinutes
      status
      lastPolledAt
      lastSuccessAt
      lastError
      lastErrorAt
      itemsSeen
      itemsStored
    }
  }
`);

export type FeedData = ResultOf<typeof FEEDS_QUERY>["feeds"][number];
export type FeedStatus = FeedData["status"];

/** The feeds followed, with their status (admins only). */
export async function fetchFeeds(): Promise<FeedData[]> {
  return (await fetchApi(FEEDS_QUERY, {})).feeds;
}

const ARTICLE_TOTAL_QUERY = graphql(`
  query ArticleTotal {
    articles(first: 1) {
      totalCount
    }
  }
`);

/** How many articles are stored (an empty database opens on the screen that shows how to add some). */
export async function fetchArticleTotal(): Promise<number> {
  return (await fetchApi(ARTICLE_TOTAL_QUERY, {})).articles.totalCount;
}
