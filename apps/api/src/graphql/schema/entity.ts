import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";
import { lookupName } from "../../curation/names.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { builder, nodeReaders } from "../builder.ts";
import { claimCounts } from "../claim-counts.ts";
import { memoPerRequest } from "../memo.ts";
import { assertPageSize, DEFAULT_PAGE_SIZE, LIST_PAGING, MAX_PAGE_SIZE } from "../pagination.ts";
import { deferRawJson, rawJsonAllowed } from "../raw-json.ts";
import { jsonNodeReader } from "../sql/json-read.ts";
import { readRawPage } from "../sql/raw-node.ts";
import { EntityTypeEnum } from "./enums.ts";
import { optional, searchText } from "./field-options.ts";
import { globalIdField } from "./id-field.ts";
import { MergeJudgementRef } from "./merge-judgement.ts";

interface MergeSuggestion {
  /** The machine judgement row. */
  id: number;
  entity: Prisma.EntityGetPayload<object>;
  score: number | null;
  suggestedAt: Date;
}

const MergeSuggestionRef = builder.objectRef<MergeSuggestion>("MergeSuggestion");

/** A merge that was made and not undone. */
const standingMerge = { verdict: "same", undoneAt: null } as const;

/** A machine suggestion no editor has judged yet. */
const openSuggestion = { verdict: "unsure", origin: "machine", undoneAt: null, resolvedAt: null } as const;

export const EntityNode = builder.prismaNode("Entity", {
  id: { field: "id" },
  description: "A person, organisation, place or group that speaks, is counted, or is a place.",
  // Select mode: an entity named beside each claim of a page carries only the columns asked for.
  select: { id: true },
  fields: (t) => ({
    name: t.exposeString("name", { description: "The canonical name." }),
    type: t.expose("type", { type: EntityTypeEnum, description: "Person, organisation, place or group." }),
    role: t.exposeString("role", optional("A title or function, as written.")),
    version: t.exposeInt("version", {
      description: "Goes up with every change; pass the one you read as expectedVersion when you edit.",
    }),
    aliases: t.relation("aliases", {
      description: "Spelling variants, title forms and abbreviations of the name.",
      query: { orderBy: { name: "asc" } },
    }),
    affiliation: t.relation("affiliation", optional("The country or side this entity speaks for.")),
    mergedInto: t.relation(
      "mergedInto",
      optional("Set when an editor merged this entity into another: use that one instead."),
    ),
    mentions: t.relatedConnection("mentions", {
      cursor: "id",
      maxSize: MAX_PAGE_SIZE,
      totalCount: true,
      description: "Where articles name this entity, as written.",
      query: () => ({ orderBy: [{ articleId: "desc" }, { start: "asc" }] }),
    }),
    claimsMade: t.relatedConnection(
      "claimsAsSource",
      {
        cursor: "id",
        maxSize: MAX_PAGE_SIZE,
        description: "Claims this entity made (as the source), latest first.",
        query: () => ({
          where: { deletedAt: null },
          orderBy: [{ statedOn: { sort: "desc", nulls: "last" } }, { id: "desc" }],
        }),
      },
      {
        fields: (connection) => ({
          totalCount: connection.int({
            description: "How many items match, on every page.",
            // Read from the entity's own statement when node(id) counted it there (withLiveClaimsMadeCount);
            // otherwise counted for the page's entities only, in one statement (see claim-counts.ts).
            resolve: (page, _args, context) => {
              const { parent } = page as unknown as {
                parent: { id: number; _count?: { claimsAsSource?: number } };
              };
              return parent._count?.claimsAsSource ?? claimCounts(context).made.load(parent.id);
            },
          }),
        }),
      },
    ),
    claimsAbout: t.prismaConnection({
      type: "Claim",
      cursor: "id",
      maxSize: MAX_PAGE_SIZE,
      description: "Claims counting this entity's forces (as subject) or about this place, latest first.",
      resolve: (query, entity, args, context) => {
        assertPageSize(args);
        return context.prisma.claim.findMany({
          ...query,
          where: claimsAboutWhere(entity.id),
          orderBy: [{ statedOn: { sort: "desc", nulls: "last" } }, { id: "desc" }],
        });
      },
      totalCount: (entity, _args, context) => claimCounts(context).about.load(entity.id),
    }),
    merges: t.field({
      type: [MergeJudgementRef],
      description:
        "The merges into this entity that stand (not undone), latest first: each names the entity merged in, whether ingest made it by itself, and can be undone.",
      select: { judgementsKept: { where: standingMerge, orderBy: { id: "desc" } } },
      resolve: (entity) => entity.judgementsKept,
    }),
    mergeSuggestions: t.field({
      type: [MergeSuggestionRef],
      description: "Entities the resolver suspects are the same as this one, most likely first.",
      select: {
        judgementsKept: { where: openSuggestion, include: { merge: true } },
        judgementsMerged: { where: openSuggestion, include: { keep: true } },
      },
      resolve: (entity) =>
        [
          ...entity.judgementsKept.map((judgement) => ({
            id: judgement.id,
            entity: judgement.merge,
            score: judgement.score,
            suggestedAt: judgement.judgedAt,
          })),
          ...entity.judgementsMerged.map((judgement) => ({
            id: judgement.id,
            entity: judgement.keep,
            score: judgement.score,
            suggestedAt: judgement.judgedAt,
          })),
        ]
          .filter((suggestion) => suggestion.entity.mergedIntoId === null)
          .sort((a, b) => (b.score ?? 0) - (a.score ?? 0)),
    }),
  }),
});

