import { MAX_ENTITY_NAME_LENGTH, type MergeVerdict } from "@headcount/shared";
import type { PrismaClient } from "../db/prisma.ts";
import type { Entity, MergeJudgement, Prisma } from "../generated/prisma/client.ts";
import type { Actor } from "./actor.ts";
import { audit } from "./audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";
import { lookupName } from "./names.ts";

type Tx = Prisma.TransactionClient;

/** An entity's change in its history. */
function auditEntity(
  tx: Tx,
  actor: Actor,
  action: string,
  entityId: number,
  before: unknown,
  after: unknown,
  note?: string | null,
) {
  return audit(tx, actor, action, { type: "Entity", id: entityId }, before, after, note);
}

async function lockedEntity(tx: Tx, entityId: number, expectedVersion?: number): Promise<Entity> {
  const [row] = await tx.$queryRaw<Entity[]>`select * from "Entity" where id = ${entityId} for update`;
  if (!row) throw new NotFoundError(`No entity ${entityId}.`);
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new ConflictError(
      `The entity was changed by someone else (now version ${row.version}); reload it and apply your change again.`,
      row.version,
    );
  }
  return row;
}

/** A name or alias as typed, trimmed; refused when empty or longer than a name can be. */
function typedName(value: string, what: "name" | "alias"): string {
  const name = value.trim();
  const problem =
    name === ""
      ? "must not be empty"
      : name.length > MAX_ENTITY_NAME_LENGTH
        ? `must be at most ${MAX_ENTITY_NAME_LENGTH} characters`
        : null;
  if (problem) {
    throw new ValidationError(`The ${what} ${problem}.`, [{ path: ["name"], message: problem }]);
  }
  return name;
}

/** Renames an entity; the old name stays as an alias, so searches for it still find the entity. */
export async function renameEntity(
  prisma: PrismaClient,
  actor: Actor,
  input: { entityId: number; expectedVersion: number; name: string; note?: string | null },
): Promise<Entity> {
  const name = typedName(input.name, "name");
  return prisma.$transaction(async (tx) => {
    const entity = await lockedEntity(tx, input.entityId, input.expectedVersion);
    await tx.entityAlias.createMany({
      data: [
        { entityId: entity.id, name: entity.name, normalized: lookupName(entity.name), kind: "written" },
        { entityId: entity.id, name, normalized: lookupName(name), kind: "editor" },
      ],
      skipDuplicates: true,
    });
    const updated = await tx.entity.update({
      where: { id: entity.id },
      data: { name, normalizedName: lookupName(name), version: { increment: 1 } },
    });
    await auditEntity(tx, actor, "entity.rename", entity.id, { name: entity.name }, { name }, input.note);
    return updated;
  });
}

export async function addAlias(
  prisma: PrismaClient,
  actor: Actor,
  input: { entityId: number; name: string; note?: string | null },
): Promise<Entity> {
  const name = typedName(input.name, "alias");
  return prisma.$transaction(async (tx) => {
    const entity = await lockedEntity(tx, input.entityId);
    const created = await tx.entityAlias.createMany({
      data: [{ entityId: entity.id, name, normalized: lookupName(name), kind: "editor" }],
      skipDuplicates: true,
    });
    if (created.count === 0) {
      throw new ValidationError("The entity already has that alias.", [
        { path: ["name"], message: "already an alias" },
      ]);
    }
    await auditEntity(tx, actor, "entity.add_alias", entity.id, null, { alias: name }, input.note);
    return tx.entity.update({ where: { id: entity.id }, data: { version: { increment: 1 } } });
  });
}

export async function removeAlias(
  prisma: PrismaClient,
  actor: Actor,
  input: { entityId: number; name: string; note?: string | null },
): Promise<Entity> {
  return prisma.$transaction(async (tx) => {
    const entity = await lockedEntity(tx, input.entityId);
    const alias = await tx.entityAlias.findFirst({
      where: { entityId: entity.id, normalized: lookupName(input.name) },
    });
    if (!alias) {
      throw new ValidationError(`The entity has no alias "${input.name}".`, [
        { path: ["name"], message: "not an alias of this entity" },
      ]);
    }
    await tx.entityAlias.delete({ where: { id: alias.id } });
    await auditEntity(
      tx,
      actor,
      "entity.remove_alias",
      entity.id,
      { alias: alias.name, kind: alias.kind },
      null,
      input.note,
    );
    return tx.entity.update({ where: { id: entity.id }, data: { version: { increment: 1 } } });
  });
}

