import { type PageInfoData, PageInfoFields } from "../components/Pager";
import { graphql, type ResultOf, type VariablesOf } from "./graphql";

/** A claim as an entity's page lists it. */
export const EntityClaimFields = graphql(`
  fragment EntityClaim on Claim @_unmask {
    id
    display
    subject
    metric
    statedOn
    statedOnPrecision
    reviewStatus
  }
`);
export type EntityClaim = ResultOf<typeof EntityClaimFields>;

/** A page of an entity's list: what the server renders first and the browser pages on from. */
export interface Connection<Node> {
  totalCount: number;
  pageInfo: PageInfoData;
  edges: readonly { cursor: string; node: Node }[];
}

const ENTITY_CLAIMS_MADE_QUERY = graphql(
  `
    query EntityClaimsMade($id: ID!, $first: Int, $after: String) {
      node(id: $id) {
        __typename
        id
        ... on Entity {
          claimsMade(first: $first, after: $after) {
            totalCount
            pageInfo {
              ...PageInfoFields
            }
            edges {
              cursor
              node {
                ...EntityClaim
              }
            }
          }
        }
      }
    }
  `,
  [PageInfoFields, EntityClaimFields],
);

const ENTITY_CLAIMS_ABOUT_QUERY = graphql(
  `
    query EntityClaimsAbout($id: ID!, $first: Int, $after: String) {
      node(id: $id) {
        __typename
        id
        ... on Entity {
          claimsAbout(first: $first, after: $after) {
            totalCount
            pageInfo {
              ...PageInfoFields
            }
            edges {
              cursor
              node {
                ...EntityClaim
              }
            }
          }
        }
      }
    }
  `,
  [PageInfoFields, EntityClaimFields],
);

const ENTITY_MENTIONS_QUERY = graphql(
  `
    query EntityMentions($id: ID!, $first: Int, $after: String) {
      node(id: $id) {
        __typename
        id
        ... on Entity {
          mentions(first: $first, after: $after) {
            totalCount
            pageInfo {
              ...PageInfoFields
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
  `,
  [PageInfoFields],
);

/** The variables every entity list query takes. */
export type EntityListVariables = VariablesOf<typeof ENTITY_MENTIONS_QUERY>;

const claimsMadeOf = (data: ResultOf<typeof ENTITY_CLAIMS_MADE_QUERY>) =>
  data.node?.__typename === "Entity" ? data.node.claimsMade : undefined;
const claimsAboutOf = (data: ResultOf<typeof ENTITY_CLAIMS_ABOUT_QUERY>) =>
  data.node?.__typename === "Entity" ? data.node.claimsAbout : undefined;
const mentionsOf = (data: ResultOf<typeof ENTITY_MENTIONS_QUERY>) =>
  data.node?.__typename === "Entity" ? data.node.mentions : undefined;

/**
 * The lists of an entity's page, each as the server loads its first page and the browser the next ones:
 * its query, and where the list's connection is in the query's data.
 */
export const ENTITY_LISTS = {
  claimsMade: { query: ENTITY_CLAIMS_MADE_QUERY, connectionOf: claimsMadeOf },
  claimsAbout: { query: ENTITY_CLAIMS_ABOUT_QUERY, connectionOf: claimsAboutOf },
  mentions: { query: ENTITY_MENTIONS_QUERY, connectionOf: mentionsOf },
};

export type EntityMentionRow = NonNullable<ReturnType<typeof mentionsOf>>["edges"][number]["node"];
