import { displayClaimValue } from "@headcount/shared";
import { GraphQLError, type GraphQLResolveInfo, Kind, type SelectionNode } from "graphql";
import { Prisma } from "../../generated/prisma/client.ts";
import { builder, nodeReaders } from "../builder.ts";
import { type Context, canEdit } from "../context.ts";
import { databaseId, globalIdOf } from "../ids.ts";
import { memoPerRequest } from "../memo.ts";
import { assertPageSize, LIST_PAGING, SPAN_PAGING } from "../pagination.ts";
import { deferRawJson, rawJsonAllowed } from "../raw-json.ts";
import { type ClaimFilter, claimCondition, claimWhere, sourceJoin } from "../sql/claim-filter.ts";
import { jsonNodeReader, orderSql, readJson, UnsupportedRead } from "../sql/json-read.ts";
import { readRawPage } from "../sql/raw-node.ts";
import {
  MetricEnum,
  OriginEnum,
  PrecisionEnum,
  QualifierEnum,
  RateEnum,
  ReviewStatusEnum,
  SortDirectionEnum,
} from "./enums.ts";
import { optional, optionalOf, searchText } from "./field-options.ts";

interface ClaimPermissions {
  edit: boolean;
  review: boolean;
  delete: boolean;
}

const ClaimPermissionsRef = builder.objectRef<ClaimPermissions>("ClaimPermissions").implement({
  description: "What the viewer may do with a claim, so a client never re-derives permissions.",
  fields: (t) => ({
    edit: t.exposeBoolean("edit", { description: "May change the claim's fields." }),
    review: t.exposeBoolean("review", { description: "May verify, dispute or reject the claim." }),
    delete: t.exposeBoolean("delete", { description: "May delete (or restore) the claim." }),
  }),
});

export const ClaimNode = builder.prismaNode("Claim", {
  id: { field: "id" },
  description: "One report of a number by one source, with the evidence of where it was printed.",
  // Select mode: a read carries only the columns its selection shows (a page of 50 claims with their
  // evidence is a third of the JSON it would be with every column of every row).
  select: { id: true },
  // Deleted claims stay hidden from node(id) unless the viewer may see them.
  findUnique: (id, context) =>
    canEdit(context.viewer) ? { id: Number(id) } : { id: Number(id), deletedAt: null },
  fields: (t) => ({
    metric: t.expose("metric", { type: MetricEnum, description: "What happened to the people counted." }),
    subject: t.exposeString("subject", {
      description: 'Who is counted, as written ("North Korean engineering troops").',
    }),
    subjectEntity: t.relation(
      "subjectEntity",
      optional("Whose forces are counted (a country or armed group)."),
    ),
    valueLow: t.exposeInt(
      "valueLow",
      optional('The low bound; null when the text gives none ("as many as 8,000").'),
    ),
    valueHigh: t.exposeInt(
      "valueHigh",
      optional('The high bound; null when the text gives none ("more than 15,000").'),
    ),
    valueBest: t.exposeInt(
      "valueBest",
      optional("The single best figure, when the text gives or implies one."),
    ),
    qualifier: t.expose("qualifier", { type: QualifierEnum, description: "How the number was hedged." }),
    hedge: t.exposeString("hedge", optional('The hedge words as written ("as many as", "thousands of").')),
    additional: t.exposeBoolean("additional", {
      description: '"An additional 1,000": the value adds to an earlier figure.',
    }),
    rate: t.expose("rate", { type: RateEnum, description: "Whether the number is a total or a rate." }),
    display: t.string({
      description: 'The value in words: "as many as 8,000", "more than 15,000", "thousands".',
      select: { valueLow: true, valueHigh: true, valueBest: true, qualifier: true, hedge: true, rate: true },
      resolve: (claim) => displayClaimValue(claim),
    }),
    source: t.relation(
      "source",
      optional("Who said it; null when the text attributes the number to nobody."),
    ),
    location: t.relation("location", optional("The place the number is about.")),
    statedOn: t.expose(
      "statedOn",
      optionalOf("Date", "When the claim was made; read it with statedOnPrecision."),
    ),
    statedOnPrecision: t.expose("statedOnPrecision", {
      type: PrecisionEnum,
      description: "How far statedOn can be trusted.",
    }),
    refersFrom: t.expose(
      "refersFrom",
      optionalOf("Date", "Start of the period the number describes, when different from statedOn."),
    ),
    refersFromPrecision: t.expose(
      "refersFromPrecision",
      optionalOf(PrecisionEnum, "How far refersFrom can be trusted."),
    ),
    refersTo: t.expose(
      "refersTo",
      optionalOf("Date", "End of the period the number describes, when different from statedOn."),
    ),
    refersToPrecision: t.expose(
      "refersToPrecision",
      optionalOf(PrecisionEnum, "How far refersTo can be trusted."),
    ),
    appearances: t.relatedConnection("appearances", {
      ...SPAN_PAGING,
      description: "Where the claim is printed, earliest article first: the evidence.",
      query: () => ({
        orderBy: [{ article: { publishedAt: { sort: "asc", nulls: "last" } } }, { id: "asc" }],
      }),
    }),
    reviewStatus: t.expose("reviewStatus", {
      type: ReviewStatusEnum,
      description: "An editor's verdict on the claim.",
    }),
    origin: t.expose("origin", {
      type: OriginEnum,
      description: "Whether the extractor or an editor made the claim.",
    }),
    extractorVersion: t.exposeString(
      "extractorVersion",
      optional("The extractor version that produced the claim, for machine claims."),
    ),
    confidence: t.exposeFloat("confidence", optional("The extractor's confidence, 0 to 1.")),
    version: t.exposeInt("version", {
      description: "Increases with every change; send it back when editing (optimistic locking).",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the claim was stored." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the claim last changed." }),
    deletedAt: t.expose(
      "deletedAt",
      optionalOf("DateTime", "When the claim was deleted; only editors see deleted claims."),
    ),
    viewerCan: t.field({
      type: ClaimPermissionsRef,
      description: "What the viewer may do with this claim.",
      resolve: (_claim, _args, context) => {
        const editor = canEdit(context.viewer);
        return { edit: editor, review: editor, delete: editor };
      },
    }),
  }),
});

