import type { Metric, ReviewStatus } from "@headcount/shared";
import type { PageInfoData } from "../components/Pager";
import type { Gql } from "./vocabulary";

export interface EntityClaim {
  id: string;
  display: string;
  subject: string;
  metric: Gql<Metric>;
  statedOn: string | null;
  statedOnPrecision: "DAY" | "WEEK" | "MONTH" | "YEAR" | "UNKNOWN";
  reviewStatus: Gql<ReviewStatus>;
}

export interface EntityMentionRow {
  start: number;
  end: number;
  text: string;
  article: { id: string; title: string };
}

export interface Connection<Node> {
  totalCount: number;
  pageInfo: PageInfoData;
  edges: { cursor?: string; node: Node }[];
}

const CLAIM_FIELDS = /* GraphQL */ `
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
      display
      subject
      metric
      statedOn
      statedOnPrecision
      reviewStatus
    }
  }
`;

export const ENTITY_CLAIMS_MADE_QUERY = /* GraphQL */ `
  query EntityClaimsMade($id: ID!, $first: Int, $after: String) {
    node(id: $id) {
      id
      ... on Entity {
        claimsMade(first: $first, after: $after) {
          ${CLAIM_FIELDS}
        }
      }
    }
  }
`;

export const ENTITY_CLAIMS_ABOUT_QUERY = /* GraphQL */ `
  query EntityClaimsAbout($id: ID!, $first: Int, $after: String) {
    node(id: $id) {
      id
      ... on Entity {
        claimsAbout(first: $first, after: $after) {
          ${CLAIM_FIELDS}
        }
      }
    }
  }
`;

export const ENTITY_MENTIONS_QUERY = /* GraphQL */ `
  query EntityMentions($id: ID!, $first: Int, $after: String) {
    node(id: $id) {
      id
      ... on Entity {
        mentions(first: $first, after: $after) {
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
              start
              end
              text
              article {
                id
                title
              }
            }
          }
        }
      }
    }
  }
`;
