import type { ExtractedEntity } from "@headcount/extract";
import { nameVariantScore } from "@headcount/extract/variants";
import { type EntityType, MAX_ENTITY_NAME_LENGTH } from "@headcount/shared";
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

/**
 * lookupName, remembered: resolving a group asks for the same few hundred names thousands of times (locks,
 * merging, lookups, aliases), and each answer costs a Unicode normalisation and a dozen patterns.
 */
const normalized = new Map<string, string>();
function norm(name: string): string {
  let value = normalized.get(name);
  if (value === undefined) {
    if (normalized.size >= 50_000) normalized.clear();
    value = lookupName(name);
    normalized.set(name, value);
  }
  return value;
}
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

const isNameLength = (name: string) => name.trim() !== "" && name.length <= MAX_ENTITY_NAME_LENGTH;

/**
 * The request without the names too long to be one (a run of capitalised words read as one name): no
 * entity is made for such a name, and what it would have named stays unlinked, as an unknown name does.
 */
function namedWithinLength(request: EntityRequest): EntityRequest[] {
  if (!isNameLength(request.name)) return [];
  return [
    {
      ...request,
      aliases: request.aliases?.filter(isNameLength),
      affiliation: request.affiliation && isNameLength(request.affiliation) ? request.affiliation : null,
    },
  ];
}

/**
 * Resolves extracted entities against the database in a handful of statements: a known alias of the same
 * type maps to its entity (following merges); a close variant becomes a new entity linked to the known
 * one by an `unsure` machine merge judgement, for an editor to decide; anything else is a new entity with
 * its aliases. Affiliations (the country or side) are resolved first so entities can point at them. The
 * caller holds advisory locks on the names (see entityLockKeys) inside its transaction.
 */
export async function resolveEntities(client: PoolClient, input: EntityRequest[]): Promise<ResolvedEntities> {
  return (await resolveEntityGroups(client, [input]))[0] as ResolvedEntities;
}

/** An entity a document of the group creates, before it has its id. */
interface PlannedEntity {
  request: EntityRequest;
  /** Its affiliation: a known id, or a planned entity (a negative number, see plannedIndex). */
  affiliationId: number | null;
  document: number;
}

/** Planned entities carry negative ids (-1 for the first) until their rows are inserted. */
const plannedIndex = (id: number) => -id - 1;

/**
 * resolveEntities for the documents of a group, in the same statements whatever the group's size: the
 * result is what resolving them one after another would give (a name created by an earlier document of
 * the group is known to the later ones; variants are suggested against the entities that existed before
 * each document), with one lookup, one insert of the new entities, one search for variants and one
 * insert of the aliases.
 */