// node(id) reads a claim with everything its selection asks for in one statement.
nodeReaders.set(
  "Claim",
  jsonNodeReader("Claim", "c", (id, context) =>
    canEdit(context.viewer) ? Prisma.sql`c.id = ${id}` : Prisma.sql`c.id = ${id} and c."deletedAt" is null`,
  ),
);

builder.prismaObject("Appearance", {
  description:
    "Where a claim is printed: an exact span of an article's body, `body.slice(start, end) === quote`, or of its title when `inTitle` (`title.slice(start, end) === quote`).",
  // Select mode: the context around a quote (prefix, suffix) is read only when asked for.
  select: { id: true },
  fields: (t) => ({
    id: t.id({
      description: "Identifies the appearance (to change its relay chain with updateClaim).",
      resolve: (appearance) => globalIdOf("Appearance", appearance.id),
    }),
    claim: t.relation("claim", { description: "The claim printed here." }),
    article: t.relation("article", { description: "The article it is printed in." }),
    inTitle: t.exposeBoolean("inTitle", {
      description: "Printed in the headline: start and end index the article's title, not its body.",
    }),
    start: t.exposeInt("start", {
      description: "Offset of the first character of the quote in the body (in the title when inTitle).",
    }),
    end: t.exposeInt("end", { description: "Offset just after the last character of the quote." }),
    quote: t.exposeString("quote", { description: "The exact text of the span." }),
    prefix: t.exposeString("prefix", { description: "Text just before the quote, for context." }),
    suffix: t.exposeString("suffix", { description: "Text just after the quote, for context." }),
    via: t.relation("via", {
      description: "The relay chain as printed, speaker first (NIS → a lawmaker → a news agency).",
      query: { orderBy: { position: "asc" } },
    }),
  }),
});

builder.prismaObject("AppearanceVia", {
  name: "RelayLink",
  description: "One link of a relay chain.",
  fields: (t) => ({
    position: t.exposeInt("position", { description: "0 for the first link (nearest the speaker)." }),
    entity: t.relation("entity", { description: "Who relayed the number." }),
  }),
});

