import type { Client, OperationResult } from "@urql/core";
import { PageInfoFields } from "../components/Pager";
import type { ClaimFilterInput } from "./claim-filter";
import { EntityRefFields } from "./entity-fields";
import { graphql, type ResultOf } from "./graphql";

export const CLAIM_ORDERS = ["STATED_ON", "VALUE", "CONFIDENCE", "UPDATED_AT"] as const;
export type ClaimOrder = (typeof CLAIM_ORDERS)[number];

export const CLAIM_LIST_QUERY = graphql(
  `
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
        ...PageInfoFields
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
              ...EntityRef
            }
          }
          location {
            ...EntityRef
          }
          appearances(first: 5) { totalCount edges { node {
            quote
            article {
              id
              title
              url
              outlet {
                ...EntityRef
              }
            }
          } } }
        }
      }
    }
  }
`,
  [PageInfoFields, EntityRefFields],
);

export type ClaimPage = ResultOf<typeof CLAIM_LIST_QUERY>["claims"];
/** One row of the claims table and of the exports, with the first few places the claim is printed. */
export type ClaimRow = ClaimPage["edges"][number]["node"];

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
    const result: OperationResult<ResultOf<typeof CLAIM_LIST_QUERY>> = await client
      .query(CLAIM_LIST_QUERY, { filter, orderBy, direction, first: 100, after })
      .toPromise();
    if (result.error || !result.data) throw new Error(result.error?.message ?? "The API returned no data.");
    rows.push(...result.data.claims.edges.map((edge) => edge.node));
    const { hasNextPage, endCursor } = result.data.claims.pageInfo;
    if (!hasNextPage || !endCursor) break;
    after = endCursor;
  }
  return rows;
}
