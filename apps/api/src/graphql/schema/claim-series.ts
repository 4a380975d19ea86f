import { displayClaimValue } from "@headcount/shared";
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  Kind,
  type SelectionSetNode,
} from "graphql";
import { z } from "zod";
import type { PrismaClient } from "../../db/prisma.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { encodeDatabaseGlobalId as encodeGlobalID } from "../ids.ts";
import { deferRawJson, rawJsonAllowed } from "../raw-json.ts";
import type { ClaimFilter } from "../sql/claim-filter.ts";
import {
  claimSeriesRows,
  latestPointsExcept,
  MAX_SERIES_POINTS,
  POINT_FIELDS,
  type PointField,
  type PointShape,
  type PointTuple,
  plottedCount,
  type SeriesGrouping,
  type SeriesRow,
} from "../sql/claim-series.ts";
import { readRawRows, selectedFields } from "../sql/raw-node.ts";
import { ClaimFilterInput, claimFilterOf } from "./claim.ts";
import { entitiesById, selects } from "./claim-facets.ts";
import { EntityNode } from "./entity.ts";
import { MetricEnum, PrecisionEnum, QualifierEnum, RateEnum, ReviewStatusEnum } from "./enums.ts";

interface Series {
  key: string;
  label: string;
  entityId: number | null;
  /** The points as tuples; null when PostgreSQL wrote them as the JSON text of the selection (pointsJson). */
  points: PointTuple[] | null;
  pointsJson: string | null;
  /** The entity's row as the selection under `entity` needs it (see withEntities). */
  entity?: unknown;
}

/**
 * The series with their entities, when the selection asks for `entity`: the query Pothos plans for that
 * selection is planned once for the list (which also tells the entity's fields that their columns are
 * loaded) and the entities of every series load in one statement whose JSON PostgreSQL builds, as for
 * claimFacets. Planned per series (2,000 for one metric's sources), Pothos' selection mapper was the
 * largest JavaScript cost of the request after garbage collection (docs/performance.md, section 11).
 */
async function withEntities(series: Series[], context: Context, info: GraphQLResolveInfo): Promise<Series[]> {
  if (!info.fieldNodes.some((node) => selects(node.selectionSet, "entity", info))) return series;
  const ids = [...new Set(series.flatMap((line) => (line.entityId === null ? [] : [line.entityId])))];
  if (ids.length === 0) return series.map((line) => ({ ...line, entity: null }));
  const byId = await entitiesById(context, info, ids);
  return series.map((line) => ({
    ...line,
    entity: line.entityId === null ? null : (byId.get(line.entityId) ?? null),
  }));
}

/**
 * The series as the JSON text of the request's `series { … }` selection, when every field of it can be
 * written without the executor: `key` and `label` from the row, `points` as PostgreSQL wrote them in the
 * selection's shape, `entity` as the JSON text of its selection written by PostgreSQL for all the series in
 * one statement (sql/raw-node.ts). A page of ≈ 1,300 series with their entities was otherwise completed
 * field by field, object by object (docs/performance.md, section 14). Undefined when the selection has
 * anything else, before any statement.
 */
async function rawSeries(series: Series[], context: Context, info: GraphQLResolveInfo) {
  const fields = selectedFields(context, info, "ClaimSeries", info.fieldNodes);
  if (!fields) return undefined;
  const writers: ((line: Series) => string)[] = [];
  for (const [key, name, nodes] of fields) {
    const prefix = `${writers.length === 0 ? "{" : ","}"${key}":`;
    if (name === "__typename") {
      writers.push(() => `${prefix}"ClaimSeries"`);
    } else if (name === "key") {
      writers.push((line) => prefix + JSON.stringify(line.key));
    } else if (name === "label") {
      writers.push((line) => prefix + JSON.stringify(line.label));
    } else if (name === "points") {
      if (series.some((line) => line.pointsJson === null)) return undefined;
      writers.push((line) => prefix + line.pointsJson);
    } else if (name === "entity") {
      const ids = [...new Set(series.flatMap((line) => (line.entityId === null ? [] : [line.entityId])))];
      const texts =
        ids.length === 0 ? new Map<number, string>() : await readRawRows("Entity", ids, nodes, context, info);
      if (!texts) return undefined;
      writers.push(
        (line) => prefix + ((line.entityId === null ? undefined : texts.get(line.entityId)) ?? "null"),
      );
    } else {
      return undefined;
    }
  }
  let text = "[";
  for (let i = 0; i < series.length; i++) {
    const line = series[i] as Series;
    if (i > 0) text += ",";
    for (const write of writers) text += write(line);
    text += "}";
  }
  return `${text}]`;
}

