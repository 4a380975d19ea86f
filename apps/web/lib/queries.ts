import type { AnyVariables } from "@urql/core";
import type { TadaDocumentNode } from "gql.tada";
import type { Metadata } from "next";
import { getClient } from "./api";
import type { ClaimFilterInput } from "./claim-filter";
import type { EntityRef } from "./entity-fields";
import { type EntityChoice, EntityChoiceFields } from "./entity-picker";
import { graphql, type ResultOf } from "./graphql";

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

/** The node a page is about, read by `node(id:)`; null when the id names nothing of that type. */
export async function fetchNode<
  Node extends { __typename: string },
  Typename extends Node["__typename"],
  Variables extends { id: string },
>(
  query: TadaDocumentNode<{ node: Node | null }, Variables>,
  variables: Variables,
  typename: Typename,
): Promise<Extract<Node, { __typename: Typename }> | null> {
  const { node } = await fetchApi(query, variables);
  return node?.__typename === typename ? (node as Extract<Node, { __typename: Typename }>) : null;
}

/**
 * The title of a page about one node: "Not found" when the id names nothing (the page answers 404), the
 * fallback when the API could not say.
 */
export async function nodePageMetadata<Node>(
  params: Promise<{ id: string }>,
  load: (id: string) => Promise<Node | null>,
  titleOf: (node: Node) => string,
  fallback: string,
): Promise<Metadata> {
  const node = await load(decodeURIComponent((await params).id)).catch((error) =>
    isInvalidId(error) ? null : undefined,
  );
  if (node === null) return { title: "Not found" };
  return { title: node ? titleOf(node) : fallback };
}

/** Runs a typed document on the server's client; its data, or an ApiError. */
export async function fetchApi<Data, Variables extends AnyVariables>(
  query: TadaDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const result = await getClient().query(query, variables);
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

const PointFields = graphql(`
  fragment PointFields on ClaimPoint @_unmask {
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
  }
`);

// Only claimSeries in these documents: the API runs chart documents through its compiled executor.
// The page asks in two requests, so its first paint does not wait for the chart's thousands of points:
// the head (how many claims match, each source's latest figure) and the window of plotted claims.
const OVERVIEW_HEAD_QUERY = graphql(
  `
    query OverviewHead($filter: ClaimFilter, $groupBy: SeriesGrouping, $maxPoints: Int) {
      claimSeries(filter: $filter, groupBy: $groupBy, maxPoints: $maxPoints) {
        totalPoints
        truncated
        latestBySource {
          key
          label
          points {
            ...PointFields
            subjectEntity
            additional
            refersFrom
            refersTo
          }
        }
      }
    }
  `,
  [PointFields],
);

const OVERVIEW_SERIES_QUERY = graphql(
  `
    query OverviewSeries($filter: ClaimFilter, $groupBy: SeriesGrouping, $maxPoints: Int) {
      claimSeries(filter: $filter, groupBy: $groupBy, maxPoints: $maxPoints) {
        totalPoints
        series {
          key
          label
          points {
            ...PointFields
          }
        }
      }
    }
  `,
  [PointFields],
);

/** How many claims match in all, whether the chart keeps only the newest, and each source's latest figure. */
export type OverviewHead = ResultOf<typeof OVERVIEW_HEAD_QUERY>["claimSeries"];
/** The chart's lines: the newest `maxPoints` matching claims at most. */
export type OverviewSeries = ResultOf<typeof OVERVIEW_SERIES_QUERY>["claimSeries"];
export type ClaimPointData = ResultOf<typeof PointFields>;
/** A latest figure carries what decides whether it compares with another. */
export type LatestPointData = OverviewHead["latestBySource"][number]["points"][number];
export interface SeriesData<Point extends ClaimPointData = ClaimPointData> {
  key: string;
  label: string;
  points: Point[];
}

/** The overview's head: the count of matching claims and each source's newest dated claim among them. */
export async function fetchOverviewHead(
  filter: ClaimFilterInput,
  groupBy: "SOURCE" | "AFFILIATION",
  maxPoints: number,
): Promise<OverviewHead> {
  return (await fetchApi(OVERVIEW_HEAD_QUERY, { filter, groupBy, maxPoints })).claimSeries;
}

/** The chart's points: the newest `maxPoints` matching claims, grouped by source or side. */
export async function fetchOverviewSeries(
  filter: ClaimFilterInput,
  groupBy: "SOURCE" | "AFFILIATION",
  maxPoints: number,
): Promise<OverviewSeries> {
  return (await fetchApi(OVERVIEW_SERIES_QUERY, { filter, groupBy, maxPoints })).claimSeries;
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

const FilterChoiceFields = graphql(
  `
    fragment FilterChoice on ClaimFacet @_unmask {
      entity {
        ...EntityChoice
      }
    }
  `,
  [EntityChoiceFields],
);

const FACETS_QUERY = graphql(
  `
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
  `,
  [FilterChoiceFields],
);

export interface FilterOptions {
  /** Thousands at scale: the server deals colours over them; the form's source picker searches instead. */
  sources: EntityChoice[];
  sides: EntityRef[];
  subjects: EntityRef[];
  places: EntityRef[];
}

/**
 * The choices of the filter form: the entities that live claims refer to in each role (counted by the
 * API with one GROUP BY per role over indexes; the form does not show the counts).
 */
export async function fetchFilterOptions(): Promise<FilterOptions> {
  const data = await fetchApi(FACETS_QUERY, {});
  const entities = (facets: readonly { entity: EntityRef }[]) =>
    facets.map(({ entity }) => ({ id: entity.id, name: entity.name }));
  const { sources, sides, places, subjects } = data.claimFacets;
  return {
    sources: sources.map(({ entity }) => ({ id: entity.id, name: entity.name, type: entity.type })),
    sides: entities(sides),
    places: entities(places),
    subjects: entities(subjects),
  };
}

const METRIC_COUNTS_QUERY = graphql(`
  query MetricCounts($filter: ClaimFilter) {
    claimFacets(filter: $filter) {
      metrics {
        metric
        rate
        count
      }
    }
  }
`);

export type MetricCount = ResultOf<typeof METRIC_COUNTS_QUERY>["claimFacets"]["metrics"][number];

/** How many matching claims count each metric, per rate, most first. */
export async function fetchMetricCounts(filter: ClaimFilterInput): Promise<MetricCount[]> {
  const data = await fetchApi(METRIC_COUNTS_QUERY, { filter });
  return data.claimFacets.metrics;
}