export const ClaimFilterInput = builder.inputType("ClaimFilter", {
  description: "Narrows a list of claims; all given conditions must hold.",
  fields: (t) => ({
    metric: t.field({ type: [MetricEnum], description: "Any of these metrics." }),
    subjectEntity: t.globalID({ description: "Claims counting this entity's forces." }),
    source: t.globalID({ description: "Claims made by this entity." }),
    sourceAffiliation: t.globalID({
      description: "Claims made by sources affiliated with this entity (e.g. a country).",
    }),
    location: t.globalID({ description: "Claims about this place." }),
    statedFrom: t.field({ type: "Date", description: "Stated on or after this date." }),
    statedTo: t.field({ type: "Date", description: "Stated on or before this date." }),
    reviewStatus: t.field({ type: [ReviewStatusEnum], description: "Any of these review statuses." }),
    qualifier: t.field({ type: [QualifierEnum], description: "Any of these qualifiers." }),
    rate: t.field({
      type: [RateEnum],
      description: "Any of these rates (TOTAL keeps rates and percentages off a chart of totals).",
    }),
    origin: t.field({ type: OriginEnum, description: "Made by the extractor or by an editor." }),
    search: t.string({
      description: "Words the quote must contain (stemmed full-text match).",
      validate: searchText,
    }),
    includeDeleted: t.boolean({
      description: "Include deleted claims (editors only).",
      defaultValue: false,
    }),
  }),
});

export type ClaimFilterArg = typeof ClaimFilterInput.$inferInput;

/** The filter argument, its IDs decoded and its permissions checked. */
export function claimFilterOf(input: ClaimFilterArg | null | undefined, context: Context): ClaimFilter {
  if (input?.includeDeleted && !canEdit(context.viewer)) {
    throw new GraphQLError("Only editors may see deleted claims.", {
      extensions: { code: "FORBIDDEN", argument: "filter.includeDeleted" },
    });
  }
  return {
    metric: input?.metric,
    subjectEntityId: databaseId(input?.subjectEntity, "Entity", "filter.subjectEntity"),
    sourceId: databaseId(input?.source, "Entity", "filter.source"),
    sourceAffiliationId: databaseId(input?.sourceAffiliation, "Entity", "filter.sourceAffiliation"),
    locationId: databaseId(input?.location, "Entity", "filter.location"),
    statedFrom: input?.statedFrom,
    statedTo: input?.statedTo,
    reviewStatus: input?.reviewStatus,
    rate: input?.rate,
    qualifier: input?.qualifier,
    origin: input?.origin,
    search: input?.search,
    includeDeleted: input?.includeDeleted,
  };
}

const ClaimOrder = builder.enumType("ClaimOrder", {
  description: "Orderings of a claim list; ties are broken by id.",
  values: {
    STATED_ON: { description: "By the date the claim was made (undated last)." },
    VALUE: { description: "By the best figure, then the high bound (claims without one last)." },
    UPDATED_AT: { description: "By the time of the last change." },
    CONFIDENCE: { description: "By the extractor's confidence (none last)." },
  },
});

function claimOrderBy(
  order: typeof ClaimOrder.$inferType,
  direction: "asc" | "desc",
): Prisma.ClaimOrderByWithRelationInput[] {
  const sort = { sort: direction, nulls: "last" } as const;
  switch (order) {
    case "STATED_ON":
      return [{ statedOn: sort }, { id: direction }];
    case "VALUE":
      return [{ valueBest: sort }, { valueHigh: sort }, { id: direction }];
    case "UPDATED_AT":
      return [{ updatedAt: direction }, { id: direction }];
    case "CONFIDENCE":
      return [{ confidence: sort }, { id: direction }];
  }
}

