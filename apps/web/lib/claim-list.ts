import type { Metric, Qualifier, Rate, ReviewStatus } from "@headcount/shared";
import type { Client, OperationResult } from "@urql/core";
import type { ClaimFilterInput } from "./claim-filter";
import type { EntityRef } from "./queries";
import type { Gql } from "./vocabulary";

export const CLAIM_ORDERS = ["STATED_ON", "VALUE", "CONFIDENCE", "UPDATED_AT"] as const;
export type ClaimOrder = (typeof CLAIM_ORDERS)[number];

/** One row of the claims table and of the exports. */
export interface ClaimRow {
  id: string;
  display: string;
  metric: Gql<Metric>;
  subject: string;
  qualifier: Gql<Qualifier>;
  hedge: string | null;
  rate: Gql<Rate>;
  valueLow: number | null;
  valueHigh: number | null;
  valueBest: number | null;
  statedOn: string | null;
  statedOnPrecision: "DAY" | "WEEK" | "MONTH" | "YEAR" | "UNKNOWN";
  reviewStatus: Gql<ReviewStatus>;
  confidence: number | null;
  updatedAt: string;
  source: (EntityRef & { affiliation: EntityRef | null }) | null;
  location: EntityRef | null;
  /** The first few places the claim is printed, and how many there are. */
  appearances: {
    totalCount: number;
    edges: {
      node: {
        quote: string;
        article: { id: string; title: string; url: string | null; outlet: EntityRef | null };
      };
    }[];
  };
}

export interface ClaimPage {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: { node: ClaimRow }[];
}

export const CLAIM_LIST_QUERY = /* GraphQL */ `
  query ClaimList(
    $filter: ClaimFilter
    $orderBy: ClaimOrder
    $direction: SortDirection
    $first: Int
    $last: Int
    $after: String
    $before: String
  ) {
    claims(
      filter: $filter
      orderBy: $orderBy
      direction: $direction
      first: $first
      last: $last
      after: $after
      before: $before
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          display
          metric
          subject
          qualifier
          hedge
          rate
          valueLow
          valueHigh
          valueBest
          statedOn
          statedOnPrecision
          reviewStatus
          confidence
          updatedAt
          source {
            id
            name
            affiliation {
              id
              name
            }
          }
          location {
            id
            name
          }
          appearances(first: 5) { totalCount edges { node {
            quote
            article {
              id
              title
              url
              outlet {
                id
                name
              }
            }
          } } }
        }
      }
    }
  }
`;

/** Every claim matching a filter, page by page (the API serves at most 100 at a time). */
export async function fetchAllClaims(
  client: Client,
  filter: ClaimFilterInput,
  orderBy: ClaimOrder,
  direction: "ASC" | "DESC",
  limit = 50_000,
): Promise<ClaimRow[]> {
  const rows: ClaimRow[] = [];
  let after: string | null = null;
  while (rows.length < limit) {
    const result: OperationResult<{ claims: ClaimPage }> = await client
      .query<{ claims: ClaimPage }>(CLAIM_LIST_QUERY, { filter, orderBy, direction, first: 100, after })
      .toPromise();
    if (result.error || !result.data) throw new Error(result.error?.message ?? "The API returned no data.");
    rows.push(...result.data.claims.edges.map((edge) => edge.node));
    const { hasNextPage, endCursor } = result.data.claims.pageInfo;
    if (!hasNextPage || !endCursor) break;
    after = endCursor;
  }
  return rows;
}
