import { MERGE_VERDICTS } from "@headcount/shared";
import type { Actor } from "../../curation/actor.ts";
import { correctArticle } from "../../curation/articles.ts";
import {
  type ClaimPatch,
  createClaim,
  deleteClaim,
  restoreClaim,
  reviewClaim,
  updateClaim,
} from "../../curation/claims.ts";
import {
  addAlias,
  judgeMergeSuggestion,
  mergeEntities,
  removeAlias,
  renameEntity,
  setAffiliation,
  undoMerge,
} from "../../curation/entities.ts";
import { history } from "../../curation/history.ts";
import type { Claim, MergeJudgement, Prisma } from "../../generated/prisma/client.ts";
import { builder } from "../builder.ts";
import { type Context, canEdit } from "../context.ts";
import { type ClaimChangeKind, publishClaimChanged } from "../events.ts";
import { databaseId, isDatabaseIdText } from "../ids.ts";
import { assertPageSize } from "../pagination.ts";
import { ArticleNode } from "./article.ts";
import { ClaimNode } from "./claim.ts";
import { EntityNode } from "./entity.ts";
import { MetricEnum, PrecisionEnum, QualifierEnum, RateEnum, ReviewStatusEnum } from "./enums.ts";
import {
  ConflictError,
  NotAuthorizedError,
  NotFoundError,
  registerErrorTypes,
  ValidationError,
} from "./errors.ts";

registerErrorTypes();

builder.mutationType({
  description:
    "Changes to Headcount's record. Every write needs an editor (user management an admin) and is audited.",
});

const EDIT_ERRORS = [NotFoundError, ValidationError, ConflictError, NotAuthorizedError];

function actorOf(context: Context): Actor {
  if (!context.viewer) throw new NotAuthorizedError();
  return { userId: context.viewer.id, requestId: context.requestId };
}

async function announce(context: Context, claim: Claim, change: ClaimChangeKind): Promise<Claim> {
  publishClaimChanged(context.pubsub, { claimId: claim.id, change, version: claim.version });
  return claim;
}

// A conflict on a claim carries the claim as it now is, so the editor can compare and reapply.
builder.objectField(ConflictError, "currentClaim", (t) =>
  t.field({
    type: ClaimNode,
    nullable: true,
    description: "The claim as it is now stored, when the conflict is about a claim.",
    resolve: async (error, _args, context) => {
      const claimId = (error as ConflictError & { claimId?: number }).claimId;
      return claimId ? context.prisma.claim.findUnique({ where: { id: claimId } }) : null;
    },
  }),
);

const ClaimResult = builder.objectRef<{ claim: Claim }>("ClaimMutationSuccess").implement({
  description: "The claim after the change, with its new version.",
  fields: (t) => ({
    claim: t.field({
      type: ClaimNode,
      description: "The claim as now stored.",
      resolve: (result) => result.claim,
    }),
  }),
});

const ClaimPatchInput = builder.inputType("ClaimPatch", {
  description: "Fields of a claim to change; a field left out is unchanged, a field set to null is cleared.",
  fields: (t) => ({
    metric: t.field({ type: MetricEnum, description: "What happened to the people counted." }),
    subject: t.string({ description: "Who is counted, as written." }),
    subjectEntity: t.globalID({ description: "Whose forces they are (an Entity)." }),
    valueLow: t.int({ description: "The low bound." }),
    valueHigh: t.int({ description: "The high bound." }),
    valueBest: t.int({ description: "The single best value, when the words give one." }),
    qualifier: t.field({ type: QualifierEnum, description: "How the number is hedged." }),
    hedge: t.string({ description: "The hedge words as written." }),
    additional: t.boolean({ description: "True when the number is an increment on an earlier figure." }),
    rate: t.field({ type: RateEnum, description: "Total or rate." }),
    location: t.globalID({ description: "The place the number refers to (an Entity)." }),
    source: t.globalID({ description: "The speaker (an Entity)." }),
    statedOn: t.field({ type: "Date", description: "When the claim was made." }),
    statedOnPrecision: t.field({ type: PrecisionEnum, description: "How far statedOn can be trusted." }),
    refersFrom: t.field({ type: "Date", description: "Start of the period the number describes." }),
    refersFromPrecision: t.field({ type: PrecisionEnum, description: "How far refersFrom can be trusted." }),
    refersTo: t.field({ type: "Date", description: "End of the period the number describes." }),
    refersToPrecision: t.field({ type: PrecisionEnum, description: "How far refersTo can be trusted." }),
    via: t.field({
      type: [
        builder.inputType("RelayChainPatch", {
          description: "The relay chain of one appearance, in order from the speaker's side.",
          fields: (f) => ({
            appearance: f.id({ required: true, description: "The appearance's ID (Appearance.id)." }),
            entities: f.globalIDList({ required: true, description: "The relaying entities, in order." }),
          }),
        }),
      ],
      description: "Relay chains of the claim's appearances to replace.",
    }),
  }),
});

