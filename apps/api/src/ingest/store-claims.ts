import { createHash } from "node:crypto";
import type { ExtractedArticle, ExtractedClaim } from "@headcount/extract";
import type { Precision } from "@headcount/shared";
import type { PoolClient } from "../db/pool.ts";
import { INGESTED_CLAIMS_CHANNEL } from "./notifications.ts";
import { type ClaimIdentity, claimLockKey, findSameClaims, sameClaim } from "./resolve-claims.ts";
import {
  type EntityRequest,
  entityLockKeys,
  entityRequestsOf,
  type ResolvedEntities,
  resolveEntities,
} from "./resolve-entities.ts";

// Storing an article's extracted claims: which are kept, the entities and locks they need, and their rows.

/** A calendar day as a Date, or null for anything that is not one (2024-02-30, 0000-00-00). */
export function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls an impossible day over into the next month; such a date was never printed.
  if (
    year < 1 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return date;
}

/** Stable 64-bit advisory-lock ids for text keys, sorted so every transaction takes them in one order. */
export function lockIds(keys: string[]): string[] {
  const ids = new Set<bigint>();
  for (const key of keys) ids.add(createHash("sha256").update(key).digest().readBigInt64BE(0));
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
}

/**
 * The largest figure a claim keeps. No count of people reaches it (the world's armed forces number some
 * 30 million); a larger "3,000,000,000 troops" is a misprint or a misreading, and such a claim is left out
 * with its reason while the article and its other claims are stored. The claim columns stay 32-bit so
 * GraphQL's Int, the dashboard and every client read exact values.
 */
export const LARGEST_CLAIM_VALUE = 2_147_483_647;

/** Why a claim cannot be stored, or null when it can. */
export function omissionReason(claim: ExtractedClaim): string | null {
  const largest = Math.max(claim.valueLow ?? 0, claim.valueHigh ?? 0, claim.valueBest ?? 0);
  return largest > LARGEST_CLAIM_VALUE
    ? `the figure ${largest.toLocaleString("en-US")} is too large to be a count of people (over ${LARGEST_CLAIM_VALUE.toLocaleString("en-US")})`
    : null;
}

/**
 * The claims of an article that are stored, none that omissionReason refuses: one per figure printed, each
 * repeat of a figure (`duplicateOf`, a headline and its body sentence, a paraphrase and its quote) kept as
 * another appearance of the claim it repeats, its `duplicateOf` pointing into the returned list.
 */
export function storableClaims(claims: ExtractedClaim[]): ExtractedClaim[] {
  const rootOf = (index: number): number => {
    let at = index;
    for (let hops = 0; hops < claims.length; hops++) {
      const next = claims[at]?.duplicateOf;
      if (next === null || next === undefined) break;
      at = next;
    }
    return at;
  };
  const kept = new Map<number, number>();
  const stored: ExtractedClaim[] = [];
  claims.forEach((claim, index) => {
    const root = rootOf(index);
    const target = claims[root];
    if (!target || omissionReason(target) !== null || omissionReason(claim) !== null) return;
    kept.set(index, stored.length);
    stored.push({ ...claim, duplicateOf: root === index ? null : (kept.get(root) ?? null) });
  });
  return stored;
}

/**
 * Stores extracted claims of an article: each becomes an appearance, of an existing claim it repeats or of
 * a new claim. Returns how many claims were new. Runs inside the caller's transaction, after the caller
 * has locked the claims' keys (claimLockKey).
 */
