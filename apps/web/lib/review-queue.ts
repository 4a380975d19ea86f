import type { PageInfoData } from "../components/Pager";
import type { Gql } from "./vocabulary";

export interface QueueClaim {
  id: string;
  version: number;
  display: string;
  subject: string;
  metric: string;
  confidence: number | null;
  statedOn: string | null;
  statedOnPrecision: Gql<"day" | "week" | "month" | "year" | "unknown">;
  source: { name: string } | null;
  viewerCan: { edit: boolean; review: boolean };
  /** Where it was first printed (only the first appearance is asked for). */
  appearances: {
    totalCount: number;
    edges: { node: { quote: string; article: { title: string; outlet: { name: string } | null } } }[];
  };
}

export interface QueuePage {
  totalCount: number;
  pageInfo: PageInfoData;
  edges: { cursor: string; node: QueueClaim }[];
}

/** Claims fetched per page: the queue loads the next page as the keyboard cursor nears the end. */
export const QUEUE_PAGE_SIZE = 10;

export const REVIEW_QUEUE_QUERY = /* GraphQL */ `
  query ReviewQueue($first: Int!, $after: String) {
    reviewQueue(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          version
          display
          subject
          metric
          confidence
          statedOn
          statedOnPrecision
          source {
            name
          }
          viewerCan {
            edit
            review
          }
          appearances(first: 1) { totalCount edges { node {
            quote
            article {
              title
              outlet {
                name
              }
            }
          } } }
        }
      }
    }
  }
`;
