import { queryFromInfo } from "@pothos/plugin-prisma";
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";
import type { PrismaClient } from "../../db/prisma.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import {
  type ClaimRole,
  claimFacetEntities,
  claimFacetRows,
  claimMetricRows,
  type FacetRow,
  keepsEveryLiveClaim,
  type MetricFacetRow,
} from "../sql/claim-facets.ts";
import type { ClaimFilter } from "../sql/claim-filter.ts";
import { readJson, UnsupportedRead } from "../sql/json-read.ts";
import { ClaimFilterInput, claimFilterOf } from "./claim.ts";
import { EntityNode } from "./entity.ts";
import { MetricEnum, RateEnum } from "./enums.ts";

const MetricFacetRef = builder.objectRef<MetricFacetRow>("MetricFacet").implement({
  description: "A metric and rate that matching claims count, and how many of them do.",
  fields: (t) => ({
    metric: t.field({ type: MetricEnum, description: "What was counted.", resolve: (row) => row.metric }),
    rate: t.field({
      type: RateEnum,
      description: "Total, per day, per week or percent: each is a unit of its own.",
      resolve: (row) => row.rate,
    }),
    count: t.int({ description: "How many matching claims.", resolve: (row) => row.count }),
  }),
});

interface Facet extends FacetRow {
  /** The entity's row as the selection under `entity` needs it; absent when `entity` is not selected. */
  entity?: unknown;
}

const ClaimFacetRef = builder.objectRef<Facet>("ClaimFacet").implement({
  description: "An entity that matching claims refer to in one role, and how many of them do.",
  fields: (t) => ({
    // Loaded for the whole list by `facets`, so this resolves from the row it was handed.
    entity: t.field({
      type: EntityNode,
      description: "The entity.",
      resolve: (facet) =>
        facet.entity as NonNullable<Awaited<ReturnType<PrismaClient["entity"]["findUnique"]>>>,
    }),
    count: t.int({
      description: "How many matching claims refer to it in this role.",
      resolve: (facet) => {
        // Lists are computed without counts only when no count was selected (see `facets`).
        if (facet.count === null) throw new Error("The count of this facet was not computed.");
        return facet.count;
      },
    }),
  }),
});

/** Whether a selection asks for a field of the items, through fragments too. */
export function selects(
  selectionSet: SelectionSetNode | undefined,
  field: string,
  info: GraphQLResolveInfo,
): boolean {
  return (selectionSet?.selections ?? []).some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === field;
    if (selection.kind === Kind.INLINE_FRAGMENT) return selects(selection.selectionSet, field, info);
    return selects(info.fragments[selection.name.value]?.selectionSet, field, info);
  });
}

/**
 * The entities a list's items name, by id, with what their `entity` selection needs: the query Pothos plans
 * for that selection is planned once for the whole list.
 */
export async function entitiesById(
  context: Context,
  info: GraphQLResolveInfo,
  ids: number[],
): Promise<Map<number, { id: number }>> {
  const query = (await queryFromInfo({
    context,
    info,
    typeName: "Entity",
    path: ["entity"],
    awaitSelections: true,
  })) as Prisma.EntityFindManyArgs;
  const entities = await entitiesIn(context, query, ids);
  return new Map(entities.map((entity) => [entity.id, entity]));
}

/**
 * The entities of a list with what the selection needs, their JSON built by PostgreSQL in one statement
 * (json-read.ts): thousands of rows come back as one text to parse instead of rows for Prisma to map.
 */
async function entitiesIn(
  context: Context,
  query: Prisma.EntityFindManyArgs,
  ids: number[],
): Promise<{ id: number }[]> {
  try {
    const { rows } = await readJson<{ id: number }>(context.prisma, {
      model: "Entity",
      query: query as Record<string, unknown>,
      alias: "e",
      from: Prisma.sql`"Entity" e`,
      where: Prisma.sql`e.id = any(${ids}::int[])`,
    });
    return rows;
  } catch (error) {
    if (!(error instanceof UnsupportedRead)) throw error;
  }
  return context.prisma.entity.findMany({ ...query, where: { id: { in: ids } } });
}

/**
 * One list: counted with GROUP BY; or, when no count is asked for and the filter keeps every live claim
 * (the filter form's case), listed with a skip scan, which reads one index entry per entity.
 */
async function facets(
  filter: ClaimFilter,
  role: ClaimRole,
  context: Context,
  info: GraphQLResolveInfo,
): Promise<Facet[]> {
  const counted = info.fieldNodes.some((node) => selects(node.selectionSet, "count", info));
  const rows =
    counted || !keepsEveryLiveClaim(filter)
      ? await claimFacetRows(context.prisma, filter, role)
      : await claimFacetEntities(context.prisma, role);
  if (!info.fieldNodes.some((node) => selects(node.selectionSet, "entity", info))) return rows;
  // The entities of the whole list in one statement, with the query Pothos plans for the `entity`
  // selection planned once for the list (it also tells the entity's fields that their columns are
  // loaded): planning it per item cost more than the rest of the list's work at 2,000 sources.
  const byId = await entitiesById(
    context,
    info,
    rows.map((row) => row.entityId),
  );
  return rows.map((row) => ({ ...row, entity: byId.get(row.entityId) }));
}

const ClaimFacetsRef = builder.objectRef<{ filter: ClaimFilter }>("ClaimFacets").implement({
  description:
    "Who and what the matching claims refer to, role by role, with counts: the choices of a filter form. Each list is one statement, run only when asked for (a GROUP BY over an index of live claims; without counts and filter, a skip scan of that index); entities by name.",
  fields: (t) => ({
    sources: t.field({
      type: [ClaimFacetRef],
      description: "The entities that made matching claims (ClaimFilter.source).",
      resolve: (parent, _args, context, info) => facets(parent.filter, "SOURCE", context, info),
    }),
    sides: t.field({
      type: [ClaimFacetRef],
      description:
        "The affiliations of those sources, each counting the claims its sources made (ClaimFilter.sourceAffiliation).",
      resolve: (parent, _args, context, info) => facets(parent.filter, "SIDE", context, info),
    }),
    places: t.field({
      type: [ClaimFacetRef],
      description: "The places matching claims are about (ClaimFilter.location).",
      resolve: (parent, _args, context, info) => facets(parent.filter, "LOCATION", context, info),
    }),
    metrics: t.field({
      type: [MetricFacetRef],
      description:
        "The metrics matching claims count, one entry per metric and rate, most claims first (ClaimFilter.metric and rate): what one chart axis can show.",
      resolve: (parent, _args, context) => claimMetricRows(context.prisma, parent.filter),
    }),
    subjects: t.field({
      type: [ClaimFacetRef],
      description: "The entities whose forces matching claims count (ClaimFilter.subjectEntity).",
      resolve: (parent, _args, context, info) => facets(parent.filter, "SUBJECT", context, info),
    }),
  }),
});

builder.queryField("claimFacets", (t) =>
  t.field({
    type: ClaimFacetsRef,
    description:
      "The entities that matching claims refer to, as source, side, place and subject, with how many claims each. Only live claims count: never deleted ones, and rejected ones only when filter.reviewStatus names REJECTED.",
    args: {
      filter: t.arg({ type: ClaimFilterInput, description: "Which claims; none: every live claim." }),
    },
    resolve: (_root, args, context) => ({ filter: claimFilterOf(args.filter, context) }),
  }),
);
