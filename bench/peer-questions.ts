/**
 * A claim as a page of claims shows it, without its evidence: the selection the claims question and the
 * test of the claims page written by PostgreSQL (tests/integration/api-raw-node.test.ts) share.
 */
export const CLAIM_ROW = /* GraphQL */ `
  id metric subject qualifier hedge rate valueLow valueHigh valueBest statedOn statedOnPrecision
  reviewStatus confidence updatedAt
  source { id name affiliation { id name } }
  location { id name }`;

/**
 * The four questions of the peer benchmark (peer.bench.ts) as Headcount's API is asked them: a claims page, a
 * claim in full, an entity with its newest claims, and the per-source count. The statement-count test
 * (tests/integration/api-statement-counts.test.ts) pins what each costs.
 */
export const HEADCOUNT = {
  claims: /* GraphQL */ `
    query PeerClaims($filter: ClaimFilter) {
      claims(filter: $filter, orderBy: VALUE, direction: DESC, first: 50) {
        totalCount
        pageInfo { hasNextPage }
        edges {
          node {
            ${CLAIM_ROW}
            appearances { totalCount edges { node { quote article { id title url publishedAt outlet { id name } } } } }
          }
        }
      }
    }`,
  claim: /* GraphQL */ `
    query PeerClaim($id: ID!) {
      node(id: $id) {
        id
        ... on Claim {
          metric subject qualifier hedge rate additional valueLow valueHigh valueBest statedOn
          statedOnPrecision refersFrom refersTo reviewStatus origin confidence version createdAt updatedAt
          source { id name affiliation { id name } }
          subjectEntity { id name }
          location { id name }
          appearances { totalCount edges { node {
            start end quote
            article { id title url publishedAt outlet { id name } }
            via { position entity { id name } }
          } } }
        }
      }
    }`,
  entity: /* GraphQL */ `
    query PeerEntity($id: ID!) {
      node(id: $id) {
        id
        ... on Entity {
          name type role
          affiliation { id name }
          claimsMade(first: 20) {
            totalCount
            edges { node { id metric qualifier valueLow valueHigh valueBest statedOn reviewStatus } }
          }
        }
      }
    }`,
  aggregate: /* GraphQL */ `
    query PeerAggregate($filter: ClaimFilter) {
      claimFacets(filter: $filter) { sources { count entity { id name } } }
    }`,
};