// node(id) reads an entity with everything its selection asks for in one statement.
nodeReaders.set(
  "Entity",
  jsonNodeReader("Entity", "e", (id) => Prisma.sql`e.id = ${id}`, withLiveClaimsMadeCount),
);

/** Live claims made, for claimsMade's totalCount, counted in the entity's own statement when it lists them. */
const LIVE_CLAIMS_MADE = { claimsAsSource: { where: { deletedAt: null } } };

function withLiveClaimsMadeCount(query: Record<string, unknown>): Record<string, unknown> {
  const mode = query.include ? "include" : query.select ? "select" : null;
  const shape = mode ? (query[mode] as Record<string, unknown>) : null;
  if (!mode || !shape?.claimsAsSource) return query;
  const counted = (shape._count as { select?: Record<string, unknown> } | undefined)?.select ?? {};
  if (counted.claimsAsSource) return query;
  return { ...query, [mode]: { ...shape, _count: { select: { ...counted, ...LIVE_CLAIMS_MADE } } } };
}

/**
 * The list's query without the rows of `claimsMade` when every `claimsMade` under the list's nodes asks only
 * for its totalCount (the entity list asks `claimsMade(first: 0) { totalCount }`). Prisma reads a nested
 * relation's rows for all the page's entities and cuts each to its `take` in memory: 50 sources' 25,000
 * claims to answer nothing but counts, which claim-counts.ts reads in one statement of its own.
 */
function withoutUnreadClaimsMade<Q extends object>(query: Q, info: GraphQLResolveInfo): Q {
  const shape = query as { select?: Record<string, unknown>; include?: Record<string, unknown> };
  const mode = shape.select?.claimsAsSource ? "select" : shape.include?.claimsAsSource ? "include" : null;
  if (!mode) return query;
  const claimsMade: FieldNode[] = [];
  for (const list of info.fieldNodes)
    for (const edges of fieldsNamed(list.selectionSet, "edges", info))
      for (const node of fieldsNamed(edges.selectionSet, "node", info))
        claimsMade.push(...fieldsNamed(node.selectionSet, "claimsMade", info));
  const countOnly = (field: FieldNode) =>
    fieldsNamed(field.selectionSet, null, info).every(
      (asked) => asked.name.value === "totalCount" || asked.name.value === "__typename",
    );
  if (!claimsMade.every(countOnly)) return query;
  // Kept in the shape with no rows to read (Prisma sends `WHERE (1=0 AND …)`), so Pothos sees the relation
  // loaded and does not load it again.
  const planned = shape[mode] as Record<string, unknown>;
  const unread = { ...(planned.claimsAsSource as object), where: { id: { in: [] } } };
  return { ...query, [mode]: { ...planned, claimsAsSource: unread } };
}

/** The fields of a selection (through fragments), those named `name` when one is given. */
function fieldsNamed(
  selectionSet: SelectionSetNode | undefined,
  name: string | null,
  info: GraphQLResolveInfo,
): FieldNode[] {
  return (selectionSet?.selections ?? []).flatMap((selection): FieldNode[] => {
    if (selection.kind === Kind.FIELD)
      return name === null || selection.name.value === name ? [selection] : [];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsNamed(selection.selectionSet, name, info);
    return fieldsNamed(info.fragments[selection.name.value]?.selectionSet, name, info);
  });
}

function claimsAboutWhere(entityId: number): Prisma.ClaimWhereInput {
  return { deletedAt: null, OR: [{ subjectEntityId: entityId }, { locationId: entityId }] };
}

