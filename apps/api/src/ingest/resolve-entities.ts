import { type ExtractedEntity, nameVariantScore, normalizeName } from "@headcount/extract";
import type { EntityType } from "@headcount/shared";
import type { Prisma } from "../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

/** Below this a variant is a new entity; at or above it, an unsure merge suggestion for an editor. */
export const SUGGESTION_THRESHOLD = 0.75;

export interface EntityRequest {
  name: string;
  type: EntityType;
  aliases?: string[];
  role?: string | null;
  affiliation?: string | null;
}

export interface ResolvedEntities {
  /** Entity id for a name as extracted (by type and normalised name). */
  idOf(name: string, type: EntityType): number | undefined;
  created: number;
  suggestions: number;
}

const key = (type: EntityType, normalized: string) => `${type}:${normalized}`;

/** Lock keys for entity names, so concurrent ingests never create the same entity twice. */
export function entityLockKeys(requests: EntityRequest[]): string[] {
  return requests.map(
    (request) => `entity:${key(request.type, normalizeName(request.name) || request.name.toLowerCase())}`,
  );
}

/**
 * Resolves extracted entities against the database: a known alias of the same type maps to its entity
 * (following merges); a close variant becomes a new entity linked to the known one by an `unsure`
 * machine merge judgement, for an editor to decide; anything else is a new entity with its aliases.
 * The caller holds advisory locks on the names (see entityLockKeys).
 */
export async function resolveEntities(tx: Tx, requests: EntityRequest[]): Promise<ResolvedEntities> {
  const ids = new Map<string, number>();
  let created = 0;
  let suggestions = 0;

  // Affiliations (the country or side) are entities too; resolve them first so others can point at them.
  const affiliationRequests: EntityRequest[] = [];
  for (const request of requests) {
    if (
      request.affiliation &&
      !requests.some((r) => normalizeName(r.name) === normalizeName(request.affiliation ?? ""))
    ) {
      affiliationRequests.push({ name: request.affiliation, type: "place" });
    }
  }
  const ordered = dedupe([
    ...affiliationRequests,
    ...requests.filter((r) => r.type === "place"),
    ...requests,
  ]);

  const allNormalized = [
    ...new Set(ordered.flatMap((r) => [r.name, ...(r.aliases ?? [])].map(normalizeName))),
  ].filter(Boolean);
  const known = await tx.entityAlias.findMany({
    where: { normalized: { in: allNormalized } },
    select: { normalized: true, entity: { select: { id: true, type: true, mergedIntoId: true } } },
  });
  const knownByKey = new Map<string, number>();
  for (const alias of known) {
    const entityId = alias.entity.mergedIntoId ?? alias.entity.id;
    knownByKey.set(key(alias.entity.type, alias.normalized), entityId);
  }

  for (const request of ordered) {
    const normalized = normalizeName(request.name) || request.name.toLowerCase();
    const requestKey = key(request.type, normalized);
    if (ids.has(requestKey)) continue;
    const names = [request.name, ...(request.aliases ?? [])];
    const normalizedNames = [...new Set(names.map(normalizeName).filter(Boolean))];
    let entityId = normalizedNames
      .map((n) => knownByKey.get(key(request.type, n)))
      .find((id) => id !== undefined);

    if (entityId === undefined) {
      const affiliationId = request.affiliation
        ? (ids.get(key("place", normalizeName(request.affiliation))) ??
          ids.get(key("organization", normalizeName(request.affiliation))))
        : undefined;
      const entity = await tx.entity.create({
        data: {
          type: request.type,
          name: request.name,
          normalizedName: normalized,
          role: request.role ?? null,
          affiliationId: affiliationId ?? null,
        },
        select: { id: true },
      });
      entityId = entity.id;
      created++;
      const variant = await closestVariant(tx, request, normalized, entityId);
      if (variant) {
        await tx.mergeJudgement.create({
          data: {
            keepId: variant.entityId,
            mergeId: entityId,
            verdict: "unsure",
            score: variant.score,
            origin: "machine",
          },
        });
        suggestions++;
      }
    }
    // Every spelling seen becomes an alias of the entity it resolved to.
    await tx.entityAlias.createMany({
      data: names.map((name) => ({
        entityId,
        name,
        normalized: normalizeName(name) || name.toLowerCase(),
        kind:
          name === request.name
            ? ("written" as const)
            : /\s/.test(name)
              ? ("titled" as const)
              : ("abbreviation" as const),
      })),
      skipDuplicates: true,
    });
    for (const n of normalizedNames) {
      ids.set(key(request.type, n), entityId);
      knownByKey.set(key(request.type, n), entityId);
    }
    ids.set(requestKey, entityId);
  }

  return {
    idOf: (name, type) => ids.get(key(type, normalizeName(name) || name.toLowerCase())),
    created,
    suggestions,
  };
}

function dedupe(requests: EntityRequest[]): EntityRequest[] {
  const seen = new Map<string, EntityRequest>();
  for (const request of requests) {
    const k = key(request.type, normalizeName(request.name) || request.name.toLowerCase());
    const existing = seen.get(k);
    if (!existing) seen.set(k, { ...request, aliases: [...(request.aliases ?? [])] });
    else {
      existing.aliases = [...new Set([...(existing.aliases ?? []), ...(request.aliases ?? [])])];
      existing.role ??= request.role ?? null;
      existing.affiliation ??= request.affiliation ?? null;
    }
  }
  return [...seen.values()];
}

/**
 * The most similar existing entity of the same type, when similar enough to ask an editor. Candidates
 * share the first letters of a name token, which every transliteration variant we have seen does.
 */
async function closestVariant(
  tx: Tx,
  request: EntityRequest,
  normalized: string,
  selfId: number,
): Promise<{ entityId: number; score: number } | null> {
  if (request.type === "place") return null; // places come from a gazetteer; variants are aliases there
  const prefixes = [
    ...new Set(
      normalized
        .split(" ")
        .filter((t) => t.length >= 3)
        .map((t) => t.slice(0, 3)),
    ),
  ];
  if (prefixes.length === 0) return null;
  const candidates = await tx.entity.findMany({
    where: {
      type: request.type,
      mergedIntoId: null,
      id: { not: selfId },
      normalizedName: { not: normalized },
      OR: prefixes.flatMap((prefix) => [
        { normalizedName: { startsWith: prefix } },
        { normalizedName: { contains: ` ${prefix}` } },
      ]),
    },
    select: { id: true, name: true, role: true },
    take: 500,
    orderBy: { id: "asc" },
  });
  let best: { entityId: number; score: number } | null = null;
  for (const candidate of candidates) {
    const score = nameVariantScore(
      { name: request.name, type: request.type, role: request.role ?? null },
      { name: candidate.name, type: request.type, role: candidate.role },
    );
    if (score >= SUGGESTION_THRESHOLD && (!best || score > best.score))
      best = { entityId: candidate.id, score };
  }
  return best;
}

/** The entity requests of an extracted article: its entities, plus speakers, places and subjects of claims. */
export function entityRequestsOf(entities: ExtractedEntity[]): EntityRequest[] {
  return entities.map((entity) => ({
    name: entity.name,
    type: entity.type,
    aliases: entity.aliases,
    role: entity.role,
    affiliation: entity.affiliation,
  }));
}
