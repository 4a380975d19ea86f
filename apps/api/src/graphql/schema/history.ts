import { ValidationError } from "../../curation/errors.ts";
import { history } from "../../curation/history.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { builder } from "../builder.ts";
import { type Context, canEdit } from "../context.ts";
import { databaseId } from "../ids.ts";
import { assertPageSize } from "../pagination.ts";
import { EntityNode } from "./entity.ts";
import { optional } from "./field-options.ts";

// What editors read besides the record itself: the claims waiting for review, and every object's history.

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
      note: t.exposeString("note", optional("Why, as the editor wrote it.")),
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
