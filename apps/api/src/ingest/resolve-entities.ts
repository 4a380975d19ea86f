import { type ExtractedEntity, nameVariantScore } from "@headcount/extract";
import type { EntityType } from "@headcount/shared";
import { lookupName } from "../curation/names.ts";
import type { PoolClient } from "../db/pool.ts";

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

const norm = lookupName;
const key = (type: EntityType, normalized: string) => `${type}:${normalized}`;

/** Lock keys for entity names, so concurrent ingests never create the same entity twice. */
export function entityLockKeys(requests: EntityRequest[]): string[] {
  return requests.map((request) => `entity:${key(request.type, norm(request.name))}`);
}

/**
 * One request per entity of the article, named as the first request (the extractor's entities come before
 * claim credits): a later request of the same type joins an earlier one when its name is one of that one's
 * names (a claim credited to "the National Intelligence Service of South Korea", which the article's entity
 * lists as an alias), or when that one's name is among its aliases.
 */
function merged(requests: EntityRequest[]): EntityRequest[] {
  const byName = new Map<string, EntityRequest>();
  const byPrimary = new Map<string, EntityRequest>();
  const kept: EntityRequest[] = [];
  for (const request of requests) {
    const keys = namesOf(request).map((name) => key(request.type, norm(name)));
    // Its name is a name of an earlier request, or an earlier request's name is among its aliases; two
    // entities that merely share an alias ("the ministry") stay apart.
    const existing =
      byName.get(key(request.type, norm(request.name))) ??
      keys.map((k) => byPrimary.get(k)).find((found) => found !== undefined);
    if (!existing) {
      const copy = { ...request, aliases: [...(request.aliases ?? [])] };
      kept.push(copy);
      byPrimary.set(keys[0] as string, copy);
      for (const k of keys) if (!byName.has(k)) byName.set(k, copy);
      continue;
    }
    const names = namesOf(request).filter((name) => norm(name) !== norm(existing.name));
    existing.aliases = [...new Set([...(existing.aliases ?? []), ...names])];
    existing.role ??= request.role ?? null;
    existing.affiliation ??= request.affiliation ?? null;
    for (const k of keys) if (!byName.has(k)) byName.set(k, existing);
  }
  return kept;
}

const namesOf = (request: EntityRequest) => [...new Set([request.name, ...(request.aliases ?? [])])];

/**
 * Resolves extracted entities against the database in a handful of statements: a known alias of the same
 * type maps to its entity (following merges); a close variant becomes a new entity linked to the known
 * one by an `unsure` machine merge judgement, for an editor to decide; anything else is a new entity with
 * its aliases. Affiliations (the country or side) are resolved first so entities can point at them. The
 * caller holds advisory locks on the names (see entityLockKeys) inside its transaction.
 */