const SeriesGroupingEnum = builder.enumType("SeriesGrouping", {
  description: "What one line of the chart stands for.",
  values: {
    SOURCE: { description: 'Who made the claims; claims with no source form the "unattributed" series.' },
    AFFILIATION: {
      description: 'The side the source speaks for (a country speaking for itself); else "unaffiliated".',
    },
    OUTLET: { description: 'The outlet that first printed each claim; else "unknown-outlet".' },
    METRIC: { description: "What was counted (deployed, killed…)." },
  },
});

const ClaimPointRef = builder.objectRef<PointTuple>("ClaimPoint").implement({
  description: "One plotted claim, compact: enough to draw it and to fetch its evidence by claimId.",
  fields: (t) => ({
    claimId: t.id({
      description: "The claim's global ID (node(id) gives its quotes).",
      resolve: ([id]) => encodeGlobalID("Claim", id),
    }),
    date: t.field({
      type: "Date",
      nullable: true,
      description: "When it was stated, or else when it was first printed.",
      resolve: ([, date]) => date,
    }),
    precision: t.field({
      type: PrecisionEnum,
      description: "How far the date can be trusted.",
      resolve: ([, , precision]) => precision,
    }),
    low: t.int({ nullable: true, description: "The low bound.", resolve: (point) => point[3] }),
    high: t.int({ nullable: true, description: "The high bound.", resolve: (point) => point[4] }),
    best: t.int({ nullable: true, description: "The best figure.", resolve: (point) => point[5] }),
    qualifier: t.field({
      type: QualifierEnum,
      description: "How the number was hedged.",
      resolve: (point) => point[6],
    }),
    rate: t.field({
      type: RateEnum,
      description: "Total, per day, per week or percent.",
      resolve: (point) => point[7],
    }),
    reviewStatus: t.field({
      type: ReviewStatusEnum,
      description: "An editor's verdict (rejected claims are never plotted).",
      resolve: (point) => point[8],
    }),
    metric: t.field({
      type: MetricEnum,
      description: "What was counted (deployed, killed…): figures of different metrics are never comparable.",
      resolve: (point) => point[11],
    }),
    subjectEntity: t.id({
      nullable: true,
      description:
        "The global ID of the entity whose forces are counted (null when the text names none): figures about different forces are not comparable.",
      resolve: (point) => (point[12] === null ? null : encodeGlobalID("Entity", point[12])),
    }),
    additional: t.boolean({
      description: 'True when the value is an increment on an earlier figure ("another 1,000").',
      resolve: (point) => point[13],
    }),
    refersFrom: t.field({
      type: "Date",
      nullable: true,
      description: "The start of the period the number describes, when it says one.",
      resolve: (point) => point[14],
    }),
    refersTo: t.field({
      type: "Date",
      nullable: true,
      description: "The end of the period the number describes, when it says one.",
      resolve: (point) => point[15],
    }),
    display: t.string({
      description: 'The value in words ("as many as 8,000", "thousands").',
      resolve: (point) =>
        displayClaimValue({
          valueLow: point[3],
          valueHigh: point[4],
          valueBest: point[5],
          qualifier: point[6],
          rate: point[7],
          hedge: point[9],
        }),
    }),
  }),
});

const ClaimSeriesRef = builder.objectRef<Series>("ClaimSeries").implement({
  description: "One line of the chart: the claims of one group, oldest first.",
  fields: (t) => ({
    key: t.exposeString("key", {
      description: "Stable key: the entity's global ID, the metric, or a fixed word for the rest.",
    }),
    label: t.exposeString("label", { description: "What to print in the legend." }),
    // Loaded for the whole list by withEntities, so this resolves from the row it was handed.
    entity: t.field({
      type: EntityNode,
      nullable: true,
      description: "The entity the series stands for, when it stands for one.",
      resolve: (series) =>
        (series.entity ?? null) as Awaited<ReturnType<PrismaClient["entity"]["findUnique"]>>,
    }),
    points: t.field({
      type: [ClaimPointRef],
      description: "The claims, by date (undated last).",
      resolve: (series, _args, context, info) => {
        if (series.pointsJson === null) return series.points ?? [];
        // Written by PostgreSQL in this selection's shape: sent as it is (graphql/raw-json.ts).
        deferRawJson(context, info.path, series.pointsJson);
        return [];
      },
    }),
  }),
});

interface SeriesResult {
  series: Series[];
  rows: SeriesRow[];
  filter: ClaimFilter;
  groupBy: SeriesGrouping;
  maxPoints: number | null;
  /** Points returned, and points matching (all of them when the request was not bounded). */
  returned: number;
  totalPoints: number;
}

/**
 * The window latestBySource starts from when a request kept fewer points: every source without a point in
 * the window is looked up on its own, its undated claims dated by their first printing one by one, so a
 * window of a hundred claims out of a million would leave thousands of sources to look up.
 */