type PatchArg = typeof ClaimPatchInput.$inferInput;

/** Turns a GraphQL patch into the service's patch: global IDs decoded, absent fields left absent. */
function toPatch(input: PatchArg): ClaimPatch {
  const patch: ClaimPatch = {};
  const copy = <K extends keyof ClaimPatch>(key: K, value: unknown) => {
    if (value !== undefined) (patch as Record<string, unknown>)[key] = value;
  };
  copy("metric", input.metric);
  copy("subject", input.subject === null ? undefined : input.subject);
  copy("valueLow", input.valueLow);
  copy("valueHigh", input.valueHigh);
  copy("valueBest", input.valueBest);
  copy("qualifier", input.qualifier === null ? undefined : input.qualifier);
  copy("hedge", input.hedge);
  copy("additional", input.additional === null ? undefined : input.additional);
  copy("rate", input.rate === null ? undefined : input.rate);
  copy("statedOn", input.statedOn);
  copy("statedOnPrecision", input.statedOnPrecision === null ? undefined : input.statedOnPrecision);
  copy("refersFrom", input.refersFrom);
  copy("refersFromPrecision", input.refersFromPrecision);
  copy("refersTo", input.refersTo);
  copy("refersToPrecision", input.refersToPrecision);
  if (input.subjectEntity !== undefined)
    patch.subjectEntityId = databaseId(input.subjectEntity, "Entity", "subjectEntity");
  if (input.location !== undefined) patch.locationId = databaseId(input.location, "Entity", "location");
  if (input.source !== undefined) patch.sourceId = databaseId(input.source, "Entity", "source");
  if (input.via) {
    patch.via = input.via.map((chain) => ({
      appearanceId: appearanceIdOf(String(chain.appearance)),
      entityIds: chain.entities.map((entity) => databaseId(entity, "Entity", "via") as number),
    }));
  }
  return patch;
}

/** Appearances are not nodes; their ID is "Appearance:<id>" in base64, as the Appearance type exposes it. */
function appearanceIdOf(id: string): number {
  const decoded = Buffer.from(id, "base64").toString("utf8");
  const match = /^Appearance:(\d+)$/.exec(decoded);
  if (!match)
    throw new ValidationError("Not an appearance ID.", [
      { path: ["patch", "via", "appearance"], message: "not an appearance ID" },
    ]);
  return Number(match[1]);
}