builder.queryField("claims", (t) =>
  t.prismaConnection({
    type: "Claim",
    ...LIST_PAGING,
    description: "Claims, filtered and ordered. Deleted claims are left out unless an editor asks.",
    args: {
      filter: t.arg({ type: ClaimFilterInput, description: "Which claims." }),
      orderBy: t.arg({ type: ClaimOrder, defaultValue: "STATED_ON", description: "Ordering." }),
      direction: t.arg({ type: SortDirectionEnum, defaultValue: "desc", description: "Direction." }),
    },
    resolve: async (query, _root, args, context, info) => {
      assertPageSize(args);
      const orderBy = claimOrderBy(args.orderBy ?? "STATED_ON", args.direction ?? "desc");
      const filter = claimFilterOf(args.filter, context);
      if (rawJsonAllowed(context) && !args.after && !args.before && args.last == null) {
        // Written by PostgreSQL in the selection's shape and sent as it is (sql/raw-node.ts).
        const raw = await readRawPage(context, info, {
          type: "Claim",
          alias: "c",
          from: Prisma.sql`"Claim" c ${sourceJoin(filter)}`,
          where: claimCondition(filter),
          orderBy: orderSql("Claim", "c", orderBy),
          first: args.first ?? 20,
        });
        if (raw) {
          // The page was written from the selection itself; Pothos' query for it goes unread.
          void Object.values(query);
          if (raw.count !== null) rememberClaimsCount(context, filter, raw.count);
          deferRawJson(context, info.path, raw.text, "object");
          return [] as never;
        }
      }
      const page = await claimsPage(context, query, filter, orderBy, asksForTotalCount(info));
      if (page) return page as never;
      const where = await claimsWhere(args.filter, context);
      // The count, when asked for, runs beside the page rather than after it (one round trip less).
      if (asksForTotalCount(info)) void claimsCount(args.filter, context).catch(() => {});
      return context.prisma.claim.findMany({
        ...query,
        where,
        orderBy,
      });
    },
    totalCount: (_connection, args, context) => claimsCount(args.filter, context),
  }),
);

/**
 * The page, its relations and (when asked) the count in one statement built by PostgreSQL
 * (sql/json-read.ts); null when the selection needs what that does not translate (a cursor, `last`).
 */
async function claimsPage(
  context: Context,
  query: Record<string, unknown>,
  filter: ClaimFilter,
  orderBy: Prisma.ClaimOrderByWithRelationInput[],
  withCount: boolean,
): Promise<unknown[] | null> {
  try {
    const { rows, count } = await readJson(context.prisma, {
      model: "Claim",
      query,
      alias: "c",
      from: Prisma.sql`"Claim" c ${sourceJoin(filter)}`,
      where: claimCondition(filter),
      orderBy: orderSql("Claim", "c", orderBy),
      count: withCount,
    });
    if (count !== null) rememberClaimsCount(context, filter, count);
    return rows;
  } catch (error) {
    if (error instanceof UnsupportedRead) return null;
    throw error;
  }
}

/** The count of a filter's claims, read beside its page: totalCount answers from it. */
function rememberClaimsCount(context: Context, filter: ClaimFilter, count: number): void {
  const counted = Promise.resolve(count);
  memoPerRequest(context, `claims-count:${JSON.stringify(filter)}`, () => counted);
}

/** Whether the connection's own selection names `totalCount` (directly or in an inline fragment). */
function asksForTotalCount(info: GraphQLResolveInfo): boolean {
  const names = (selections: readonly SelectionNode[]): boolean =>
    selections.some((selection) =>
      selection.kind === Kind.FIELD
        ? selection.name.value === "totalCount"
        : selection.kind === Kind.INLINE_FRAGMENT
          ? names(selection.selectionSet.selections)
          : false,
    );
  return info.fieldNodes.some((node) => names(node.selectionSet?.selections ?? []));
}

/** How many claims match a filter, computed once per request. */
function claimsCount(input: ClaimFilterArg | null | undefined, context: Context): Promise<number> {
  const filter = claimFilterOf(input, context);
  return memoPerRequest(context, `claims-count:${JSON.stringify(filter)}`, async () =>
    context.prisma.claim.count({ where: await claimsWhere(input, context) }),
  );
}

function claimsWhere(input: ClaimFilterArg | null | undefined, context: Context) {
  const filter = claimFilterOf(input, context);
  return memoPerRequest(context, `claims:${JSON.stringify(filter)}`, () =>
    claimWhere(context.prisma, filter),
  );
}