export async function resolveEntityGroups(
  client: PoolClient,
  inputs: EntityRequest[][],
): Promise<ResolvedEntities[]> {
  const plans = inputs.map((input) => {
    const requests = merged(input.flatMap(namedWithinLength));
    const affiliations = merged(
      requests
        .filter((request) => request.affiliation)
        .map((request) => ({ name: request.affiliation as string, type: "place" as const })),
      // "NATO Secretary General Mark Rutte": a side the document names as a body is that body, not a place.
    ).filter((a) => !requests.some((r) => norm(r.name) === norm(a.name)));
    const places = [...affiliations, ...requests.filter((r) => r.type === "place")];
    const others = requests.filter((r) => r.type !== "place");
    return { requests, affiliations, places, others };
  });

  // One lookup for every name of every request.
  const allNormalized = [
    ...new Set(
      plans.flatMap((plan) => [...plan.places, ...plan.others].flatMap((r) => namesOf(r).map(norm))),
    ),
  ];
  const knownByKey = new Map<string, number>();
  if (allNormalized.length > 0) {
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
    for (const row of known.rows) {
      const k = key(row.type, row.normalized);
      const id = kept.get(row.id);
      if (!knownByKey.has(k) && id !== undefined) knownByKey.set(k, id);
    }
  }

  // Each document in turn, as if the ones before it were stored: their aliases come after every alias
  // found above, so a name known before the group keeps its entity.
  const planned: PlannedEntity[] = [];
  const aliasRows: { entityId: number; name: string; kind: AliasKind }[] = [];
  const variantsOf: { document: number; people: EntityRequest[] }[] = [];
  const idMaps: Map<string, number>[] = [];
  const createdBy: number[] = [];
  for (const [document, { requests, affiliations: sides, places: all, others }] of plans.entries()) {
    const ids = new Map<string, number>();
    let created = 0;
    // A side known as a body (from an earlier document) is that body; bodies are planned before people.
    const bodyId = (name: string) =>
      (["organization", "group"] as const)
        .map((t) => knownByKey.get(key(t, norm(name))) ?? ids.get(key(t, norm(name))))
        .find((id) => id !== undefined);
    const affiliations = sides.filter((a) => bodyId(a.name) === undefined);
    const places = all.filter((p) => !sides.includes(p) || affiliations.includes(p));
    const persons = others.filter((r) => r.type === "person");
    for (const wave of [places, others.filter((r) => r.type !== "person"), persons]) {
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
      const createdIds = unknown.map((request) => {
        planned.push({
          request,
          affiliationId: request.affiliation
            ? (ids.get(key("place", norm(request.affiliation))) ?? bodyId(request.affiliation) ?? null)
            : null,
          document,
        });
        return -planned.length;
      });
      for (const [index, request] of unknown.entries())
        for (const name of namesOf(request))
          ids.set(key(request.type, norm(name)), createdIds[index] as number);
      created += createdIds.length;
      const people = unknown.filter((request) => request.type !== "place");
      if (people.length > 0) variantsOf.push({ document, people });
    }
    createdBy.push(created);
    // Every spelling seen becomes an alias of the entity it resolved to.
    const rows = requests.flatMap((request) => {
      const entityId = ids.get(key(request.type, norm(request.name)));
      if (entityId === undefined) return [];
      return namesOf(request).map((name) => ({
        entityId,
        type: request.type,
        name,
        kind: aliasKind(name, request.name),
      }));
    });
    for (const affiliation of affiliations) {
      const entityId = ids.get(key("place", norm(affiliation.name)));
      if (entityId !== undefined)
        rows.push({ entityId, type: "place", name: affiliation.name, kind: "written" as const });
    }
    for (const row of rows) {
      aliasRows.push(row);
      const k = key(row.type, norm(row.name));
      if (!knownByKey.has(k)) knownByKey.set(k, row.entityId);
    }
    idMaps.push(ids);
  }

  // The planned entities get their ids in the order they were planned, as one after another would.
  const realIds: number[] = [];
  if (planned.length > 0) {
    const allocated = await client.query<{ id: number }>(
      `select nextval(pg_get_serial_sequence('"Entity"', 'id'))::int as id from generate_series(1, $1::int) order by 1`,
      [planned.length],
    );
    realIds.push(...allocated.rows.map((row) => row.id));
  }
  const real = (id: number) => (id < 0 ? (realIds[plannedIndex(id)] as number) : id);
  if (planned.length > 0) {
    await client.query(
      `insert into "Entity" (id, type, name, "normalizedName", role, "affiliationId", "updatedAt")
       select *, now() from unnest($1::int[], $2::"EntityType"[], $3::text[], $4::text[], $5::text[], $6::int[])`,
      [
        realIds,
        planned.map((p) => p.request.type),
        planned.map((p) => p.request.name),
        planned.map((p) => norm(p.request.name)),
        planned.map((p) => p.request.role ?? null),
        planned.map((p) => (p.affiliationId === null ? null : real(p.affiliationId))),
      ],
    );
  }

  const suggestions = await suggestVariants(
    client,
    variantsOf,
    idMaps.map((ids) => (request: EntityRequest) => {
      const id = ids.get(key(request.type, norm(request.name)));
      return id === undefined ? undefined : real(id);
    }),
    planned.map((p, index) => ({ id: realIds[index] as number, document: p.document })),
  );

  if (aliasRows.length > 0) {
    await client.query(
      `insert into "EntityAlias" ("entityId", name, normalized, kind)
       select * from unnest($1::int[], $2::text[], $3::text[], $4::"AliasKind"[])
       on conflict ("entityId", normalized) do nothing`,
      [
        aliasRows.map((a) => real(a.entityId)),
        aliasRows.map((a) => a.name),
        aliasRows.map((a) => norm(a.name)),
        aliasRows.map((a) => a.kind),
      ],
    );
  }
  return idMaps.map((ids, document) => ({
    idOf: (name, type) => {
      const id = ids.get(key(type, norm(name)));
      return id === undefined ? undefined : real(id);
    },
    created: createdBy[document] as number,
    suggestions: suggestions[document] ?? 0,
  }));
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

type AliasKind = "written" | "titled" | "abbreviation";

function aliasKind(name: string, canonical: string): AliasKind {
  if (name === canonical) return "written";
  if (/^[\p{Lu}.&\s]+$/u.test(name) && name.replace(/\W/g, "").length <= 8) return "abbreviation";
  return "titled";
}

/**
 * How many name comparisons one document's variant suggestions may make (each takes some microseconds on
 * the thread that serves requests): a real article's few dozen new names use a small part of it; a paste
 * of thousands of capitalised words gets suggestions for its first names only.
 */
const MAX_VARIANT_COMPARISONS = 20_000;
/**
 * How many name prefixes one document's search for look-alikes may hold. The search is one regular
 * expression over every entity's name, and its cost grows faster than its alternatives: 100 take some
 * 0.2 s over 40,000 entities, 6,000 (a paste of random capitalised words) took 6.5 s.
 */
const MAX_VARIANT_PREFIXES = 150;
const YIELD_EVERY_COMPARISONS = 1_000;

/** The first three letters of each token of a name's lookup form: what a variant shares with it. */
function tokenPrefixes(name: string): string[] {
  return norm(name)
    .split(" ")
    .filter((t) => t.length >= 3)
    .map((t) => t.slice(0, 3));
}

/**
 * Records an unsure merge judgement between each new entity and the most similar existing entity of the
 * same type, when similar enough to ask an editor. Candidates share the first three letters of a name
 * token, as every transliteration variant seen does; places are left out: they come from a gazetteer,
 * where variants are aliases already. For each document of a group, the candidates are the entities that
 * existed before it (those of earlier documents of the group included), in one statement for the group.
 * Returns how many judgements each document added.
 */
async function suggestVariants(
  client: PoolClient,
  waves: { document: number; people: EntityRequest[] }[],
  idOf: ((request: EntityRequest) => number | undefined)[],
  created: { id: number; document: number }[],
): Promise<number[]> {
  const searches = waves.flatMap((wave) => {
    // The names whose prefixes fit in one pattern, in the article's order (see MAX_VARIANT_PREFIXES).
    const prefixSet = new Set<string>();
    const people: EntityRequest[] = [];
    for (const request of wave.people) {
      const own = tokenPrefixes(request.name).filter((prefix) => !prefixSet.has(prefix));
      if (prefixSet.size + new Set(own).size > MAX_VARIANT_PREFIXES) break;
      for (const prefix of own) prefixSet.add(prefix);
      people.push(request);
    }
    const escaped = [...prefixSet].map((p) => p.replace(/[^\p{L}\p{N}]/gu, "")).filter(Boolean);
    if (escaped.length === 0) return [];
    return [
      {
        ...wave,
        people,
        pattern: `(^| )(${escaped.join("|")})`,
        types: `{${[...new Set(people.map((r) => r.type))].join(",")}}`,
      },
    ];
  });
  const counts: number[] = [];
  if (searches.length === 0) return counts;
  // Per search, as its own query would: the entities of its types whose name matches, not merged, none
  // created by its document or a later one of the group, the first 2,000 by id.
  const { rows } = await client.query<{
    search: number;
    id: number;
    name: string;
    type: EntityType;
    role: string | null;
  }>(
    `select k.search::int as search, e.id, e.name, e.type, e.role
       from unnest($1::text[], $2::text[], $3::int[]) with ordinality as k(pattern, types, document, search)
       cross join lateral (
         select id, name, type, role from "Entity" e
          where "mergedIntoId" is null and type = any(k.types::"EntityType"[])
            and not exists (select 1 from unnest($4::int[], $5::int[]) as x(id, document)
                             where x.id = e.id and x.document >= k.document)
            and "normalizedName" ~ k.pattern
          order by id limit 2000
       ) e
      order by k.search, e.id`,
    [
      searches.map((s) => s.pattern),
      searches.map((s) => s.types),
      searches.map((s) => s.document),
      created.map((c) => c.id),
      created.map((c) => c.document),
    ],
  );
  const judgements: { keepId: number; mergeId: number; score: number }[] = [];
  let compared = 0;
  for (const [index, search] of searches.entries()) {
    const byPrefix = new Map<string, typeof rows>();
    for (const row of rows.filter((row) => row.search === index + 1))
      for (const prefix of new Set(tokenPrefixes(row.name))) {
        const list = byPrefix.get(prefix);
        if (list) list.push(row);
        else byPrefix.set(prefix, [row]);
      }
    let budget = MAX_VARIANT_COMPARISONS;
    for (const request of search.people) {
      const mergeId = idOf[search.document]?.(request);
      if (mergeId === undefined) continue;
      // Only the candidates sharing a token's first letters with this name: each name of a long list of
      // names is compared with its few look-alikes, not with every candidate of the document.
      const candidates = new Set(tokenPrefixes(request.name).flatMap((prefix) => byPrefix.get(prefix) ?? []));
      if (candidates.size > budget) break;
      budget -= candidates.size;
      let best: { entityId: number; score: number } | null = null;
      for (const candidate of candidates) {
        // Scoring runs on the thread that serves requests: let it answer between slices.
        if (++compared % YIELD_EVERY_COMPARISONS === 0) await new Promise((resolve) => setImmediate(resolve));
        if (candidate.type !== request.type) continue;
        const score = nameVariantScore(
          { name: request.name, type: request.type, role: request.role ?? null },
          { name: candidate.name, type: candidate.type, role: candidate.role },
        );
        if (score >= SUGGESTION_THRESHOLD && (!best || score > best.score))
          best = { entityId: candidate.id, score };
      }
      if (best) {
        judgements.push({ keepId: best.entityId, mergeId, score: best.score });
        counts[search.document] = (counts[search.document] ?? 0) + 1;
      }
    }
  }
  if (judgements.length > 0) {
    await client.query(
      `insert into "MergeJudgement" ("keepId", "mergeId", verdict, score, origin)
       select k, m, 'unsure', s, 'machine' from unnest($1::int[], $2::int[], $3::float8[]) as u(k, m, s)`,
      [judgements.map((j) => j.keepId), judgements.map((j) => j.mergeId), judgements.map((j) => j.score)],
    );
  }
  return counts;
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
