import { MERGE_VERDICTS } from "@headcount/shared";
import {
  addAlias,
  judgeMergeSuggestion,
  mergeEntities,
  removeAlias,
  renameEntity,
  setAffiliation,
  undoMerge,
} from "../../curation/entities.ts";
import { ValidationError } from "../../curation/errors.ts";
import type { MergeJudgement } from "../../generated/prisma/client.ts";
import { builder } from "../builder.ts";
import { databaseId, databaseIdOf, globalIdOf } from "../ids.ts";
import { vocabularyEnum } from "./enums.ts";
import {
  actorOf,
  editorMutation,
  noteArg,
  payloadOf,
  versionedEdit,
  versionedEditArgs,
} from "./mutations.ts";

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
    ...editorMutation("renameEntity"),
    args: {
      ...versionedEditArgs(t.arg, "entity"),
      name: t.arg.string({ required: true, description: "The new canonical name." }),
    },
    resolve: async (_root, args, context) => {
      const entity = await renameEntity(context.prisma, actorOf(context), {
        ...versionedEdit(args, "Entity"),
        name: args.name,
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
      ...editorMutation(name),
      args: {
        id: t.arg.globalID({ required: true, description: "The entity's global ID." }),
        name: t.arg.string({ required: true, description: "The alias." }),
        note: noteArg(t.arg),
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
    ...editorMutation("setEntityAffiliation"),
    args: {
      ...versionedEditArgs(t.arg, "entity"),
      affiliation: t.arg.globalID({ description: "The side's global ID; null clears it." }),
    },
    resolve: async (_root, args, context) => {
      const entity = await setAffiliation(context.prisma, actorOf(context), {
        ...versionedEdit(args, "Entity"),
        affiliationId: databaseId(args.affiliation, "Entity", "affiliation"),
      });
      return { entityId: entity.id };
    },
  }),
);

const MergeVerdictEnum = vocabularyEnum(
  "MergeVerdict",
  MERGE_VERDICTS,
  "An editor's word on whether two entities are one.",
  {
    same: "The same: merge them.",
    different: "Not the same.",
    unsure: "Cannot tell yet.",
  },
);

const MergeJudgementRef = builder.objectRef<MergeJudgement>("MergeJudgement").implement({
  description: "A judgement that two entities are, or are not, the same; a merge can be undone.",
  fields: (t) => ({
    id: t.id({
      description: "Pass it to undoMerge.",
      resolve: (judgement) => globalIdOf("MergeJudgement", judgement.id),
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
  const judgementId = databaseIdOf(id, ["MergeJudgement", "MergeSuggestion"]);
  if (judgementId === null)
    throw new ValidationError("Not a merge judgement ID.", [
      { path: [argument], message: "not a merge judgement ID" },
    ]);
  return judgementId;
}

const JudgementResult = payloadOf("MergeMutationSuccess", "The judgement recorded.", "judgement", {
  type: MergeJudgementRef,
  description: "What was decided.",
});

builder.mutationField("mergeEntities", (t) =>
  t.field({
    type: JudgementResult,
    description:
      "Merges one entity into another: claims, mentions, relay links and aliases move, the merged entity redirects. Undo restores exactly what was there.",
    ...editorMutation("mergeEntities"),
    args: {
      keep: t.arg.globalID({ required: true, description: "The entity that remains." }),
      merge: t.arg.globalID({ required: true, description: "The entity merged into it." }),
      note: noteArg(t.arg),
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
    ...editorMutation("undoMerge"),
    args: {
      judgement: t.arg.id({ required: true, description: "The merge's judgement ID." }),
      note: noteArg(t.arg),
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
    ...editorMutation("judgeMergeSuggestion"),
    args: {
      suggestion: t.arg.id({ required: true, description: "The suggestion's ID (MergeSuggestion.id)." }),
      verdict: t.arg({ type: MergeVerdictEnum, required: true, description: "The verdict." }),
      note: noteArg(t.arg),
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
