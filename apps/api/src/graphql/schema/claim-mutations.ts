import {
  type ClaimPatch,
  createClaim,
  deleteClaim,
  restoreClaim,
  reviewClaim,
  updateClaim,
} from "../../curation/claims.ts";
import { ConflictError, ValidationError } from "../../curation/errors.ts";
import type { Claim } from "../../generated/prisma/client.ts";
import { INGESTED_CLAIMS_CHANNEL } from "../../ingest/notifications.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { type ClaimChangeKind, originOf, publishClaimChanged } from "../events.ts";
import { databaseId, databaseIdOf } from "../ids.ts";
import { ClaimNode } from "./claim.ts";
import { MetricEnum, PrecisionEnum, QualifierEnum, RateEnum, ReviewStatusEnum } from "./enums.ts";
import {
  actorOf,
  editorMutationField,
  noteArg,
  payloadOf,
  versionedEdit,
  versionedEditArgs,
} from "./mutations.ts";

/**
 * Tells this process's subscribers at once, and the other API processes through PostgreSQL (the channel ingest
 * notifies on). The edit has committed: a lost announcement costs a live update, never the edit.
 */
async function announce(context: Context, claim: Claim, change: ClaimChangeKind): Promise<Claim> {
  const event = { claimId: claim.id, change, version: claim.version };
  publishClaimChanged(context.pubsub, event);
  const payload = JSON.stringify({ ...event, origin: originOf(context.pubsub) });
  // A database that cannot take the NOTIFY now is logged by the change feed when it drops.
  await context.prisma.$executeRaw`select pg_notify(${INGESTED_CLAIMS_CHANNEL}, ${payload})`.catch(
    () => undefined,
  );
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

const ClaimResult = payloadOf(
  "ClaimMutationSuccess",
  "The claim after the change, with its new version.",
  "claim",
  {
    type: ClaimNode,
    description: "The claim as now stored.",
  },
);

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

/** Appearances are not nodes, but their IDs are global IDs all the same, as the Appearance type exposes them. */
function appearanceIdOf(id: string): number {
  const appearanceId = databaseIdOf(id, ["Appearance"]);
  if (appearanceId === null)
    throw new ValidationError("Not an appearance ID.", [
      { path: ["patch", "via", "appearance"], message: "not an appearance ID" },
    ]);
  return appearanceId;
}

editorMutationField("updateClaim", {
  type: ClaimResult,
  description:
    "Changes any field of a claim. Refused with a ConflictError when the claim changed since `expectedVersion`; nothing is ever silently overwritten.",
  args: (arg) => ({
    ...versionedEditArgs(arg, "claim"),
    patch: arg({ type: ClaimPatchInput, required: true, description: "The fields to change." }),
  }),
  resolve: async (_root, args, context) => {
    const claim = await updateClaim(context.prisma, actorOf(context), {
      ...versionedEdit(args, "Claim"),
      patch: toPatch(args.patch),
    });
    return { claim: await announce(context, claim, "updated") };
  },
});

editorMutationField("reviewClaim", {
  type: ClaimResult,
  description:
    "Records an editor's verdict on a claim: verified, disputed, rejected (hidden from charts) or back to unreviewed.",
  args: (arg) => ({
    ...versionedEditArgs(arg, "claim"),
    status: arg({ type: ReviewStatusEnum, required: true, description: "The verdict." }),
  }),
  resolve: async (_root, args, context) => {
    const claim = await reviewClaim(context.prisma, actorOf(context), {
      ...versionedEdit(args, "Claim"),
      status: args.status,
    });
    return { claim: await announce(context, claim, "reviewed") };
  },
});

for (const [name, run, change, description] of [
  [
    "deleteClaim",
    deleteClaim,
    "deleted",
    "Hides a claim from public queries and charts; it keeps its history and can be restored.",
  ],
  ["restoreClaim", restoreClaim, "restored", "Brings back a deleted claim."],
] as const) {
  editorMutationField(name, {
    type: ClaimResult,
    description,
    args: (arg) => versionedEditArgs(arg, "claim"),
    resolve: async (_root, args, context) => {
      const claim = await run(context.prisma, actorOf(context), versionedEdit(args, "Claim"));
      return { claim: await announce(context, claim, change) };
    },
  });
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

editorMutationField("createClaim", {
  type: ClaimResult,
  description: "Adds a claim the machine missed. The quote is checked against the article's text.",
  args: (arg) => ({
    input: arg({
      type: CreateClaimInput,
      required: true,
      description: "The claim and where it is printed.",
    }),
    note: noteArg(arg),
  }),
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
});
