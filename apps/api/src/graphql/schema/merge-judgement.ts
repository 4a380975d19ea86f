import { MERGE_VERDICTS } from "@headcount/shared";
import type { MergeJudgement } from "../../generated/prisma/client.ts";
import { builder } from "../builder.ts";
import { vocabularyEnum } from "./enums.ts";
import { optional } from "./field-options.ts";
import { globalIdField } from "./id-field.ts";

export const MergeVerdictEnum = vocabularyEnum(
  "MergeVerdict",
  MERGE_VERDICTS,
  "An editor's word on whether two entities are one.",
  {
    same: "The same: merge them.",
    different: "Not the same.",
    unsure: "Cannot tell yet.",
  },
);

export const MergeJudgementRef = builder.objectRef<MergeJudgement>("MergeJudgement").implement({
  description: "A judgement that two entities are, or are not, the same; a merge can be undone.",
  fields: (t) => ({
    id: globalIdField(t, "MergeJudgement", "Pass it to undoMerge."),
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
    automatic: t.boolean({
      description: "True when ingest judged it by itself (a close spelling variant), not an editor.",
      resolve: (judgement) => judgement.origin === "machine",
    }),
    score: t.exposeFloat("score", optional("For an automatic merge, how alike the two names are, 0 to 1.")),
    note: t.exposeString("note", optional("Why, as the judge wrote it.")),
    judgedAt: t.expose("judgedAt", { type: "DateTime", description: "When it was judged." }),
  }),
});