export async function setAffiliation(
  prisma: PrismaClient,
  actor: Actor,
  input: { entityId: number; expectedVersion: number; affiliationId: number | null; note?: string | null },
): Promise<Entity> {
  return prisma.$transaction(async (tx) => {
    const entity = await lockedEntity(tx, input.entityId, input.expectedVersion);
    if (input.affiliationId !== null) {
      if (input.affiliationId === entity.id) {
        throw new ValidationError("An entity cannot be its own side.", [
          { path: ["affiliationId"], message: "is the entity itself" },
        ]);
      }
      const side = await tx.entity.findUnique({ where: { id: input.affiliationId }, select: { id: true } });
      if (!side)
        throw new ValidationError("No such entity.", [
          { path: ["affiliationId"], message: "no such entity" },
        ]);
    }
    const updated = await tx.entity.update({
      where: { id: entity.id },
      data: { affiliationId: input.affiliationId, version: { increment: 1 } },
    });
    await auditEntity(
      tx,
      actor,
      "entity.set_affiliation",
      entity.id,
      { affiliationId: entity.affiliationId },
      { affiliationId: input.affiliationId },
      input.note,
    );
    return updated;
  });
}

/** What a merge moved, so that undo can put every row back exactly. */
export interface MergeSnapshot {
  claimsSource: number[];
  claimsLocation: number[];
  claimsSubject: number[];
  mentions: number[];
  via: [number, number][];
  outletArticles: number[];
  affiliates: number[];
  aliasesMoved: number[];
  aliasesDropped: { id: number; name: string; normalized: string; kind: string; createdAt: string }[];
}

const ids = (rows: { id: number }[]) => rows.map((row) => row.id);

/**
 * Merges `mergeId` into `keepId`: its claims (as source, place or whose forces), mentions, relay links,
 * outlet articles, affiliates and aliases move to the kept entity, and the merged one redirects to it. The
 * judgement records exactly which rows moved, so `undoMerge` restores them. Made on a machine suggestion
 * (`suggestionId`: an editor's Merge, or ingest's automatic merge with `score`), it takes the suggestion
 * out of the queue, and is refused when someone judged that suggestion first.
 */