builder.mutationField("updateClaim", (t) =>
  t.field({
    type: ClaimResult,
    description:
      "Changes any field of a claim. Refused with a ConflictError when the claim changed since `expectedVersion`; nothing is ever silently overwritten.",
    authScopes: { editor: true },
    errors: {
      types: EDIT_ERRORS,
      directResult: true,
      union: {
        name: "UpdateClaimResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: {
      id: t.arg.globalID({ required: true, description: "The claim's global ID." }),
      expectedVersion: t.arg.int({ required: true, description: "The version the editor read." }),
      patch: t.arg({ type: ClaimPatchInput, required: true, description: "The fields to change." }),
      note: t.arg.string({ description: "Why, for the history." }),
    },
    resolve: async (_root, args, context) => {
      const claim = await updateClaim(context.prisma, actorOf(context), {
        claimId: databaseId(args.id, "Claim", "id") as number,
        expectedVersion: args.expectedVersion,
        patch: toPatch(args.patch),
        note: args.note ?? null,
      });
      return { claim: await announce(context, claim, "updated") };
    },
  }),
);

builder.mutationField("reviewClaim", (t) =>
  t.field({
    type: ClaimResult,
    description:
      "Records an editor's verdict on a claim: verified, disputed, rejected (hidden from charts) or back to unreviewed.",
    authScopes: { editor: true },
    errors: {
      types: EDIT_ERRORS,
      directResult: true,
      union: {
        name: "ReviewClaimResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: {
      id: t.arg.globalID({ required: true, description: "The claim's global ID." }),
      expectedVersion: t.arg.int({ required: true, description: "The version the editor read." }),
      status: t.arg({ type: ReviewStatusEnum, required: true, description: "The verdict." }),
      note: t.arg.string({ description: "Why, for the history." }),
    },
    resolve: async (_root, args, context) => {
      const claim = await reviewClaim(context.prisma, actorOf(context), {
        claimId: databaseId(args.id, "Claim", "id") as number,
        expectedVersion: args.expectedVersion,
        status: args.status,
        note: args.note ?? null,
      });
      return { claim: await announce(context, claim, "reviewed") };
    },
  }),
);

for (const [name, run, change, description] of [
  [
    "deleteClaim",
    deleteClaim,
    "deleted",
    "Hides a claim from public queries and charts; it keeps its history and can be restored.",
  ],
  ["restoreClaim", restoreClaim, "restored", "Brings back a deleted claim."],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: ClaimResult,
      description,
      authScopes: { editor: true },
      errors: {
        types: EDIT_ERRORS,
        directResult: true,
        union: {
          name: `${name[0]?.toUpperCase()}${name.slice(1)}Result`,
          description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
        },
      },
      args: {
        id: t.arg.globalID({ required: true, description: "The claim's global ID." }),
        expectedVersion: t.arg.int({ required: true, description: "The version the editor read." }),
        note: t.arg.string({ description: "Why, for the history." }),
      },
      resolve: async (_root, args, context) => {
        const claim = await run(context.prisma, actorOf(context), {
          claimId: databaseId(args.id, "Claim", "id") as number,
          expectedVersion: args.expectedVersion,
          note: args.note ?? null,
        });
        return { claim: await announce(context, claim, change) };
      },
    }),
  );
}

const CreateClaimInput = builder.inputType("CreateClaimInput", {
  description: "A claim the machine missed, anchored to an exact span of an article.",
  fields: (t) => ({
    article: t.globalID({ required: true, description: "The article the claim is printed in." }),
    start: t.int({ required: true, description: "Start offset of the quote in the article's body." }),
    end: t.int({ required: true, description: "End offset (exclusive) of the quote in the article's body." }),
    quote: t.string({ required: true, description: "The quote; must equal the body between start and end." }),
    metric: t.field({
      type: MetricEnum,
      required: true,
      description: "What happened to the people counted.",
    }),
    subject: t.string({ required: true, description: "Who is counted, as written." }),
    subjectEntity: t.globalID({ description: "Whose forces they are." }),
    valueLow: t.int({ description: "The low bound." }),
    valueHigh: t.int({ description: "The high bound." }),
    valueBest: t.int({ description: "The single best value." }),
    qualifier: t.field({ type: QualifierEnum, required: true, description: "How the number is hedged." }),
    hedge: t.string({ description: "The hedge words as written." }),
    rate: t.field({ type: RateEnum, description: "Total (default) or rate." }),
    location: t.globalID({ description: "The place the number refers to." }),
    source: t.globalID({ description: "The speaker." }),
    via: t.globalIDList({ description: "The relay chain as printed, in order." }),
    statedOn: t.field({ type: "Date", description: "When the claim was made." }),
    statedOnPrecision: t.field({ type: PrecisionEnum, description: "How far statedOn can be trusted." }),
  }),
});

