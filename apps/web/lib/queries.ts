import type { Metric, Precision, Qualifier, ReviewStatus } from "@headcount/shared";
import { getClient } from "./api";
import type { ClaimFilterInput } from "./claim-filter";
import type { Gql } from "./vocabulary";

/** A query that failed is shown as an error, never papered over with made-up data. */
export class ApiError extends Error {
  override name = "ApiError";
}

export async function fetchApi<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const result = await getClient().query<Data>(query, variables);
  if (result.error) throw new ApiError(result.error.message);
  if (!result.data) throw new ApiError("The API returned no data.");
  return result.data;
}

export interface EntityRef {
  id: string;
  name: string;
}

export interface ClaimPointData {
  claimId: string;
  date: string | null;
  precision: Gql<Precision>;
  qualifier: Gql<Qualifier>;
  low: number | null;
  high: number | null;
  best: number | null;
}

export interface SeriesData {
  key: string;
  label: string;
  entity: (EntityRef & { affiliation: EntityRef | null }) | null;
  points: ClaimPointData[];
}

const SERIES_QUERY = /* GraphQL */ `
  query ClaimSeries($filter: ClaimFilter, $groupBy: SeriesGrouping) {
    claimSeries(filter: $filter, groupBy: $groupBy) {
      series {
        key
        label
        entity {
          id
          name
          affiliation {
            id
            name
          }
        }
        points {
          claimId
          date
          precision
          qualifier
          low
          high
          best
        }
      }
    }
  }
`;

export async function fetchSeries(
  filter: ClaimFilterInput,
  groupBy: "SOURCE" | "AFFILIATION",
): Promise<SeriesData[]> {
  const data = await fetchApi<{ claimSeries: { series: SeriesData[] } }>(SERIES_QUERY, { filter, groupBy });
  return data.claimSeries.series;
}

const CLAIM_IDS_QUERY = /* GraphQL */ `
  query ClaimIds($filter: ClaimFilter, $after: String) {
    claims(filter: $filter, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
        }
      }
    }
  }
`;

/** Ids of every claim matching a filter (for marks such as "disputed" that the series do not carry). */
export async function fetchClaimIds(filter: ClaimFilterInput, limit = 20_000): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | null = null;
  while (ids.size < limit) {
    const data: {
      claims: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: { id: string } }[];
      };
    } = await fetchApi(CLAIM_IDS_QUERY, { filter, after });
    for (const edge of data.claims.edges) ids.add(edge.node.id);
    if (!data.claims.pageInfo.hasNextPage || !data.claims.pageInfo.endCursor) break;
    after = data.claims.pageInfo.endCursor;
  }
  return ids;
}

export interface ClaimSummary {
  id: string;
  display: string;
  metric: Gql<Metric>;
  reviewStatus: Gql<ReviewStatus>;
  rate: "TOTAL" | "PER_DAY" | "PER_WEEK" | "PERCENT";
  statedOn: string | null;
  statedOnPrecision: Gql<Precision>;
  source: EntityRef | null;
}

const CLAIM_SUMMARIES_QUERY = /* GraphQL */ `
  query ClaimSummaries($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Claim {
        id
        display
        metric
        reviewStatus
        rate
        statedOn
        statedOnPrecision
        source {
          id
          name
        }
      }
    }
  }
`;

export async function fetchClaimSummaries(ids: string[]): Promise<Map<string, ClaimSummary>> {
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += 100) batches.push(ids.slice(i, i + 100));
  const pages = await Promise.all(
    batches.map((batch) =>
      fetchApi<{ nodes: (ClaimSummary | null)[] }>(CLAIM_SUMMARIES_QUERY, { ids: batch }),
    ),
  );
  const summaries = new Map<string, ClaimSummary>();
  for (const page of pages) for (const node of page.nodes) if (node?.id) summaries.set(node.id, node);
  return summaries;
}

export interface FilterOptions {
  sources: EntityRef[];
  sides: EntityRef[];
  subjects: EntityRef[];
  places: EntityRef[];
}

const ENTITIES_WITH_CLAIMS_QUERY = /* GraphQL */ `
  query EntitiesWithClaims($types: [EntityType!]) {
    entities(first: 100, filter: { type: $types }) {
      edges {
        node {
          id
          name
          claimsAbout(first: 0) {
            totalCount
          }
        }
      }
    }
  }
`;

interface EntitiesWithClaims {
  entities: { edges: { node: EntityRef & { claimsAbout: { totalCount: number } } }[] };
}

const byName = (a: EntityRef, b: EntityRef) => a.name.localeCompare(b.name);

/** The choices of the filter form: only entities that some claim refers to. */
export async function fetchFilterOptions(): Promise<FilterOptions> {
  const [bySource, bySide, places, others] = await Promise.all([
    fetchSeries({}, "SOURCE"),
    fetchSeries({}, "AFFILIATION"),
    fetchApi<EntitiesWithClaims>(ENTITIES_WITH_CLAIMS_QUERY, { types: ["PLACE"] }),
    fetchApi<EntitiesWithClaims>(ENTITIES_WITH_CLAIMS_QUERY, { types: ["ORGANIZATION", "GROUP"] }),
  ]);
  const entitiesOf = (series: SeriesData[]) =>
    series.flatMap((s) => (s.entity ? [{ id: s.entity.id, name: s.entity.name }] : [])).sort(byName);
  const withClaims = (data: EntitiesWithClaims) =>
    data.entities.edges
      .map((e) => e.node)
      .filter((n) => n.claimsAbout.totalCount > 0)
      .map(({ id, name }) => ({ id, name }))
      .sort(byName);
  return {
    sources: entitiesOf(bySource),
    sides: entitiesOf(bySide),
    places: withClaims(places),
    subjects: withClaims(others),
  };
}
