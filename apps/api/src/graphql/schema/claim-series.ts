import { displayClaimValue } from "@headcount/shared";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../builder.ts";
import { claimSeriesRows, type PointTuple, type SeriesGrouping } from "../sql/claim-series.ts";
import { ClaimFilterInput, claimFilterOf } from "./claim.ts";
import { EntityNode } from "./entity.ts";
import { PrecisionEnum, QualifierEnum, RateEnum, ReviewStatusEnum } from "./enums.ts";

interface Series {
  key: string;
  label: string;
  entityId: number | null;
  points: PointTuple[];
  /** The entity ids of every series of the result, so their entities load in one statement. */
  entityIds: number[];
}

/** Per result and selection: the series' entities, loaded together (see `entity` below). */
const entityLoads = new WeakMap<number[], Map<string, Promise<Map<number, unknown>>>>();

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
    entity: t.prismaField({
      type: EntityNode,
      nullable: true,
      description: "The entity the series stands for, when it stands for one.",
      // One findMany for all series instead of one findUnique each: with a thousand series, Prisma's
      // per-call work cost far more than the statement (docs/performance.md).
      resolve: async (query, series, _args, context) => {
        if (series.entityId === null) return null;
        let loads = entityLoads.get(series.entityIds);
        if (!loads) {
          loads = new Map();
          entityLoads.set(series.entityIds, loads);
        }
        const key = JSON.stringify(query);
        let load = loads.get(key);
        if (!load) {
          load = context.prisma.entity
            .findMany({ ...query, where: { id: { in: series.entityIds } } })
            .then((rows) => new Map<number, unknown>(rows.map((row) => [row.id, row])));
          loads.set(key, load);
        }
        return ((await load).get(series.entityId) ?? null) as Awaited<
          ReturnType<typeof context.prisma.entity.findUnique>
        >;
      },
    }),
    points: t.field({
      type: [ClaimPointRef],
      description: "The claims, by date (undated last).",
      resolve: (series) => series.points,
    }),
  }),
});

const ClaimSeriesResultRef = builder.objectRef<{ series: Series[] }>("ClaimSeriesResult").implement({
  description: "The chart's data.",
  fields: (t) => ({
    series: t.field({
      type: [ClaimSeriesRef],
      description: "The lines, largest first.",
      resolve: (result) => result.series,
    }),
  }),
});

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
      "The chart's data in one request: matching claims grouped into series, computed in one SQL statement. Deleted and rejected claims are never plotted.",
    args: {
      filter: t.arg({ type: ClaimFilterInput, description: "Which claims." }),
      groupBy: t.arg({
        type: SeriesGroupingEnum,
        defaultValue: "SOURCE",
        description: "What one series stands for.",
      }),
    },
    resolve: async (_root, args, context) => {
      const groupBy = args.groupBy ?? "SOURCE";
      const rows = await claimSeriesRows(context.prisma, claimFilterOf(args.filter, context), groupBy);
      const entityIds = rows.flatMap((row) =>
        row.metric === null && row.entityId !== null ? [row.entityId] : [],
      );
      return {
        series: rows.map((row) => {
          const fallback = FALLBACK[groupBy];
          if (row.metric !== null) {
            const label = row.metric.replace(/_/g, " ");
            return {
              key: row.metric.toUpperCase(),
              label: label.charAt(0).toUpperCase() + label.slice(1),
              entityId: null,
              points: row.points,
              entityIds,
            };
          }
          return {
            key: row.entityId === null ? fallback.key : encodeGlobalID("Entity", row.entityId),
            label: row.entityName ?? fallback.label,
            entityId: row.entityId,
            points: row.points,
            entityIds,
          };
        }),
      };
    },
  }),
);