builder.mutationField("createClaim", (t) =>
  t.field({
    type: ClaimResult,
    description: "Adds a claim the machine missed. The quote is checked against the article's text.",
    authScopes: { editor: true },
    errors: {
      types: EDIT_ERRORS,
      directResult: true,
      union: {
        name: "CreateClaimResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: {
      input: t.arg({
        type: CreateClaimInput,
        required: true,
        description: "The claim and where it is printed.",
      }),
      note: t.arg.string({ description: "Why, for the history." }),
    },
    resolve: async (_root, { input, note }, context) => {
      const claim = await createClaim(context.prisma, actorOf(context), {
        articleId: databaseId(input.article, "Article", "article") as number,
        start: input.start,
        end: input.end,
        quote: input.quote,
        metric: input.metric,
        subject: input.subject,
        qualifier: input.qualifier,
        subjectEntityId: databaseId(input.subjectEntity, "Entity", "subjectEntity"),
        valueLow: input.valueLow ?? null,
        valueHigh: input.valueHigh ?? null,
        valueBest: input.valueBest ?? null,
        hedge: input.hedge ?? null,
        rate: input.rate ?? "total",
        locationId: databaseId(input.location, "Entity", "location"),
        sourceId: databaseId(input.source, "Entity", "source"),
        viaEntityIds: (input.via ?? []).map((entity) => databaseId(entity, "Entity", "via") as number),
        statedOn: input.statedOn ?? null,
        ...(input.statedOnPrecision ? { statedOnPrecision: input.statedOnPrecision } : {}),
        note: note ?? null,
      });
      return { claim: await announce(context, claim, "created") };
    },
  }),
);

// --- Entities -------------------------------------------------------------------------------------------

const EntityResult = builder.objectRef<{ entityId: number }>("EntityMutationSuccess").implement({
  description: "The entity after the change.",
  fields: (t) => ({
    entity: t.prismaField({
      type: "Entity",
      description: "The entity as now stored.",
      resolve: (query, result, _args, context) =>
        context.prisma.entity.findUniqueOrThrow({ ...query, where: { id: result.entityId } }),
    }),
  }),
});

builder.mutationField("renameEntity", (t) =>
  t.field({
    type: EntityResult,
    description: "Gives an entity a new canonical name; the old one stays as an alias.",
    authScopes: { editor: true },
    errors: {
      types: EDIT_ERRORS,
      directResult: true,
      union: {
        name: "RenameEntityResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: {
      id: t.arg.globalID({ required: true, description: "The entity's global ID." }),
      expectedVersion: t.arg.int({ required: true, description: "The version the editor read." }),
      name: t.arg.string({ required: true, description: "The new canonical name." }),
      note: t.arg.string({ description: "Why, for the history." }),
    },
    resolve: async (_root, args, context) => {
      const entity = await renameEntity(context.prisma, actorOf(context), {
        entityId: databaseId(args.id, "Entity", "id") as number,
        expectedVersion: args.expectedVersion,
        name: args.name,
        note: args.note ?? null,
      });
      return { entityId: entity.id };
    },
  }),
);

for (const [name, run, description] of [
  ["addEntityAlias", addAlias, "Adds a spelling variant, title form or abbreviation to an entity."],
  ["removeEntityAlias", removeAlias, "Removes an alias from an entity."],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: EntityResult,
      description,
      authScopes: { editor: true },
      errors: {
        types: EDIT_ERRORS,
        directResult: true,
        union: {
          name: `${name[0]?.toUpperCase()}${name.slice(1)}Result`,
          description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
        },
      },
      args: {
        id: t.arg.globalID({ required: true, description: "The entity's global ID." }),
        name: t.arg.string({ required: true, description: "The alias." }),
        note: t.arg.string({ description: "Why, for the history." }),
      },
      resolve: async (_root, args, context) => {
        const entity = await run(context.prisma, actorOf(context), {
          entityId: databaseId(args.id, "Entity", "id") as number,
          name: args.name,
          note: args.note ?? null,
        });
        return { entityId: entity.id };
      },
    }),
  );
}