MergeSuggestionRef.implement({
  description: "A machine suggestion that two entities are the same, awaiting an editor's judgement.",
  fields: (t) => ({
    id: globalIdField(t, "MergeSuggestion", "Pass it to judgeMergeSuggestion."),
    entity: t.field({
      type: EntityNode,
      description: "The other entity.",
      resolve: (suggestion) => suggestion.entity,
    }),
    score: t.exposeFloat("score", optional("How likely the two are the same, 0 to 1.")),
    suggestedAt: t.expose("suggestedAt", { type: "DateTime", description: "When it was suggested." }),
  }),
});

builder.prismaObject("EntityAlias", {
  description: "Another name by which an entity is known.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The alias as written." }),
  }),
});

builder.prismaObject("EntityMention", {
  description: "A name as written at a span of an article: `article.body.slice(start, end) === text`.",
  fields: (t) => ({
    entity: t.relation("entity", { description: "Who or what is named." }),
    article: t.relation("article", { description: "The article naming it." }),
    start: t.exposeInt("start", { description: "Offset of the first character in the article body." }),
    end: t.exposeInt("end", { description: "Offset just after the last character." }),
    text: t.exposeString("text", { description: "The name as written." }),
  }),
});

const EntityFilterInput = builder.inputType("EntityFilter", {
  description: "Narrows a list of entities; all given conditions must hold.",
  fields: (t) => ({
    search: t.string({
      description: "Part of a name or alias; case, accents and punctuation are ignored.",
      validate: searchText,
    }),
    type: t.field({ type: [EntityTypeEnum], description: "Any of these kinds." }),
  }),
});

function entityWhere(
  filter: typeof EntityFilterInput.$inferInput | null | undefined,
): Prisma.EntityWhereInput {
  // Merged entities redirect to the one they were merged into and are not listed.
  const where: Prisma.EntityWhereInput = { mergedIntoId: null };
  if (filter?.type?.length) where.type = { in: filter.type };
  const search = lookupName(filter?.search ?? "");
  if (search) {
    where.OR = [
      { normalizedName: { contains: search } },
      { aliases: { some: { normalized: { contains: search } } } },
    ];
  }
  return where;
}

/** The entity list's count for a filter, read once per request (beside the page when it is written raw). */
const entitiesCountKey = (filter: typeof EntityFilterInput.$inferInput | null | undefined) =>
  `entities-count:${JSON.stringify(filter ?? null)}`;

builder.queryField("entities", (t) =>
  t.prismaConnection({
    type: "Entity",
    ...LIST_PAGING,
    description: "People, organisations, places and groups, by name.",
    args: { filter: t.arg({ type: EntityFilterInput, description: "Which entities." }) },
    resolve: async (query, _root, args, context, info) => {
      assertPageSize(args);
      const search = lookupName(args.filter?.search ?? "");
      if (rawJsonAllowed(context) && !search && !args.after && !args.before && args.last == null) {
        // Written by PostgreSQL in the selection's shape and sent as it is (sql/raw-node.ts): the order
        // and the condition are entityWhere's without a search.
        const types = args.filter?.type?.length ? args.filter.type : null;
        const raw = await readRawPage(context, info, {
          type: "Entity",
          alias: "e",
          from: Prisma.sql`"Entity" e`,
          where: types
            ? Prisma.sql`e."mergedIntoId" is null and e.type::text = any(${types}::text[])`
            : Prisma.sql`e."mergedIntoId" is null`,
          orderBy: [Prisma.sql`e.name asc`, Prisma.sql`e.id asc`],
          first: args.first ?? DEFAULT_PAGE_SIZE,
        });
        if (raw) {
          // The page was written from the selection itself; Pothos' query for it goes unread.
          void Object.values(query);
          if (raw.count !== null) {
            const counted = Promise.resolve(raw.count);
            memoPerRequest(context, entitiesCountKey(args.filter), () => counted);
          }
          deferRawJson(context, info.path, raw.text, "object");
          return [] as never;
        }
      }
      return context.prisma.entity.findMany({
        ...withoutUnreadClaimsMade(query, info),
        where: entityWhere(args.filter),
        orderBy: [{ name: "asc" }, { id: "asc" }],
      });
    },
    totalCount: (_connection, args, context) =>
      memoPerRequest(context, entitiesCountKey(args.filter), () =>
        context.prisma.entity.count({ where: entityWhere(args.filter) }),
      ),
  }),
);
