import type { Metric, Precision, Qualifier, Rate, ReviewStatus } from "@headcount/shared";
import type { PrismaClient } from "../db/prisma.ts";
import type { Claim, Prisma } from "../generated/prisma/client.ts";
import type { Actor } from "./actor.ts";
import { audit } from "./audit.ts";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "./errors.ts";
import { CLAIM_FIELDS, type ClaimField, recordedValue } from "./fields.ts";
import { validateClaimValues } from "./validate-claim.ts";

type Tx = Prisma.TransactionClient;

/** Every field of a claim an editor may set; absent means unchanged, null means cleared. */
export interface ClaimPatch {
  metric?: Metric;
  subject?: string;
  subjectEntityId?: number | null;
  valueLow?: number | null;
  valueHigh?: number | null;
  valueBest?: number | null;
  qualifier?: Qualifier;
  hedge?: string | null;
  additional?: boolean;
  rate?: Rate;
  locationId?: number | null;
  sourceId?: number | null;
  statedOn?: Date | null;
  statedOnPrecision?: Precision;
  refersFrom?: Date | null;
  refersFromPrecision?: Precision | null;
  refersTo?: Date | null;
  refersToPrecision?: Precision | null;
  /** The relay chain of one appearance of the claim, in order. */
  via?: { appearanceId: number; entityIds: number[] }[];
}

const SCALAR_FIELDS = CLAIM_FIELDS;
type ScalarField = ClaimField;

export function conflict(claim: Pick<Claim, "id" | "version">): ConflictError {
  const error = new ConflictError(
    `The claim was changed by someone else (now version ${claim.version}); reload it and apply your change again.`,
    claim.version,
  );
  (error as ConflictError & { claimId: number }).claimId = claim.id;
  return error;
}

async function currentClaim(
  tx: Tx,
  claimId: number,
  expectedVersion: number,
  allowDeleted = false,
): Promise<Claim> {
  const claim = await tx.claim.findUnique({ where: { id: claimId } });
  if (!claim || (claim.deletedAt && !allowDeleted)) throw new NotFoundError(`No claim ${claimId}.`);
  if (claim.version !== expectedVersion) throw conflict(claim);
  return claim;
}