builder.mutationField("setEntityAffiliation", (t) =>
  t.field({
    type: EntityResult,
    description: "Sets (or clears) the country or side an entity speaks for.",
    authScopes: { editor: true },
    errors: {
      types: EDIT_ERRORS,
      directResult: true,
      union: {
        name: "SetEntityAffiliationResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: {
      id: t.arg.globalID({ required: true, description: "The entity's global ID." }),
      expectedVersion: t.arg.int({ required: true, description: "The version the editor read." }),
      affiliation: t.arg.globalID({ description: "The side's global ID; null clears it." }),
      note: t.arg.string({ description: "Why, for the history." }),
    },
    resolve: async (_root, args, context) => {
      const entity = await setAffiliation(context.prisma, actorOf(context), {
        entityId: databaseId(args.id, "Entity", "id") as number,
        expectedVersion: args.expectedVersion,
        affiliationId: databaseId(args.affiliation, "Entity", "affiliation"),
        note: args.note ?? null,
      });
      return { entityId: entity.id };
    },
  }),
);

const MergeVerdictEnum = builder.enumType("MergeVerdict", {
  description: "An editor's word on whether two entities are one.",
  values: Object.fromEntries(
    MERGE_VERDICTS.map((value) => [
      value.toUpperCase(),
      {
        value,
        description: {
          same: "The same: merge them.",
          different: "Not the same.",
          unsure: "Cannot tell yet.",
        }[value],
      },
    ]),
  ) as Record<
    "SAME" | "DIFFERENT" | "UNSURE",
    { value: (typeof MERGE_VERDICTS)[number]; description: string }
  >,
});

const MergeJudgementRef = builder.objectRef<MergeJudgement>("MergeJudgement").implement({
  description: "A judgement that two entities are, or are not, the same; a merge can be undone.",
  fields: (t) => ({
    id: t.id({
      description: "Pass it to undoMerge.",
      resolve: (judgement) => Buffer.from(`MergeJudgement:${judgement.id}`).toString("base64"),
    }),
    verdict: t.expose("verdict", { type: MergeVerdictEnum, description: "Same, different or unsure." }),
    kept: t.prismaField({
      type: "Entity",
      description: "The entity that remains.",
      resolve: (query, judgement, _args, context) =>
        context.prisma.entity.findUniqueOrThrow({ ...query, where: { id: judgement.keepId } }),
    }),
    merged: t.prismaField({
      type: "Entity",
      description: "The entity judged against it (merged into it when the verdict is SAME).",
      resolve: (query, judgement, _args, context) =>
        context.prisma.entity.findUniqueOrThrow({ ...query, where: { id: judgement.mergeId } }),
    }),
    undone: t.boolean({
      description: "True when the merge was undone.",
      resolve: (judgement) => judgement.undoneAt !== null,
    }),
  }),
});

function judgementIdOf(id: string, argument: string): number {
  const match = /^(?:MergeJudgement|MergeSuggestion):(\d+)$/.exec(Buffer.from(id, "base64").toString("utf8"));
  if (!match?.[1] || !isDatabaseIdText(match[1]))
    throw new ValidationError("Not a merge judgement ID.", [
      { path: [argument], message: "not a merge judgement ID" },
    ]);
  return Number(match[1]);
}

const JudgementResult = builder.objectRef<{ judgement: MergeJudgement }>("MergeMutationSuccess").implement({
  description: "The judgement recorded.",
  fields: (t) => ({
    judgement: t.field({
      type: MergeJudgementRef,
      description: "What was decided.",
      resolve: (r) => r.judgement,
    }),
  }),
});

builder.mutationField("mergeEntities", (t) =>
  t.field({
    type: JudgementResult,
    description:
      "Merges one entity into another: claims, mentions, relay links and aliases move, the merged entity redirects. Undo restores exactly what was there.",
    authScopes: { editor: true },
    errors: {
      types: EDIT_ERRORS,
      directResult: true,
      union: {
        name: "MergeEntitiesResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: {
      keep: t.arg.globalID({ required: true, description: "The entity that remains." }),
      merge: t.arg.globalID({ required: true, description: "The entity merged into it." }),
      note: t.arg.string({ description: "Why, for the history." }),
    },
    resolve: async (_root, args, context) => ({
      judgement: await mergeEntities(context.prisma, actorOf(context), {
        keepId: databaseId(args.keep, "Entity", "keep") as number,
        mergeId: databaseId(args.merge, "Entity", "merge") as number,
        note: args.note ?? null,
      }),
    }),
  }),
);

builder.mutationField("undoMerge", (t) =>
  t.field({
    type: JudgementResult,
    description: "Undoes a merge: every row it moved goes back, and the merged entity stands alone again.",
    authScopes: { editor: true },
    errors: {
      types: EDIT_ERRORS,
      directResult: true,
      union: {
        name: "UndoMergeResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: {
      judgement: t.arg.id({ required: true, description: "The merge's judgement ID." }),
      note: t.arg.string({ description: "Why, for the history." }),
    },
    resolve: async (_root, args, context) => ({
      judgement: await undoMerge(context.prisma, actorOf(context), {
        judgementId: judgementIdOf(String(args.judgement), "judgement"),
        note: args.note ?? null,
      }),
    }),
  }),
);

builder.mutationField("judgeMergeSuggestion", (t) =>
  t.field({
    type: JudgementResult,
    description:
      "An editor's verdict on a machine merge suggestion: SAME merges (undoable), DIFFERENT closes it, UNSURE keeps it open.",
    authScopes: { editor: true },
    errors: {
      types: EDIT_ERRORS,
      directResult: true,
      union: {
        name: "JudgeMergeSuggestionResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: {
      suggestion: t.arg.id({ required: true, description: "The suggestion's ID (MergeSuggestion.id)." }),
      verdict: t.arg({ type: MergeVerdictEnum, required: true, description: "The verdict." }),
      note: t.arg.string({ description: "Why, for the history." }),
    },
    resolve: async (_root, args, context) => ({
      judgement: await judgeMergeSuggestion(context.prisma, actorOf(context), {
        suggestionId: judgementIdOf(String(args.suggestion), "suggestion"),
        verdict: args.verdict,
        note: args.note ?? null,
      }),
    }),
  }),
);

// --- Articles -------------------------------------------------------------------------------------------

const ArticlePatchInput = builder.inputType("ArticlePatch", {
  description: "Metadata of an article to correct; the body is an immutable snapshot and cannot be changed.",
  fields: (t) => ({
    title: t.string({ description: "The headline." }),
    url: t.string({ description: "Where it was published." }),
    outlet: t.globalID({ description: "The outlet (an Entity)." }),
    publishedAt: t.field({ type: "Date", description: "The publication date." }),
    publishedPrecision: t.field({ type: PrecisionEnum, description: "How far publishedAt can be trusted." }),
  }),
});

const ArticleResult = builder.objectRef<{ articleId: number }>("ArticleMutationSuccess").implement({
  description: "The article after the change.",
  fields: (t) => ({
    article: t.prismaField({
      type: "Article",
      description: "The article as now stored.",
      resolve: (query, result, _args, context) =>
        context.prisma.article.findUniqueOrThrow({ ...query, where: { id: result.articleId } }),
    }),
  }),
});

builder.mutationField("correctArticle", (t) =>
  t.field({
    type: ArticleResult,
    description: "Corrects an article's title, URL, outlet or publication date.",
    authScopes: { editor: true },
    errors: {
      types: EDIT_ERRORS,
      directResult: true,
      union: {
        name: "CorrectArticleResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: {
      id: t.arg.globalID({ required: true, description: "The article's global ID." }),
      expectedVersion: t.arg.int({ required: true, description: "The version the editor read." }),
      patch: t.arg({ type: ArticlePatchInput, required: true, description: "The fields to change." }),
      note: t.arg.string({ description: "Why, for the history." }),
    },
    resolve: async (_root, args, context) => {
      const { patch } = args;
      const article = await correctArticle(context.prisma, actorOf(context), {
        articleId: databaseId(args.id, "Article", "id") as number,
        expectedVersion: args.expectedVersion,
        patch: {
          ...(patch.title != null ? { title: patch.title } : {}),
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.outlet !== undefined ? { outletId: databaseId(patch.outlet, "Entity", "outlet") } : {}),
          ...(patch.publishedAt !== undefined ? { publishedAt: patch.publishedAt } : {}),
          ...(patch.publishedPrecision != null ? { publishedPrecision: patch.publishedPrecision } : {}),
        },
        note: args.note ?? null,
      });
      return { articleId: article.id };
    },
  }),
);

// --- Review queue and history ----------------------------------------------------------------------------

builder.queryField("reviewQueue", (t) =>
  t.prismaConnection({
    type: "Claim",
    cursor: "id",
    description: "Machine claims no editor has reviewed yet, least confident first (editors only).",
    authScopes: { editor: true },
    resolve: (query, _root, args, context) => {
      assertPageSize(args);
      return context.prisma.claim.findMany({
        ...query,
        where: { reviewStatus: "unreviewed", origin: "machine", deletedAt: null },
        orderBy: [{ confidence: { sort: "asc", nulls: "first" } }, { id: "asc" }],
      });
    },
    totalCount: (_connection, _args, context) =>
      context.prisma.claim.count({
        where: { reviewStatus: "unreviewed", origin: "machine", deletedAt: null },
      }),
  }),
);

const FieldChangeRef = builder
  .objectRef<{ field: string; before: unknown; after: unknown }>("FieldChange")
  .implement({
    description: "One field's value before and after a change.",
    fields: (t) => ({
      field: t.exposeString("field", { description: "The field." }),
      before: t.string({
        nullable: true,
        description: "Its value before, as JSON.",
        resolve: (change) => (change.before === null ? null : JSON.stringify(change.before)),
      }),
      after: t.string({
        nullable: true,
        description: "Its value after, as JSON.",
        resolve: (change) => (change.after === null ? null : JSON.stringify(change.after)),
      }),
      beforeEntities: t.prismaField({
        type: [EntityNode],
        description:
          "When the field refers to entities (a claim's source, place, subject or relay chain; an entity's side, " +
          "the entity it was merged into or took in; an article's outlet): the entities it referred to before, " +
          "in order; else empty.",
        resolve: (query, change, _args, context) =>
          referredEntities(context, query, change.field, change.before),
      }),
      afterEntities: t.prismaField({
        type: [EntityNode],
        description:
          "When the field refers to entities: the entities it refers to after the change, in order.",
        resolve: (query, change, _args, context) =>
          referredEntities(context, query, change.field, change.after),
      }),
    }),
  });

/**
 * The audited fields whose values are an entity id (an entity merged in, or judged against, another; an
 * article's outlet), and the relay chains (`via:<appearance id>`), lists.
 */
const ENTITY_FIELDS = new Set([
  "sourceId",
  "locationId",
  "subjectEntityId",
  "affiliationId",
  "mergedIntoId",
  "merged",
  "other",
  "outletId",
]);
const refersToEntities = (field: string) => ENTITY_FIELDS.has(field) || field.startsWith("via:");

/**
 * The entities an audited value refers to, in its order (an entity since removed is left out). Prisma
 * batches the lookups of one history into one statement.
 */
async function referredEntities(
  context: Context,
  query: { include?: Prisma.EntityInclude; select?: Prisma.EntitySelect },
  field: string,
  value: unknown,
) {
  if (!refersToEntities(field)) return [];
  const ids = (Array.isArray(value) ? value : [value]).filter(
    (id): id is number => typeof id === "number" && Number.isSafeInteger(id),
  );
  const found = await Promise.all(
    ids.map((id) => context.prisma.entity.findUnique({ ...query, where: { id } })),
  );
  return found.filter((entity) => entity !== null);
}

const HistoryEntryRef = builder
  .objectRef<Awaited<ReturnType<typeof history>>[number]>("HistoryEntry")
  .implement({
    description: "One audited change.",
    fields: (t) => ({
      at: t.expose("at", { type: "DateTime", description: "When." }),
      action: t.exposeString("action", {
        description: "What kind of change (claim.update, entity.merge, …).",
      }),
      actor: t.string({
        nullable: true,
        description:
          'Who made it: the e-mail for editors and admins; for others the display name, or the role ("an editor"); null for the extractor.',
        resolve: (entry, _args, context) => {
          if (entry.actorId === null) return null;
          if (canEdit(context.viewer)) return entry.actorEmail;
          return entry.actorName ?? (entry.actorRole === "admin" ? "an admin" : "an editor");
        },
      }),
      note: t.exposeString("note", { nullable: true, description: "Why, as the editor wrote it." }),
      changes: t.field({
        type: [FieldChangeRef],
        description: "Field-level differences.",
        resolve: (entry) => entry.changes,
      }),
    }),
  });

builder.queryField("history", (t) =>
  t.field({
    type: [HistoryEntryRef],
    description: "The audit trail of a claim, entity or article, newest first.",
    args: {
      subject: t.arg.globalID({
        required: true,
        description: "The claim's, entity's or article's global ID.",
      }),
    },
    resolve: async (_root, args, context) => {
      const type = args.subject.typename;
      if (type !== "Claim" && type !== "Entity" && type !== "Article") {
        throw new ValidationError("History is kept for claims, entities and articles.", [
          { path: ["subject"], message: "not a claim, entity or article" },
        ]);
      }
      const id = databaseId(args.subject, type, "subject") as number;
      // A deleted claim is hidden from those who may not edit, and so is its history (notes, values).
      if (type === "Claim" && !canEdit(context.viewer)) {
        const visible = await context.prisma.claim.findFirst({
          where: { id, deletedAt: null },
          select: { id: true },
        });
        if (!visible) return [];
      }
      return history(context.prisma, { type, id });
    },
  }),
);

void ArticleNode;
void EntityNode;