const LATEST_WINDOW = 10_000;

/** Newer first: by date, then by claim id (the order in which a bounded request keeps points). */
const newer = (a: PointTuple, b: PointTuple) =>
  (a[1] as string) > (b[1] as string) || (a[1] === b[1] && a[0] > b[0]);

/**
 * The newest dated point of each source: from the returned points when they hold every matching claim,
 * or every source's newest one (always the case for a source with a point among the newest N: they are
 * the newest of the whole set); the sources left out of a bounded request are looked up in SQL.
 */
async function latestBySource(result: SeriesResult, context: Context): Promise<Series[]> {
  let { rows, returned } = result;
  if (returned < result.totalPoints && returned < LATEST_WINDOW) {
    rows = await claimSeriesRows(context.prisma, result.filter, "SOURCE", LATEST_WINDOW);
    returned = rows.reduce((sum, row) => sum + row.pointCount, 0);
  } else if (rows.some((row) => row.points === null)) {
    // The points came as JSON text for the series' selection: read them again as tuples.
    rows = await claimSeriesRows(context.prisma, result.filter, result.groupBy, result.maxPoints);
  }
  const newest = new Map<number | null, PointTuple>();
  // Undated points rank last: a bounded request that kept one kept every dated claim.
  let keptUndated = false;
  for (const row of rows) {
    for (const point of row.points ?? []) {
      if (point[1] === null) {
        keptUndated = true;
        continue;
      }
      const current = newest.get(point[10]);
      if (!current || newer(point, current)) newest.set(point[10], point);
    }
  }
  if (returned < result.totalPoints && !keptUndated) {
    const present = [...newest.keys()].filter((id): id is number => id !== null);
    const others = await latestPointsExcept(context.prisma, result.filter, present, newest.has(null));
    for (const { sourceId, point } of others) newest.set(sourceId, point);
  }
  const ids = [...newest.keys()].filter((id): id is number => id !== null);
  const names = new Map(
    (
      await context.prisma.entity.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    ).map((entity) => [entity.id, entity.name]),
  );
  return [...newest.entries()]
    .map(([sourceId, point]) =>
      sourceId === null
        ? { ...FALLBACK.SOURCE, entityId: null, points: [point], pointsJson: null }
        : {
            key: encodeGlobalID("Entity", sourceId),
            label: names.get(sourceId) ?? FALLBACK.SOURCE.label,
            entityId: sourceId,
            points: [point],
            pointsJson: null,
          },
    )
    .sort(
      (a, b) => Number(a.entityId === null) - Number(b.entityId === null) || a.label.localeCompare(b.label),
    );
}

const ClaimSeriesResultRef = builder.objectRef<SeriesResult>("ClaimSeriesResult").implement({
  description: "The chart's data.",
  fields: (t) => ({
    series: t.field({
      type: [ClaimSeriesRef],
      description: "The lines, largest first.",
      resolve: async (result, _args, context, info) => {
        const text = rawJsonAllowed(context) ? await rawSeries(result.series, context, info) : undefined;
        if (text === undefined) return withEntities(result.series, context, info);
        // Written as the selection's JSON text and sent as it is (graphql/raw-json.ts).
        deferRawJson(context, info.path, text);
        return [];
      },
    }),
    totalPoints: t.int({
      description:
        "How many claims match, plotted or not: more than the points returned when maxPoints left some out.",
      resolve: (result) => result.totalPoints,
    }),
    truncated: t.boolean({
      description: "True when maxPoints left out some matching claims (the oldest ones).",
      resolve: (result) => result.returned < result.totalPoints,
    }),
    latestBySource: t.field({
      type: [ClaimSeriesRef],
      description:
        'Each source\'s newest dated claim among all matching claims, whether or not maxPoints kept it: one series of one point per source (claims with no source form the "unattributed" one), by name. Dated as on the chart: when stated, else when first printed.',
      resolve: async (result, _args, context, info) =>
        withEntities(await latestBySource(result, context), context, info),
    }),
  }),
});

/**
 * The fields selected under `claimSeries`' nodes, merged by response key in the order graphql-js
 * collects them (fragments spread in place); null when a directive or an unknown selection appears.
 */
function collectFields(
  sets: readonly (SelectionSetNode | undefined)[],
  fragments: Record<string, FragmentDefinitionNode>,
  fields = new Map<string, FieldNode[]>(),
): Map<string, FieldNode[]> | null {
  for (const set of sets) {
    for (const selection of set?.selections ?? []) {
      if (selection.directives?.length) return null;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const same = fields.get(key);
        if (same) same.push(selection);
        else fields.set(key, [selection]);
      } else {
        const fragment =
          selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
        if (!fragment || fragment.directives?.length) return null;
        if (!collectFields([fragment.selectionSet], fragments, fields)) return null;
      }
    }
  }
  return fields;
}

