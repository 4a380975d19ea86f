import { PageInfoFields } from "../components/Pager";
import { graphql, type ResultOf } from "./graphql";

/** Claims fetched per page: the queue loads the next page as the keyboard cursor nears the end. */
export const QUEUE_PAGE_SIZE = 10;

export const REVIEW_QUEUE_QUERY = graphql(
  `
  query ReviewQueue($first: Int!, $after: String) {
    reviewQueue(first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageInfoFields
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
`,
  [PageInfoFields],
);

export type QueuePage = ResultOf<typeof REVIEW_QUEUE_QUERY>["reviewQueue"];
/** A claim in the queue, with where it was first printed (only the first appearance is asked for). */
export type QueueClaim = QueuePage["edges"][number]["node"];