export async function resolveEntities(client: PoolClient, input: EntityRequest[]): Promise<ResolvedEntities> {
  const ids = new Map<string, number>();
  const requests = merged(input);
  const affiliations = merged(
    requests
      .filter((request) => request.affiliation)
      .map((request) => ({ name: request.affiliation as string, type: "place" as const })),
  ).filter((a) => !requests.some((r) => r.type === "place" && norm(r.name) === norm(a.name)));
  const places = [...affiliations, ...requests.filter((r) => r.type === "place")];
  const others = requests.filter((r) => r.type !== "place");

  // One lookup for every name of every request.
  const allNormalized = [...new Set([...places, ...others].flatMap((r) => namesOf(r).map(norm)))];
  // The entities are locked FOR SHARE in id order (see keptEntities); the earliest alias of a name wins.
  const known = await client.query<{
    aliasId: number;
    normalized: string;
    type: EntityType;
    id: number;
    mergedIntoId: number | null;
  }>(
    `select a.id as "aliasId", a.normalized, e.type, e.id, e."mergedIntoId"
       from "EntityAlias" a join "Entity" e on e.id = a."entityId"
      where a.normalized = any($1::text[])
      order by e.id
      for share of e`,
    [allNormalized],
  );
  known.rows.sort((a, b) => a.aliasId - b.aliasId);
  const merges = known.rows.filter((row) => row.mergedIntoId !== null);
  const kept = new Map(known.rows.map((row) => [row.id, row.id]));
  if (merges.length > 0)
    for (const [id, keptId] of await keptEntities(
      client,
      merges.map((row) => row.id),
    ))
      kept.set(id, keptId);
  const knownByKey = new Map<string, number>();
  for (const row of known.rows) {
    const k = key(row.type, row.normalized);
    const id = kept.get(row.id);
    if (!knownByKey.has(k) && id !== undefined) knownByKey.set(k, id);
  }

  let created = 0;
  let suggestions = 0;
  for (const wave of [places, others]) {
    const unknown: EntityRequest[] = [];
    for (const request of wave) {
      const entityId = namesOf(request)
        .map(
          (name) => knownByKey.get(key(request.type, norm(name))) ?? ids.get(key(request.type, norm(name))),
        )
        .find((id) => id !== undefined);
      if (entityId === undefined) unknown.push(request);
      else for (const name of namesOf(request)) ids.set(key(request.type, norm(name)), entityId);
    }
    if (unknown.length === 0) continue;
    const inserted = await client.query<{ id: number }>(
      `insert into "Entity" (type, name, "normalizedName", role, "affiliationId", "updatedAt")
       select t, n, nn, r, a, now()
         from unnest($1::"EntityType"[], $2::text[], $3::text[], $4::text[], $5::int[]) with ordinality as u(t, n, nn, r, a, i)
        order by i
       returning id`,
      [
        unknown.map((r) => r.type),
        unknown.map((r) => r.name),
        unknown.map((r) => norm(r.name)),
        unknown.map((r) => r.role ?? null),
        unknown.map((r) => (r.affiliation ? (ids.get(key("place", norm(r.affiliation))) ?? null) : null)),
      ],
    );
    // INSERT … SELECT … ORDER BY returns the rows in that order.
    const createdIds: number[] = [];
    for (const [index, request] of unknown.entries()) {
      const id = inserted.rows[index]?.id;
      if (id === undefined) continue;
      createdIds.push(id);
      for (const name of namesOf(request)) ids.set(key(request.type, norm(name)), id);
    }
    created += createdIds.length;
    suggestions += await suggestVariants(client, unknown, ids, createdIds);
  }

  // Every spelling seen becomes an alias of the entity it resolved to.
  const aliasRows = requests.flatMap((request) => {
    const entityId = ids.get(key(request.type, norm(request.name)));
    if (entityId === undefined) return [];
    return namesOf(request).map((name) => ({ entityId, name, kind: aliasKind(name, request.name) }));
  });
  for (const affiliation of affiliations) {
    const entityId = ids.get(key("place", norm(affiliation.name)));
    if (entityId !== undefined) aliasRows.push({ entityId, name: affiliation.name, kind: "written" });
  }
  if (aliasRows.length > 0) {
    await client.query(
      `insert into "EntityAlias" ("entityId", name, normalized, kind)
       select * from unnest($1::int[], $2::text[], $3::text[], $4::"AliasKind"[])
       on conflict ("entityId", normalized) do nothing`,
      [
        aliasRows.map((a) => a.entityId),
        aliasRows.map((a) => a.name),
        aliasRows.map((a) => norm(a.name)),
        aliasRows.map((a) => a.kind),
      ],
    );
  }
  return { idOf: (name, type) => ids.get(key(type, norm(name))), created, suggestions };
}

/**
 * The entity each id stands for now: itself, or the entity it was merged into (following chains). The rows
 * are locked FOR SHARE in id order, so a merge running beside this transaction either committed first (and
 * its redirect is followed here) or waits until this transaction commits (and then moves what it wrote):
 * no mention, claim, relay or alias written by an ingest is left on a merged-away entity.
 */