const POINT_FIELD_NAMES: ReadonlySet<string> = new Set(POINT_FIELDS);

/**
 * The shape of `series { points { … } }` in this request, when PostgreSQL can write it: every `points`
 * under every `series` selects the same keys, with no directives; null when not, or when
 * `latestBySource` (which reads the points as tuples) is selected too.
 */
function pointShapeOf(info: GraphQLResolveInfo): PointShape | null {
  const top = collectFields(
    info.fieldNodes.map((node) => node.selectionSet),
    info.fragments,
  );
  if (!top) return null;
  let shape: PointShape | null = null;
  for (const nodes of top.values()) {
    const name = nodes[0]?.name.value;
    if (name === "latestBySource") return null;
    if (name !== "series") continue;
    const inSeries = collectFields(
      nodes.map((node) => node.selectionSet),
      info.fragments,
    );
    if (!inSeries) return null;
    for (const pointNodes of inSeries.values()) {
      if (pointNodes[0]?.name.value !== "points") continue;
      const fields = collectFields(
        pointNodes.map((node) => node.selectionSet),
        info.fragments,
      );
      if (!fields || fields.size === 0) return null;
      const next: PointShape = [];
      for (const [key, [field]] of fields) {
        if (!field || !POINT_FIELD_NAMES.has(field.name.value)) return null;
        next.push({ key, field: field.name.value as PointField });
      }
      if (shape && JSON.stringify(shape) !== JSON.stringify(next)) return null;
      shape = next;
    }
  }
  return shape;
}

const FALLBACK: Record<SeriesGrouping, { key: string; label: string }> = {
  SOURCE: { key: "unattributed", label: "Unattributed" },
  AFFILIATION: { key: "unaffiliated", label: "No known affiliation" },
  OUTLET: { key: "unknown-outlet", label: "Unknown outlet" },
  METRIC: { key: "unknown", label: "Unknown" },
};

builder.queryField("claimSeries", (t) =>
  t.field({
    type: ClaimSeriesResultRef,
    description:
      "The chart's data in one request: matching claims grouped into series, computed in one SQL statement (with maxPoints, a second one counts the total beside it). Deleted and rejected claims are never plotted.",
    args: {
      filter: t.arg({ type: ClaimFilterInput, description: "Which claims." }),
      groupBy: t.arg({
        type: SeriesGroupingEnum,
        defaultValue: "SOURCE",
        description: "What one series stands for.",
      }),
      maxPoints: t.arg.int({
        description: `Plot only the newest this many matching claims (1 to ${MAX_SERIES_POINTS.toLocaleString("en-US")}), ranked by date over the whole filtered set before grouping; series with none of them are left out. totalPoints and truncated say what was left out. Without it, every matching claim is returned.`,
        validate: z
          .number()
          .int()
          .min(1, `maxPoints must be between 1 and ${MAX_SERIES_POINTS}`)
          .max(MAX_SERIES_POINTS, `maxPoints must be between 1 and ${MAX_SERIES_POINTS}`),
      }),
    },
    resolve: async (_root, args, context, info) => {
      const groupBy = args.groupBy ?? "SOURCE";
      const filter = claimFilterOf(args.filter, context);
      const bounded = args.maxPoints !== null && args.maxPoints !== undefined;
      // When the answer is serialised by the API's own step, PostgreSQL writes the points in the
      // selection's shape and they are sent without being parsed (graphql/raw-json.ts).
      const shape = rawJsonAllowed(context) ? pointShapeOf(info) : null;
      // The total runs beside the ranking (two connections): the sum of the two would be the latency.
      const [rows, total] = await Promise.all([
        claimSeriesRows(context.prisma, filter, groupBy, args.maxPoints, shape),
        bounded ? plottedCount(context.prisma, filter) : null,
      ]);
      const returned = rows.reduce((sum, row) => sum + row.pointCount, 0);
      return {
        rows,
        filter,
        groupBy,
        maxPoints: args.maxPoints ?? null,
        returned,
        totalPoints: Math.max(total ?? returned, returned),
        series: rows.map((row) => {
          const fallback = FALLBACK[groupBy];
          if (row.metric !== null) {
            const label = row.metric.replace(/_/g, " ");
            return {
              key: row.metric.toUpperCase(),
              label: label.charAt(0).toUpperCase() + label.slice(1),
              entityId: null,
              points: row.points,
              pointsJson: row.pointsJson,
            };
          }
          return {
            key: row.entityId === null ? fallback.key : encodeGlobalID("Entity", row.entityId),
            label: row.entityName ?? fallback.label,
            entityId: row.entityId,
            points: row.points,
            pointsJson: row.pointsJson,
          };
        }),
      };
    },
  }),
);
