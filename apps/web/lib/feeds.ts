import { fetchApi } from "./queries";

export type FeedStatus = "PENDING" | "OK" | "FAILING";

export interface FeedData {
  id: string;
  url: string;
  title: string | null;
  pollIntervalMinutes: number;
  status: FeedStatus;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  itemsSeen: number;
  itemsStored: number;
}

const FEEDS_QUERY = /* GraphQL */ `
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
`;

/** The feeds followed, with their status (admins only). */
export async function fetchFeeds(): Promise<FeedData[]> {
  return (await fetchApi<{ feeds: FeedData[] }>(FEEDS_QUERY)).feeds;
}

const ARTICLE_TOTAL_QUERY = /* GraphQL */ `
  query ArticleTotal {
    articles(first: 1) {
      totalCount
    }
  }
`;

/** How many articles are stored (an empty database opens on the screen that shows how to add some). */
export async function fetchArticleTotal(): Promise<number> {
  return (await fetchApi<{ articles: { totalCount: number } }>(ARTICLE_TOTAL_QUERY)).articles.totalCount;
}