/** The row only changes if nobody else changed it since it was read: optimistic locking in one statement. */
async function guardedUpdate(
  tx: Tx,
  claim: Claim,
  data: Prisma.ClaimUncheckedUpdateManyInput,
): Promise<Claim> {
  const { count } = await tx.claim.updateMany({
    where: { id: claim.id, version: claim.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) {
    const now = await tx.claim.findUnique({ where: { id: claim.id }, select: { id: true, version: true } });
    if (!now) throw new NotFoundError(`No claim ${claim.id}.`);
    throw conflict(now);
  }
  return tx.claim.findUniqueOrThrow({ where: { id: claim.id } });
}

/**
 * Checks that the entities named exist and maps each to the entity it stands for now: one merged into
 * another stands for the one kept (following chains of merges). The rows are locked FOR SHARE in id order,
 * so a merge of one of them either finished before (and is seen here) or waits for this transaction to
 * commit (and then moves what it wrote): nothing written here is left pointing at a merged-away entity.
 */
async function checkEntities(
  tx: Tx,
  ids: Record<string, number | null | undefined>,
): Promise<{ errors: FieldError[]; kept: (id: number) => number }> {
  const wanted = Object.entries(ids).filter(
    (entry): entry is [string, number] => typeof entry[1] === "number",
  );
  const kept = new Map<number, number>();
  const mergedInto = new Map<number, number | null>();
  let pending = [...new Set(wanted.map(([, id]) => id))];
  while (pending.length > 0) {
    const rows = await tx.$queryRaw<{ id: number; mergedIntoId: number | null }[]>`
      select id, "mergedIntoId" from "Entity" where id = any(${pending}::int[]) order by id for share`;
    for (const row of rows) mergedInto.set(row.id, row.mergedIntoId);
    pending = [
      ...new Set(
        rows.map((row) => row.mergedIntoId).filter((id): id is number => id !== null && !mergedInto.has(id)),
      ),
    ];
  }
  for (const [, id] of wanted) {
    let current: number | null | undefined = id;
    const seen = new Set<number>();
    while (current !== undefined && current !== null && !seen.has(current)) {
      seen.add(current);
      const next: number | null | undefined = mergedInto.get(current);
      if (next === undefined) {
        current = undefined;
        break;
      }
      if (next === null) break;
      current = next;
    }
    if (typeof current === "number" && mergedInto.has(current)) kept.set(id, current);
  }
  const errors = wanted
    .filter(([, id]) => !kept.has(id))
    .map(([field]) => ({
      path: ["patch", ...field.replace(/Id$/, "").split(".")],
      message: "no such entity",
    }));
  return { errors, kept: (id) => kept.get(id) ?? id };
}

/**
 * Applies an editor's patch: validated as a whole, refused with a ConflictError (carrying the current
 * version) when the claim changed since the editor read it, audited with the before and after of every
 * changed field. Fields an editor sets are marked so re-extraction never touches them again.
 */
export async function updateClaim(
  prisma: PrismaClient,
  actor: Actor,
  input: { claimId: number; expectedVersion: number; patch: ClaimPatch; note?: string | null },
): Promise<Claim> {
  return prisma.$transaction(async (tx) => {
    const claim = await currentClaim(tx, input.claimId, input.expectedVersion);
    const { via: requestedVia, ...scalars } = input.patch;
    // An entity merged into another is taken as the one kept: the claim never points at a merged-away one.
    const entities = await checkEntities(tx, {
      subjectEntityId: scalars.subjectEntityId,
      locationId: scalars.locationId,
      sourceId: scalars.sourceId,
    });
    for (const field of ["subjectEntityId", "locationId", "sourceId"] as const) {
      const id = scalars[field];
      if (typeof id === "number") scalars[field] = entities.kept(id);
    }
    const next = { ...claim, ...scalars };
    const errors = [
      ...(typeof next.subject === "string" && next.subject.trim() === ""
        ? [{ path: ["patch", "subject"], message: "must not be empty" }]
        : []),
      ...validateClaimValues(next),
      ...entities.errors,
    ];
    let via = requestedVia;
    if (via) {
      const keptChains: typeof via = [];
      const appearances = await tx.appearance.findMany({
        where: { claimId: claim.id },
        select: { id: true },
      });
      const mine = new Set(appearances.map((appearance) => appearance.id));
      for (const [index, chain] of via.entries()) {
        if (!mine.has(chain.appearanceId))
          errors.push({ path: ["patch", "via", String(index)], message: "not an appearance of this claim" });
        const chainEntities = await checkEntities(
          tx,
          Object.fromEntries(chain.entityIds.map((id, position) => [`via.${index}.${position}`, id])),
        );
        errors.push(...chainEntities.errors);
        keptChains.push({ ...chain, entityIds: chain.entityIds.map(chainEntities.kept) });
      }
      via = keptChains;
    }
    if (errors.length > 0)
      throw new ValidationError("The claim was not changed: some fields are invalid.", errors);

    const changed = SCALAR_FIELDS.filter(
      (field) =>
        field in scalars &&
        recordedValue(scalars[field as ScalarField]) !== recordedValue(claim[field as ScalarField]),
    );
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of changed) {
      before[field] = recordedValue(claim[field]);
      after[field] = recordedValue(scalars[field as ScalarField]);
    }
    if (via) {
      for (const chain of via) {
        const current = await tx.appearanceVia.findMany({
          where: { appearanceId: chain.appearanceId },
          orderBy: { position: "asc" },
          select: { entityId: true },
        });
        const currentIds = current.map((link) => link.entityId);
        if (JSON.stringify(currentIds) === JSON.stringify(chain.entityIds)) continue;
        before[`via:${chain.appearanceId}`] = currentIds;
        after[`via:${chain.appearanceId}`] = chain.entityIds;
        await tx.appearanceVia.deleteMany({ where: { appearanceId: chain.appearanceId } });
        await tx.appearanceVia.createMany({
          data: chain.entityIds.map((entityId, position) => ({
            appearanceId: chain.appearanceId,
            position,
            entityId,
          })),
        });
      }
    }
    const editedFields = [
      ...new Set([
        ...claim.editedFields,
        ...changed,
        ...(via && Object.keys(after).some((k) => k.startsWith("via:")) ? ["via"] : []),
      ]),
    ];
    const data: Prisma.ClaimUncheckedUpdateManyInput = { updatedById: actor.userId, editedFields };
    for (const field of changed) (data as Record<string, unknown>)[field] = scalars[field as ScalarField];
    // Even a change to the relay chain alone moves the version, so concurrent editors see it.
    const updated = await guardedUpdate(tx, claim, data);
    if (Object.keys(after).length > 0) {
      await audit(tx, actor, "claim.update", { type: "Claim", id: claim.id }, before, after, input.note);
    }
    return updated;
  });
}

type ClaimEdit = { claimId: number; expectedVersion: number; note?: string | null };

/**
 * One change of a claim's state (its review, its deletion): in one transaction, the claim as the editor read
 * it, the guarded update, and the audit row with what the state was and what it became.
 */
async function changeClaim(
  prisma: PrismaClient,
  actor: Actor,
  input: ClaimEdit,
  change: {
    action: string;
    /** Whether a deleted claim may be changed (only restoring one may). */
    deleted?: boolean;
    update: (claim: Claim) => Prisma.ClaimUncheckedUpdateManyInput;
    before: (claim: Claim) => Record<string, unknown>;
    after: Record<string, unknown>;
  },
): Promise<Claim> {
  return prisma.$transaction(async (tx) => {
    const claim = await currentClaim(tx, input.claimId, input.expectedVersion, change.deleted);
    const before = change.before(claim);
    const updated = await guardedUpdate(tx, claim, { ...change.update(claim), updatedById: actor.userId });
    await audit(tx, actor, change.action, { type: "Claim", id: claim.id }, before, change.after, input.note);
    return updated;
  });
}

export function reviewClaim(
  prisma: PrismaClient,
  actor: Actor,
  input: ClaimEdit & { status: ReviewStatus },
): Promise<Claim> {
  return changeClaim(prisma, actor, input, {
    action: "claim.review",
    update: () => ({ reviewStatus: input.status }),
    before: (claim) => ({ reviewStatus: claim.reviewStatus }),
    after: { reviewStatus: input.status },
  });
}

/** Soft delete: hidden from public queries and charts, kept with its history, restorable. */
export function deleteClaim(prisma: PrismaClient, actor: Actor, input: ClaimEdit): Promise<Claim> {
  return changeClaim(prisma, actor, input, {
    action: "claim.delete",
    update: () => ({ deletedAt: new Date(), deletedById: actor.userId }),
    before: () => ({ deleted: false }),
    after: { deleted: true },
  });
}

export function restoreClaim(prisma: PrismaClient, actor: Actor, input: ClaimEdit): Promise<Claim> {
  return changeClaim(prisma, actor, input, {
    action: "claim.restore",
    deleted: true,
    update: (claim) => {
      if (!claim.deletedAt)
        throw new ValidationError("The claim is not deleted.", [{ path: ["id"], message: "not deleted" }]);
      return { deletedAt: null, deletedById: null };
    },
    before: () => ({ deleted: true }),
    after: { deleted: false },
  });
}

export interface NewClaim extends Omit<ClaimPatch, "via"> {
  metric: Metric;
  subject: string;
  qualifier: Qualifier;
  articleId: number;
  start: number;
  end: number;
  /** The quote as the editor sees it; it must be exactly the article's text at [start, end). */
  quote: string;
  viaEntityIds?: number[];
}

/** An editor adds a claim the machine missed, anchored to an exact span of an article. */
export async function createClaim(
  prisma: PrismaClient,
  actor: Actor,
  input: NewClaim & { note?: string | null },
): Promise<Claim> {
  return prisma.$transaction(async (tx) => {
    const article = await tx.article.findUnique({
      where: { id: input.articleId },
      select: { id: true, body: true },
    });
    if (!article) throw new NotFoundError(`No article ${input.articleId}.`);
    const errors: FieldError[] = [];
    if (
      !Number.isInteger(input.start) ||
      !Number.isInteger(input.end) ||
      input.start < 0 ||
      input.end > article.body.length ||
      input.start >= input.end
    ) {
      errors.push({
        path: ["input", "start"],
        message: `the span must lie within the article (0–${article.body.length})`,
      });
    } else if (article.body.slice(input.start, input.end) !== input.quote) {
      errors.push({ path: ["input", "quote"], message: "does not match the article's text at that span" });
    }
    if (input.subject.trim() === "")
      errors.push({ path: ["input", "subject"], message: "must not be empty" });
    const values = {
      valueLow: input.valueLow ?? null,
      valueHigh: input.valueHigh ?? null,
      valueBest: input.valueBest ?? null,
      qualifier: input.qualifier,
      rate: input.rate ?? "total",
      statedOn: input.statedOn ?? null,
      statedOnPrecision: input.statedOnPrecision ?? (input.statedOn ? "day" : "unknown"),
      refersFrom: input.refersFrom ?? null,
      refersTo: input.refersTo ?? null,
    } as const;
    const entities = await checkEntities(tx, {
      subjectEntityId: input.subjectEntityId,
      locationId: input.locationId,
      sourceId: input.sourceId,
      ...Object.fromEntries((input.viaEntityIds ?? []).map((id, index) => [`via.${index}`, id])),
    });
    const kept = (id: number | null | undefined) => (typeof id === "number" ? entities.kept(id) : null);
    errors.push(
      ...validateClaimValues(values).map((error) => ({ ...error, path: ["input", ...error.path.slice(1)] })),
      ...entities.errors.map((error) => ({ ...error, path: ["input", ...error.path.slice(1)] })),
    );
    if (errors.length > 0)
      throw new ValidationError("The claim was not created: some fields are invalid.", errors);
    const prefix = article.body.slice(Math.max(0, input.start - 32), input.start);
    const suffix = article.body.slice(input.end, input.end + 32);
    const claim = await tx.claim.create({
      data: {
        metric: input.metric,
        subject: input.subject.trim(),
        subjectEntityId: kept(input.subjectEntityId),
        ...values,
        hedge: input.hedge ?? null,
        additional: input.additional ?? false,
        locationId: kept(input.locationId),
        sourceId: kept(input.sourceId),
        refersFromPrecision: input.refersFromPrecision ?? null,
        refersToPrecision: input.refersToPrecision ?? null,
        origin: "editor",
        confidence: null,
        createdById: actor.userId,
        updatedById: actor.userId,
        appearances: {
          create: {
            articleId: article.id,
            start: input.start,
            end: input.end,
            quote: input.quote,
            prefix,
            suffix,
            via: {
              create: (input.viaEntityIds ?? []).map((entityId, position) => ({
                entityId: entities.kept(entityId),
                position,
              })),
            },
          },
        },
      },
    });
    await audit(
      tx,
      actor,
      "claim.create",
      { type: "Claim", id: claim.id },
      null,
      {
        ...values,
        metric: input.metric,
        subject: input.subject,
        articleId: article.id,
        start: input.start,
        end: input.end,
      },
      input.note,
    );
    return claim;
  });
}
