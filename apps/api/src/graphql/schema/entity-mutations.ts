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
import { databaseId, databaseIdOf } from "../ids.ts";
import { EntityNode } from "./entity.ts";
import { MergeJudgementRef, MergeVerdictEnum } from "./merge-judgement.ts";
import {
  actorOf,
  editorMutationField,
  noteArg,
  payloadOf,
  versionedEdit,
  versionedEditArgs,
} from "./mutations.ts";

const EntityResult = payloadOf("EntityMutationSuccess", "The entity after the change.", "entity", {
  type: EntityNode,
  description: "The entity as now stored.",
});

editorMutationField("renameEntity", {
  type: EntityResult,
  description: "Gives an entity a new canonical name; the old one stays as an alias.",
  args: (arg) => ({
    ...versionedEditArgs(arg, "entity"),
    name: arg.string({ required: true, description: "The new canonical name." }),
  }),
  resolve: async (_root, args, context) => {
    const entity = await renameEntity(context.prisma, actorOf(context), {
      ...versionedEdit(args, "Entity"),
      name: args.name,
    });
    return { entity };
  },
});

for (const [name, run, description] of [
  ["addEntityAlias", addAlias, "Adds a spelling variant, title form or abbreviation to an entity."],
  ["removeEntityAlias", removeAlias, "Removes an alias from an entity."],
] as const) {
  editorMutationField(name, {
    type: EntityResult,
    description,
    args: (arg) => ({
      id: arg.globalID({ required: true, description: "The entity's global ID." }),
      name: arg.string({ required: true, description: "The alias." }),
      note: noteArg(arg),
    }),
    resolve: async (_root, args, context) => {
      const entity = await run(context.prisma, actorOf(context), {
        entityId: databaseId(args.id, "Entity", "id") as number,
        name: args.name,
        note: args.note ?? null,
      });
      return { entity };
    },
  });
}

editorMutationField("setEntityAffiliation", {
  type: EntityResult,
  description: "Sets (or clears) the country or side an entity speaks for.",
  args: (arg) => ({
    ...versionedEditArgs(arg, "entity"),
    affiliation: arg.globalID({ description: "The side's global ID; null clears it." }),
  }),
  resolve: async (_root, args, context) => {
    const entity = await setAffiliation(context.prisma, actorOf(context), {
      ...versionedEdit(args, "Entity"),
      affiliationId: databaseId(args.affiliation, "Entity", "affiliation"),
    });
    return { entity };
  },
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

editorMutationField("mergeEntities", {
  type: JudgementResult,
  description:
    "Merges one entity into another: claims, mentions, relay links and aliases move, the merged entity redirects. Undo restores exactly what was there.",
  args: (arg) => ({
    keep: arg.globalID({ required: true, description: "The entity that remains." }),
    merge: arg.globalID({ required: true, description: "The entity merged into it." }),
    note: noteArg(arg),
  }),
  resolve: async (_root, args, context) => ({
    judgement: await mergeEntities(context.prisma, actorOf(context), {
      keepId: databaseId(args.keep, "Entity", "keep") as number,
      mergeId: databaseId(args.merge, "Entity", "merge") as number,
      note: args.note ?? null,
    }),
  }),
});

editorMutationField("undoMerge", {
  type: JudgementResult,
  description: "Undoes a merge: every row it moved goes back, and the merged entity stands alone again.",
  args: (arg) => ({
    judgement: arg.id({ required: true, description: "The merge's judgement ID." }),
    note: noteArg(arg),
  }),
  resolve: async (_root, args, context) => ({
    judgement: await undoMerge(context.prisma, actorOf(context), {
      judgementId: judgementIdOf(String(args.judgement), "judgement"),
      note: args.note ?? null,
    }),
  }),
});

editorMutationField("judgeMergeSuggestion", {
  type: JudgementResult,
  description:
    "An editor's verdict on a machine merge suggestion: SAME merges (undoable), DIFFERENT closes it, UNSURE keeps it open.",
  args: (arg) => ({
    suggestion: arg.id({ required: true, description: "The suggestion's ID (MergeSuggestion.id)." }),
    verdict: arg({ type: MergeVerdictEnum, required: true, description: "The verdict." }),
    note: noteArg(arg),
  }),
  resolve: async (_root, args, context) => ({
    judgement: await judgeMergeSuggestion(context.prisma, actorOf(context), {
      suggestionId: judgementIdOf(String(args.suggestion), "suggestion"),
      verdict: args.verdict,
      note: args.note ?? null,
    }),
  }),
});