export async function insertClaims(
  client: PoolClient,
  articleId: number,
  claims: ExtractedClaim[],
  entities: ResolvedEntities,
  publishedAt: Date | null,
  extracted: Pick<ExtractedArticle, "precision" | "extractorVersion" | "publishedAt">,
): Promise<number> {
  const identities: ClaimIdentity[] = claims.map((claim) => {
    const statedOn = toDate(claim.statedOn?.date) ?? publishedAt;
    return {
      sourceId: claim.source
        ? (entities.idOf(claim.source, claim.sourceType ?? "organization") ?? null)
        : null,
      metric: claim.metric,
      subjectEntityId: claim.subjectEntity ? (entities.idOf(claim.subjectEntity, "place") ?? null) : null,
      valueLow: claim.valueLow,
      valueHigh: claim.valueHigh,
      rate: claim.rate,
      statedOn,
      statedOnPrecision: (claim.statedOn?.precision ??
        (statedOn ? extracted.precision : "unknown")) as Precision,
      quote: claim.quote,
      // The extractor dates a claim its text leaves undated by the publication.
      datedByPublication:
        claim.statedOn === null ||
        (claim.statedOn.date === extracted.publishedAt && claim.statedOn.precision === extracted.precision),
    };
  });
  const claimIds = await findSameClaims(client, identities);
  // A claim printed twice in this article is one claim with two appearances, too: the extractor says so
  // (`duplicateOf`), or the two print one figure by one speaker.
  const firstOf: number[] = [];
  identities.forEach((identity, index) => {
    const repeated = claims[index]?.duplicateOf;
    if (repeated !== null && repeated !== undefined && repeated < index) {
      firstOf.push(firstOf[repeated] ?? repeated);
      return;
    }
    const earlier = identities.findIndex((other, j) => j < index && sameClaim(other, identity));
    firstOf.push(earlier >= 0 ? (firstOf[earlier] ?? earlier) : index);
  });
  const toCreate = claims
    .map((claim, index) => ({ claim, index, identity: identities[index] as ClaimIdentity }))
    .filter(({ index }) => claimIds[index] === null && firstOf[index] === index);
  if (toCreate.length > 0) {
    const inserted = await client.query<{ id: number }>(
      `insert into "Claim" (metric, subject, "subjectEntityId", "valueLow", "valueHigh", "valueBest", qualifier, hedge,
                            additional, rate, "locationId", "statedOn", "statedOnPrecision", "refersFrom",
                            "refersFromPrecision", "refersTo", "refersToPrecision", "sourceId", origin,
                            "extractorVersion", confidence, "updatedAt")
       select m, s, se, lo, hi, be, q, h, ad, r, lc, so, sop, rf, rfp, rt, rtp, src, 'machine', $1, c, now()
         from unnest($2::"Metric"[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::"Qualifier"[],
                     $9::text[], $10::bool[], $11::"Rate"[], $12::int[], $13::date[], $14::"Precision"[], $15::date[],
                     $16::"Precision"[], $17::date[], $18::"Precision"[], $19::int[], $20::float8[])
              with ordinality as u(m, s, se, lo, hi, be, q, h, ad, r, lc, so, sop, rf, rfp, rt, rtp, src, c, i)
        order by i
       returning id`,
      [
        extracted.extractorVersion,
        toCreate.map(({ claim }) => claim.metric),
        toCreate.map(({ claim }) => claim.subject),
        toCreate.map(({ identity }) => identity.subjectEntityId),
        toCreate.map(({ claim }) => claim.valueLow),
        toCreate.map(({ claim }) => claim.valueHigh),
        toCreate.map(({ claim }) => claim.valueBest),
        toCreate.map(({ claim }) => claim.qualifier),
        toCreate.map(({ claim }) => claim.hedge),
        toCreate.map(({ claim }) => claim.additional),
        toCreate.map(({ claim }) => claim.rate),
        toCreate.map(({ claim }) =>
          claim.location ? (entities.idOf(claim.location, "place") ?? null) : null,
        ),
        toCreate.map(({ identity }) => identity.statedOn),
        toCreate.map(({ identity }) => identity.statedOnPrecision),
        toCreate.map(({ claim }) => toDate(claim.refersFrom?.date)),
        toCreate.map(({ claim }) => claim.refersFrom?.precision ?? null),
        toCreate.map(({ claim }) => toDate(claim.refersTo?.date)),
        toCreate.map(({ claim }) => claim.refersTo?.precision ?? null),
        toCreate.map(({ identity }) => identity.sourceId),
        toCreate.map(({ claim }) => claim.confidence),
      ],
    );
    for (const [position, { index }] of toCreate.entries())
      claimIds[index] = inserted.rows[position]?.id ?? null;
  }
  for (const [index, first] of firstOf.entries()) {
    if (first === index) continue;
    // A repeat the extractor linked is an appearance of the claim it repeats, whatever else it resembles.
    if (claims[index]?.duplicateOf != null) claimIds[index] = claimIds[first] ?? null;
    else claimIds[index] ??= claimIds[first] ?? null;
  }

  // Open dashboards follow new claims, and known claims printed once more (server/claim-notifications.ts).
  // A NOTIFY inside the transaction is delivered when it commits, never when it rolls back.
  const createdIds = toCreate.map(({ index }) => claimIds[index]).filter((id): id is number => id != null);
  const printedIds = [...new Set(claimIds.filter((id): id is number => id !== null))];
  if (printedIds.length > 0) {
    await client.query(
      `select pg_notify($1, json_build_object(
                'claimId', c.id,
                'change', case when c.id = any($3::int[]) then 'created' else 'updated' end,
                'version', c.version)::text)
         from "Claim" c where c.id = any($2::int[])`,
      [INGESTED_CLAIMS_CHANNEL, printedIds, createdIds],
    );
  }

  if (claims.length > 0) {
    const appearances = await client.query<{ id: number }>(
      `insert into "Appearance" ("articleId", "claimId", "inTitle", start, "end", quote, prefix, suffix, confidence)
       select $1, c, t, s, e, q, p, x, f
         from unnest($2::int[], $9::boolean[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::float8[])
              with ordinality as u(c, t, s, e, q, p, x, f, i)
        order by i
       returning id`,
      [
        articleId,
        claimIds,
        claims.map((c) => c.start),
        claims.map((c) => c.end),
        claims.map((c) => c.quote),
        claims.map((c) => c.prefix),
        claims.map((c) => c.suffix),
        claims.map((c) => c.confidence),
        claims.map((c) => c.inTitle),
      ],
    );
    const via = claims.flatMap((claim, index) =>
      claim.via
        .map((link) => entities.idOf(link.name, link.type))
        .filter((id): id is number => id !== undefined)
        .map((entityId, position) => ({
          appearanceId: appearances.rows[index]?.id as number,
          position,
          entityId,
        })),
    );
    if (via.length > 0) {
      await client.query(
        `insert into "AppearanceVia" ("appearanceId", position, "entityId")
         select * from unnest($1::int[], $2::int[], $3::int[])`,
        [via.map((v) => v.appearanceId), via.map((v) => v.position), via.map((v) => v.entityId)],
      );
    }
  }
  return toCreate.length;
}