export async function keptEntities(client: PoolClient, ids: number[]): Promise<Map<number, number>> {
  const mergedInto = new Map<number, number | null>();
  let pending = [...new Set(ids)];
  while (pending.length > 0) {
    const { rows } = await client.query<{ id: number; mergedIntoId: number | null }>(
      `select id, "mergedIntoId" from "Entity" where id = any($1::int[]) order by id for share`,
      [pending],
    );
    for (const row of rows) mergedInto.set(row.id, row.mergedIntoId);
    pending = [
      ...new Set(
        rows.map((row) => row.mergedIntoId).filter((id): id is number => id !== null && !mergedInto.has(id)),
      ),
    ];
  }
  const kept = new Map<number, number>();
  for (const id of new Set(ids)) {
    let current = id;
    for (let step = 0; step < 32; step++) {
      const next = mergedInto.get(current);
      if (next === undefined || next === null) break;
      current = next;
    }
    if (mergedInto.has(current)) kept.set(id, current);
  }
  return kept;
}

function aliasKind(name: string, canonical: string): "written" | "titled" | "abbreviation" {
  if (name === canonical) return "written";
  if (/^[\p{Lu}.&\s]+$/u.test(name) && name.replace(/\W/g, "").length <= 8) return "abbreviation";
  return "titled";
}

/**
 * Records an unsure merge judgement between each new entity and the most similar existing entity of the
 * same type, when similar enough to ask an editor. Candidates share the first three letters of a name
 * token, as every transliteration variant seen does; places are left out: they come from a gazetteer,
 * where variants are aliases already.
 */
async function suggestVariants(
  client: PoolClient,
  created: EntityRequest[],
  ids: Map<string, number>,
  createdIds: number[],
): Promise<number> {
  const people = created.filter((request) => request.type !== "place");
  const prefixes = [
    ...new Set(
      people.flatMap((r) =>
        norm(r.name)
          .split(" ")
          .filter((t) => t.length >= 3)
          .map((t) => t.slice(0, 3)),
      ),
    ),
  ];
  if (prefixes.length === 0) return 0;
  const escaped = prefixes.map((p) => p.replace(/[^\p{L}\p{N}]/gu, "")).filter(Boolean);
  if (escaped.length === 0) return 0;
  const candidates = await client.query<{
    id: number;
    name: string;
    type: EntityType;
    role: string | null;
    normalizedName: string;
  }>(
    `select id, name, type, role, "normalizedName" from "Entity"
      where "mergedIntoId" is null and type = any($1::"EntityType"[]) and not (id = any($2::int[]))
        and "normalizedName" ~ $3
      order by id limit 2000`,
    [[...new Set(people.map((r) => r.type))], createdIds, `(^| )(${escaped.join("|")})`],
  );
  const judgements: { keepId: number; mergeId: number; score: number }[] = [];
  for (const request of people) {
    const mergeId = ids.get(key(request.type, norm(request.name)));
    if (mergeId === undefined) continue;
    let best: { entityId: number; score: number } | null = null;
    for (const candidate of candidates.rows) {
      if (candidate.type !== request.type) continue;
      const score = nameVariantScore(
        { name: request.name, type: request.type, role: request.role ?? null },
        { name: candidate.name, type: candidate.type, role: candidate.role },
      );
      if (score >= SUGGESTION_THRESHOLD && (!best || score > best.score))
        best = { entityId: candidate.id, score };
    }
    if (best) judgements.push({ keepId: best.entityId, mergeId, score: best.score });
  }
  if (judgements.length > 0) {
    await client.query(
      `insert into "MergeJudgement" ("keepId", "mergeId", verdict, score, origin)
       select k, m, 'unsure', s, 'machine' from unnest($1::int[], $2::int[], $3::float8[]) as u(k, m, s)`,
      [judgements.map((j) => j.keepId), judgements.map((j) => j.mergeId), judgements.map((j) => j.score)],
    );
  }
  return judgements.length;
}

/** The entity requests of an extracted article's entities. */
export function entityRequestsOf(entities: ExtractedEntity[]): EntityRequest[] {
  return entities.map((entity) => ({
    name: entity.name,
    type: entity.type,
    aliases: entity.aliases,
    role: entity.role,
    affiliation: entity.affiliation,
  }));
}