export async function mergeEntities(
  prisma: PrismaClient,
  actor: Actor,
  input: { keepId: number; mergeId: number; note?: string | null; suggestionId?: number; score?: number },
): Promise<MergeJudgement> {
  if (input.keepId === input.mergeId) {
    throw new ValidationError("An entity cannot be merged into itself.", [
      { path: ["mergeId"], message: "same as keepId" },
    ]);
  }
  return prisma.$transaction(async (tx) => {
    if (input.suggestionId !== undefined) await resolveSuggestion(tx, input.suggestionId);
    // Lock both in id order, so two merges of the same pair cannot deadlock.
    const [first, second] = [input.keepId, input.mergeId].sort((a, b) => a - b) as [number, number];
    const a = await lockedEntity(tx, first);
    const b = await lockedEntity(tx, second);
    const keep = a.id === input.keepId ? a : b;
    const merge = a.id === input.mergeId ? a : b;
    if (keep.mergedIntoId !== null || merge.mergedIntoId !== null) {
      throw new ValidationError("One of the entities has already been merged into another.", [
        { path: [keep.mergedIntoId !== null ? "keepId" : "mergeId"], message: "already merged" },
      ]);
    }
    if (keep.type !== merge.type) {
      throw new ValidationError("Only entities of the same type can be merged.", [
        { path: ["mergeId"], message: `is a ${merge.type}, not a ${keep.type}` },
      ]);
    }
    const keepAliases = new Set(
      (await tx.entityAlias.findMany({ where: { entityId: keep.id }, select: { normalized: true } })).map(
        (x) => x.normalized,
      ),
    );
    const mergeAliases = await tx.entityAlias.findMany({
      where: { entityId: merge.id },
      orderBy: { id: "asc" },
    });
    const snapshot: MergeSnapshot = {
      claimsSource: ids(await tx.claim.findMany({ where: { sourceId: merge.id }, select: { id: true } })),
      claimsLocation: ids(await tx.claim.findMany({ where: { locationId: merge.id }, select: { id: true } })),
      claimsSubject: ids(
        await tx.claim.findMany({ where: { subjectEntityId: merge.id }, select: { id: true } }),
      ),
      mentions: ids(await tx.entityMention.findMany({ where: { entityId: merge.id }, select: { id: true } })),
      via: (
        await tx.appearanceVia.findMany({
          where: { entityId: merge.id },
          select: { appearanceId: true, position: true },
        })
      ).map((link) => [link.appearanceId, link.position]),
      outletArticles: ids(await tx.article.findMany({ where: { outletId: merge.id }, select: { id: true } })),
      affiliates: ids(await tx.entity.findMany({ where: { affiliationId: merge.id }, select: { id: true } })),
      aliasesMoved: mergeAliases
        .filter((alias) => !keepAliases.has(alias.normalized))
        .map((alias) => alias.id),
      aliasesDropped: mergeAliases
        .filter((alias) => keepAliases.has(alias.normalized))
        .map((alias) => ({
          id: alias.id,
          name: alias.name,
          normalized: alias.normalized,
          kind: alias.kind,
          createdAt: alias.createdAt.toISOString(),
        })),
    };
    // Raw statements: moving references is not an edit of those rows (no version or updatedAt change), so
    // undo can restore them exactly.
    await tx.$executeRaw`update "Claim" set "sourceId" = ${keep.id} where id = any(${snapshot.claimsSource})`;
    await tx.$executeRaw`update "Claim" set "locationId" = ${keep.id} where id = any(${snapshot.claimsLocation})`;
    await tx.$executeRaw`update "Claim" set "subjectEntityId" = ${keep.id} where id = any(${snapshot.claimsSubject})`;
    await tx.$executeRaw`update "EntityMention" set "entityId" = ${keep.id} where id = any(${snapshot.mentions})`;
    await tx.$executeRaw`update "AppearanceVia" set "entityId" = ${keep.id} where "entityId" = ${merge.id}`;
    await tx.$executeRaw`update "Article" set "outletId" = ${keep.id} where id = any(${snapshot.outletArticles})`;
    await tx.$executeRaw`update "Entity" set "affiliationId" = ${keep.id} where id = any(${snapshot.affiliates})`;
    await tx.$executeRaw`delete from "EntityAlias" where id = any(${snapshot.aliasesDropped.map((alias) => alias.id)})`;
    await tx.$executeRaw`update "EntityAlias" set "entityId" = ${keep.id} where id = any(${snapshot.aliasesMoved})`;
    await tx.$executeRaw`update "Entity" set "mergedIntoId" = ${keep.id} where id = ${merge.id}`;
    const judgement = await tx.mergeJudgement.create({
      data: {
        keepId: keep.id,
        mergeId: merge.id,
        verdict: "same",
        origin: actor.userId === null ? "machine" : "editor",
        score: input.score ?? null,
        note: input.note ?? null,
        judgedById: actor.userId,
        snapshot: snapshot as unknown as Prisma.InputJsonValue,
      },
    });
    // In both histories: the kept entity took the other in, the merged one now redirects to it.
    await auditEntity(
      tx,
      actor,
      "entity.merge",
      keep.id,
      null,
      { merged: merge.id, moved: counts(snapshot) },
      input.note,
    );
    await auditEntity(
      tx,
      actor,
      "entity.merge",
      merge.id,
      { mergedIntoId: null },
      { mergedIntoId: keep.id },
      input.note,
    );
    return judgement;
  });
}

/** Takes an open machine suggestion out of the queue; refused when it was judged already. */
async function resolveSuggestion(tx: Tx, suggestionId: number): Promise<void> {
  const [row] = await tx.$queryRaw<{ resolvedAt: Date | null }[]>`
    select "resolvedAt" from "MergeJudgement" where id = ${suggestionId} and verdict = 'unsure' for update`;
  if (!row) throw new NotFoundError(`No merge suggestion ${suggestionId}.`);
  if (row.resolvedAt !== null) {
    throw new ValidationError("Someone judged this suggestion already; reload the entity.", [
      { path: ["suggestionId"], message: "already judged" },
    ]);
  }
  await tx.$executeRaw`update "MergeJudgement" set "resolvedAt" = now() where id = ${suggestionId}`;
}

function counts(snapshot: MergeSnapshot): Record<string, number> {
  return Object.fromEntries(
    Object.entries(snapshot).map(([key, value]) => [key, (value as unknown[]).length]),
  );
}