/**
 * Resolves every entity an article's claims need (its entities, the outlet, speakers, places, whose
 * forces, relays) after taking the advisory locks on their names and on the claims' keys, in a fixed
 * order, so concurrent ingests wait for each other instead of deadlocking or creating anything twice.
 */
export async function lockAndResolve(
  client: PoolClient,
  extracted: Pick<ExtractedArticle, "entities">,
  claims: ExtractedClaim[],
  outlet: string | null,
  locked = false,
): Promise<ResolvedEntities> {
  const requests = resolutionRequests(extracted, claims, outlet);
  if (!locked)
    await client.query("select pg_advisory_xact_lock(id) from unnest($1::bigint[]) as id order by id", [
      lockIds([...entityLockKeys(requests), ...claims.map(claimLockKey)]),
    ]);
  return resolveEntities(client, requests);
}

export function resolutionRequests(
  extracted: Pick<ExtractedArticle, "entities">,
  claims: ExtractedClaim[],
  outlet: string | null,
): EntityRequest[] {
  const requests: EntityRequest[] = entityRequestsOf(extracted.entities);
  if (outlet) requests.push({ name: outlet, type: "organization" });
  for (const claim of claims) {
    if (claim.source) requests.push({ name: claim.source, type: claim.sourceType ?? "organization" });
    if (claim.location) requests.push({ name: claim.location, type: "place" });
    if (claim.subjectEntity) requests.push({ name: claim.subjectEntity, type: "place" });
    for (const via of claim.via) requests.push({ name: via.name, type: via.type });
  }
  return requests;
}
