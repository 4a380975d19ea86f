import type { Metric, Precision, Qualifier, Rate, ReviewStatus } from "@headcount/shared";
import { getClient } from "./api";
import type { ClaimFilterInput } from "./claim-filter";
import type { EntityChoice } from "./entity-picker";
import type { Gql } from "./vocabulary";

/** A query that failed is shown as an error, never papered over with made-up data. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    message: string,
    /** The GraphQL errors' codes and the root field each failed at. */
    readonly failures: { code: string | null; field: string | null }[] = [],
  ) {
    super(message);
  }
}

/** The API refused an id as malformed (node(id:) answers BAD_USER_INPUT): for a page, nothing is there. */
export function isInvalidId(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.failures.length > 0 &&
    error.failures.every((failure) => failure.code === "BAD_USER_INPUT" && failure.field === "node")
  );
}

export async function fetchApi<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const result = await getClient().query<Data>(query, variables);
  if (result.error) {
    throw new ApiError(
      result.error.message,
      result.error.graphQLErrors.map((error) => ({
        code: typeof error.extensions?.code === "string" ? error.extensions.code : null,
        field: typeof error.path?.[0] === "string" ? error.path[0] : null,
      })),
    );
  }
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
  /** The value in words ("as many as 8,000", "1,200 a day"). */
  display: string;
  rate: Gql<Rate>;
  metric: Gql<Metric>;
  reviewStatus: Gql<ReviewStatus>;
}

/** A latest figure carries what decides whether it compares with another. */
export interface LatestPointData extends ClaimPointData {
  subjectEntity: string | null;
  additional: boolean;
  refersFrom: string | null;
  refersTo: string | null;
}

export interface SeriesData<Point extends ClaimPointData = ClaimPointData> {
  key: string;
  label: string;
  points: Point[];
}

export interface OverviewData {
  /** The lines of the chart: the newest `maxPoints` matching claims at most. */
  series: SeriesData[];
  /** Every matching claim, plotted or not. */
  totalPoints: number;
  truncated: boolean;
  /** Each source's newest dated claim among all matching claims (one point per series). */
  latestBySource: SeriesData<LatestPointData>[];
}

const POINT_FIELDS = /* GraphQL */ `
  claimId
  date
  precision
  qualifier
  low
  high
  best
  display
  rate
  metric
  reviewStatus
`;

// Only claimSeries in this document: the API runs chart documents through its compiled executor.
const OVERVIEW_QUERY = /* GraphQL */ `
  query Overview($filter: ClaimFilter, $groupBy: SeriesGrouping, $maxPoints: Int) {
    claimSeries(filter: $filter, groupBy: $groupBy, maxPoints: $maxPoints) {
      totalPoints
      truncated
      series {
        key
        label
        points {
          ${POINT_FIELDS}
        }
      }
      latestBySource {
        key
        label
        points {
          ${POINT_FIELDS}
          subjectEntity
          additional
          refersFrom
          refersTo
        }
      }
    }
  }
`;

/** The chart's newest points, what was left out, and each source's latest figure: one request. */
export async function fetchOverview(
  filter: ClaimFilterInput,
  groupBy: "SOURCE" | "AFFILIATION",
  maxPoints: number,
): Promise<OverviewData> {
  const data = await fetchApi<{ claimSeries: OverviewData }>(OVERVIEW_QUERY, { filter, groupBy, maxPoints });
  return data.claimSeries;
}

/** What the filter form is given: short lists whole, the source the view names (its picker searches the rest). */
export interface FormOptions extends Omit<FilterOptions, "sources"> {
  source: EntityChoice | null;
}

/** The form's share of the options, for a view naming `sourceId` (or none). */
export function formOptions(options: FilterOptions, sourceId: string): FormOptions {
  const { sources, ...rest } = options;
  return { ...rest, source: sources.find((entity) => entity.id === sourceId) ?? null };
}

export interface FilterOptions {
  /** Thousands at scale: the server deals colours over them; the form's source picker searches instead. */
  sources: EntityChoice[];
  sides: EntityRef[];
  subjects: EntityRef[];
  places: EntityRef[];
}

const FACETS_QUERY = /* GraphQL */ `
  query FilterOptions {
    claimFacets {
      sources {
        ...FilterChoice
      }
      sides {
        ...FilterChoice
      }
      places {
        ...FilterChoice
      }
      subjects {
        ...FilterChoice
      }
    }
  }
  fragment FilterChoice on ClaimFacet {
    entity {
      id
      name
      type
    }
  }
`;

interface Facet {
  entity: EntityChoice;
}

/**
 * The choices of the filter form: the entities that live claims refer to in each role (counted by the
 * API with one GROUP BY per role over indexes; the form does not show the counts).
 */
export async function fetchFilterOptions(): Promise<FilterOptions> {
  const data = await fetchApi<{
    claimFacets: Record<"sources" | "sides" | "places" | "subjects", Facet[]>;
  }>(FACETS_QUERY);
  const entities = (facets: Facet[]) => facets.map(({ entity }) => ({ id: entity.id, name: entity.name }));
  const { sources, sides, places, subjects } = data.claimFacets;
  return {
    sources: sources.map(({ entity }) => ({ id: entity.id, name: entity.name, type: entity.type })),
    sides: entities(sides),
    places: entities(places),
    subjects: entities(subjects),
  };
}

export interface MetricCount {
  metric: Gql<Metric>;
  rate: Gql<Rate>;
  count: number;
}

const METRIC_COUNTS_QUERY = /* GraphQL */ `
  query MetricCounts($filter: ClaimFilter) {
    claimFacets(filter: $filter) {
      metrics {
        metric
        rate
        count
      }
    }
  }
`;

/** How many matching claims count each metric, per rate, most first. */
export async function fetchMetricCounts(filter: ClaimFilterInput): Promise<MetricCount[]> {
  const data = await fetchApi<{ claimFacets: { metrics: MetricCount[] } }>(METRIC_COUNTS_QUERY, { filter });
  return data.claimFacets.metrics;
}