/** Puts back exactly what a merge moved, and ends the redirect. */
export async function undoMerge(
  prisma: PrismaClient,
  actor: Actor,
  input: { judgementId: number; note?: string | null },
): Promise<MergeJudgement> {
  return prisma.$transaction(async (tx) => {
    const [judgement] = await tx.$queryRaw<
      MergeJudgement[]
    >`select * from "MergeJudgement" where id = ${input.judgementId} for update`;
    if (!judgement) throw new NotFoundError(`No merge judgement ${input.judgementId}.`);
    if (judgement.verdict !== "same" || !judgement.snapshot) {
      throw new ValidationError("Only a merge can be undone.", [
        { path: ["judgementId"], message: "not a merge" },
      ]);
    }
    if (judgement.undoneAt)
      throw new ValidationError("The merge was already undone.", [
        { path: ["judgementId"], message: "already undone" },
      ]);
    const keep = await lockedEntity(tx, judgement.keepId);
    const merge = await lockedEntity(tx, judgement.mergeId);
    if (keep.mergedIntoId !== null || merge.mergedIntoId !== keep.id) {
      throw new ValidationError("A later merge depends on this one; undo that first.", [
        { path: ["judgementId"], message: "superseded by a later merge" },
      ]);
    }
    const s = judgement.snapshot as unknown as MergeSnapshot;
    await tx.$executeRaw`update "Claim" set "sourceId" = ${merge.id} where id = any(${s.claimsSource}) and "sourceId" = ${keep.id}`;
    await tx.$executeRaw`update "Claim" set "locationId" = ${merge.id} where id = any(${s.claimsLocation}) and "locationId" = ${keep.id}`;
    await tx.$executeRaw`update "Claim" set "subjectEntityId" = ${merge.id} where id = any(${s.claimsSubject}) and "subjectEntityId" = ${keep.id}`;
    await tx.$executeRaw`update "EntityMention" set "entityId" = ${merge.id} where id = any(${s.mentions}) and "entityId" = ${keep.id}`;
    for (const [appearanceId, position] of s.via) {
      await tx.$executeRaw`update "AppearanceVia" set "entityId" = ${merge.id} where "appearanceId" = ${appearanceId} and position = ${position} and "entityId" = ${keep.id}`;
    }
    await tx.$executeRaw`update "Article" set "outletId" = ${merge.id} where id = any(${s.outletArticles}) and "outletId" = ${keep.id}`;
    await tx.$executeRaw`update "Entity" set "affiliationId" = ${merge.id} where id = any(${s.affiliates}) and "affiliationId" = ${keep.id}`;
    await tx.$executeRaw`update "EntityAlias" set "entityId" = ${merge.id} where id = any(${s.aliasesMoved})`;
    for (const alias of s.aliasesDropped) {
      await tx.$executeRaw`insert into "EntityAlias" (id, "entityId", name, normalized, kind, "createdAt")
        values (${alias.id}, ${merge.id}, ${alias.name}, ${alias.normalized}, ${alias.kind}::"AliasKind", ${new Date(alias.createdAt)})`;
    }
    await tx.$executeRaw`update "Entity" set "mergedIntoId" = null where id = ${merge.id}`;
    const updated = await tx.mergeJudgement.update({
      where: { id: judgement.id },
      data: { undoneAt: new Date() },
    });
    await auditEntity(
      tx,
      actor,
      "entity.undo_merge",
      keep.id,
      { merged: merge.id },
      { merged: null },
      input.note,
    );
    await auditEntity(
      tx,
      actor,
      "entity.undo_merge",
      merge.id,
      { mergedIntoId: keep.id },
      { mergedIntoId: null },
      input.note,
    );
    return updated;
  });
}

/**
 * An editor's verdict on a suggested pair: `same` merges them (undoable), `different` and `unsure` are
 * recorded so the suggestion leaves (or stays in) the queue with the editor's word on it.
 */
export async function judgeMergeSuggestion(
  prisma: PrismaClient,
  actor: Actor,
  input: { suggestionId: number; verdict: MergeVerdict; note?: string | null },
): Promise<MergeJudgement> {
  const suggestion = await prisma.mergeJudgement.findUnique({ where: { id: input.suggestionId } });
  if (!suggestion) throw new NotFoundError(`No merge suggestion ${input.suggestionId}.`);
  if (input.verdict === "same") {
    return mergeEntities(prisma, actor, {
      keepId: suggestion.keepId,
      mergeId: suggestion.mergeId,
      note: input.note ?? null,
      suggestionId: suggestion.id,
    });
  }
  return prisma.$transaction(async (tx) => {
    // "Not the same" takes the suggestion out of the queue; "unsure" leaves it there.
    if (input.verdict === "different") await resolveSuggestion(tx, suggestion.id);
    const judgement = await tx.mergeJudgement.create({
      data: {
        keepId: suggestion.keepId,
        mergeId: suggestion.mergeId,
        verdict: input.verdict,
        origin: "editor",
        score: suggestion.score,
        note: input.note ?? null,
        judgedById: actor.userId,
      },
    });
    await auditEntity(
      tx,
      actor,
      `entity.judge_${input.verdict}`,
      suggestion.keepId,
      null,
      { other: suggestion.mergeId },
      input.note,
    );
    return judgement;
  });
}
