/**
 * The dashboard's GraphQL documents as it sends them (copied from apps/web: lib/queries.ts,
 * lib/claim-list.ts, app/claims/[id]/page.tsx, app/articles/[id]/page.tsx, app/entities/page.tsx), so the
 * benchmarks time the queries real pages make.
 */

export const SERIES_QUERY = /* GraphQL */ `
  query ClaimSeries($filter: ClaimFilter, $groupBy: SeriesGrouping) {
    claimSeries(filter: $filter, groupBy: $groupBy) {
      series {
        key
        label
        entity { id name affiliation { id name } }
        points { claimId date precision qualifier low high best }
      }
    }
  }
`;

export interface SeriesResult {
  claimSeries: {
    series: {
      key: string;
      label: string;
      entity: { id: string; name: string; affiliation: { id: string; name: string } | null } | null;
      points: {
        claimId: string;
        date: string | null;
        precision: string;
        qualifier: string;
        low: number | null;
        high: number | null;
        best: number | null;
      }[];
    }[];
  };
}

/** The overview page's chart request (apps/web/lib/queries.ts): the newest points, bounded. */
export const OVERVIEW_QUERY = /* GraphQL */ `
  query Overview($filter: ClaimFilter, $groupBy: SeriesGrouping, $maxPoints: Int) {
    claimSeries(filter: $filter, groupBy: $groupBy, maxPoints: $maxPoints) {
      totalPoints
      truncated
      series {
        key label
        points { claimId date precision qualifier low high best display rate reviewStatus }
      }
      latestBySource {
        key label
        points { claimId date precision qualifier low high best display rate reviewStatus }
      }
    }
  }
`;

/** The filter form's choices (apps/web/lib/queries.ts), on the overview and the claims page. */
export const FACETS_QUERY = /* GraphQL */ `
  query FilterOptions {
    claimFacets {
      sources { ...FilterChoice }
      sides { ...FilterChoice }
      places { ...FilterChoice }
      subjects { ...FilterChoice }
    }
  }
  fragment FilterChoice on ClaimFacet { entity { id name } }
`;

export const CLAIM_LIST_QUERY = /* GraphQL */ `
  query ClaimList($filter: ClaimFilter, $orderBy: ClaimOrder, $direction: SortDirection, $first: Int,
                  $last: Int, $after: String, $before: String) {
    claims(filter: $filter, orderBy: $orderBy, direction: $direction, first: $first, last: $last,
           after: $after, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        node {
          id display metric subject qualifier hedge rate valueLow valueHigh valueBest statedOn
          statedOnPrecision reviewStatus confidence updatedAt
          source { id name affiliation { id name } }
          location { id name }
          appearances { totalCount edges { node { quote article { id title url outlet { id name } } } } }
        }
      }
    }
  }
`;

export interface ClaimListNode {
  id: string;
  display: string;
  metric: string;
  subject: string;
  qualifier: string;
  hedge: string | null;
  rate: string;
  valueLow: number | null;
  valueHigh: number | null;
  valueBest: number | null;
  statedOn: string | null;
  statedOnPrecision: string;
  reviewStatus: string;
  confidence: number | null;
  updatedAt: string;
  source: { id: string; name: string; affiliation: { id: string; name: string } | null } | null;
  location: { id: string; name: string } | null;
  appearances: {
    totalCount: number;
    edges: {
      node: {
        quote: string;
        article: {
          id: string;
          title: string;
          url: string | null;
          outlet: { id: string; name: string } | null;
        };
      };
    }[];
  };
}

export interface ClaimListResult {
  claims: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
    edges: { node: ClaimListNode }[];
  };
}

export const CLAIM_QUERY = /* GraphQL */ `
  query ClaimPage($id: ID!) {
    node(id: $id) {
      id
      ... on Claim {
        display metric subject qualifier hedge rate additional valueLow valueHigh valueBest statedOn
        statedOnPrecision refersFrom refersFromPrecision refersTo refersToPrecision reviewStatus origin
        extractorVersion confidence version
        viewerCan { edit review delete }
        createdAt updatedAt deletedAt
        source { id name affiliation { id name } }
        subjectEntity { id name }
        location { id name }
        appearances { totalCount edges { node {
          start end quote
          article { id title url publishedAt publishedPrecision body outlet { id name } }
          via { position entity { id name } }
        } } }
      }
    }
  }
`;

export const ARTICLE_QUERY = /* GraphQL */ `
  query ArticlePage($id: ID!) {
    node(id: $id) {
      id
      ... on Article {
        title url body language revision publishedAt publishedPrecision ingestedAt
        outlet { id name }
        appearances { totalCount edges { node { start end claim { id display subject reviewStatus } } } }
        mentions { totalCount edges { node { start end entity { id name } } } }
      }
    }
  }
`;

export const ENTITIES_QUERY = /* GraphQL */ `
  query EntityList($first: Int, $last: Int, $after: String, $before: String, $filter: EntityFilter) {
    entities(first: $first, last: $last, after: $after, before: $before, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        node {
          id name type
          affiliation { id name }
          aliases { name }
          claimsMade(first: 0) { totalCount }
        }
      }
    }
  }
`;

/** The review statuses the dashboard asks for unless told otherwise (rejected claims are left out). */
export const DEFAULT_STATUSES = ["UNREVIEWED", "VERIFIED", "DISPUTED"];
