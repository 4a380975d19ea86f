import { createHash } from "node:crypto";
import type { ExtractedArticle, ExtractedClaim } from "@headcount/extract";
import type { Precision } from "@headcount/shared";
import type { PoolClient } from "../db/pool.ts";
import { INGESTED_CLAIMS_CHANNEL } from "./notifications.ts";
import {
  type ClaimIdentity,
  claimLockKey,
  findStoredClaims,
  mayBeReprint,
  sameClaim,
  sameFigures,
} from "./resolve-claims.ts";
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

/**
 * Why a claim cannot be stored, or null when it can. A count of people is a whole number: a figure read
 * without its scale ("4.2" of "4.2 trillion", "2.5" of "2.5bn") is a misreading, left out like a huge one.
 */
export function omissionReason(claim: ExtractedClaim): string | null {
  const values = [claim.valueLow, claim.valueHigh, claim.valueBest].filter(
    (v) => v !== null && v !== undefined,
  );
  const fraction = values.find((value) => !Number.isInteger(value));
  if (fraction !== undefined) return `the figure ${fraction} is not a whole number of people`;
  const largest = Math.max(0, ...values);
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

/** An appearance as inserted: the article, the claim it prints, and the extracted span. */
interface AppearanceRow {
  articleId: number;
  claimId: number;
  claim: ExtractedClaim;
}

/**
 * The columns of an Appearance row written by ingest, each with its SQL type and its value: a new column
 * is one more entry here, and both the insert of extracted claims and a reprint's copy take it.
 */
const APPEARANCE_COLUMNS: [column: string, type: string, value: (row: AppearanceRow) => unknown][] = [
  ["articleId", "int", (row) => row.articleId],
  ["claimId", "int", (row) => row.claimId],
  ["inTitle", "boolean", (row) => row.claim.inTitle],
  ["start", "int", (row) => row.claim.start],
  ["end", "int", (row) => row.claim.end],
  ["quote", "text", (row) => row.claim.quote],
  ["prefix", "text", (row) => row.claim.prefix],
  ["suffix", "text", (row) => row.claim.suffix],
  ["confidence", "float8", (row) => row.claim.confidence],
];

/** The quoted columns an appearance keeps when it is copied to a reprint (all but its article). */
export const COPIED_APPEARANCE_COLUMNS = APPEARANCE_COLUMNS.filter(([column]) => column !== "articleId")
  .map(([column]) => `"${column}"`)
  .join(", ");

/** Inserts appearances in one statement; their ids come back in the order of `rows`. */
async function insertAppearances(client: PoolClient, rows: AppearanceRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const names = APPEARANCE_COLUMNS.map((_, index) => `c${index}`);
  const inserted = await client.query<{ id: number }>(
    `insert into "Appearance" (${APPEARANCE_COLUMNS.map(([column]) => `"${column}"`).join(", ")})
     select ${names.join(", ")}
       from unnest(${APPEARANCE_COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(", ")})
            with ordinality as u(${names.join(", ")}, i)
      order by i
     returning id`,
    APPEARANCE_COLUMNS.map(([, , value]) => rows.map(value)),
  );
  return inserted.rows.map((row) => row.id);
}

/** One article's extracted claims to store (see insertClaimGroups). */
export interface ArticleClaims {
  articleId: number;
  claims: ExtractedClaim[];
  entities: ResolvedEntities;
  publishedAt: Date | null;
  extracted: Pick<ExtractedArticle, "precision" | "extractorVersion" | "publishedAt">;
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
  return (await insertClaimGroups(client, [{ articleId, claims, entities, publishedAt, extracted }]))[0] ?? 0;
}

function identityOf(
  claim: ExtractedClaim,
  { entities, publishedAt, extracted }: ArticleClaims,
): ClaimIdentity {
  const statedOn = toDate(claim.statedOn?.date) ?? publishedAt;
  return {
    sourceId: claim.source ? (entities.idOf(claim.source, claim.sourceType ?? "organization") ?? null) : null,
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
}

/**
 * insertClaims for the articles of a group, in the same handful of statements whatever its size, with
 * the result of storing them one after another: a claim an earlier article of the group created or
 * printed is found by a later one as if it were stored already (a stored claim first, as the lower id).
 * Returns how many claims each article created.
 */
export async function insertClaimGroups(client: PoolClient, articles: ArticleClaims[]): Promise<number[]> {
  const identities = articles.map((article) => article.claims.map((claim) => identityOf(claim, article)));
  const stored = await findStoredClaims(client, identities.flat());
  // Claims to create carry negative ids (-1 for the first) until inserted.
  const planned: { article: ArticleClaims; claim: ExtractedClaim; identity: ClaimIdentity }[] = [];
  // The figures of every claim the group prints so far, and each appearance's words, for later reprints.
  const figuresOf = new Map<number, ClaimIdentity>();
  const printed: { claimId: number; quote: string }[] = [];
  const claimIdsOf: (number | null)[][] = [];
  const plannedBefore: number[] = [];
  let offset = 0;
  for (const [position, article] of articles.entries()) {
    const { claims } = article;
    plannedBefore.push(planned.length);
    const own = identities[position] as ClaimIdentity[];
    const claimIds = own.map((identity, index) => {
      const at = offset + index;
      const same = stored.same[at] ?? null;
      if (same !== null) return same;
      const earlierSame = planned.findIndex((earlier) => sameClaim(identity, earlier.identity));
      if (earlierSame >= 0) return -earlierSame - 1;
      if (!mayBeReprint(identity)) return stored.reprinted[at] ?? null;
      const earlier = printed
        .filter(
          ({ claimId, quote }) =>
            quote === identity.quote && sameFigures(figuresOf.get(claimId) as ClaimIdentity, identity),
        )
        .map(({ claimId }) => claimId);
      const storedIds = [stored.reprinted[at] ?? null, ...earlier.filter((id) => id > 0)].filter(
        (id): id is number => id !== null,
      );
      if (storedIds.length > 0) return Math.min(...storedIds);
      const plannedIds = earlier.filter((id) => id < 0);
      return plannedIds.length > 0 ? Math.max(...plannedIds) : null;
    });
    offset += own.length;
    for (const [index, id] of claimIds.entries())
      if (id !== null && !figuresOf.has(id)) figuresOf.set(id, own[index] as ClaimIdentity);
    // A claim printed twice in this article is one claim with two appearances, too: the extractor says so
    // (`duplicateOf`), or the two print one figure by one speaker.
    const firstOf: number[] = [];
    own.forEach((identity, index) => {
      const repeated = claims[index]?.duplicateOf;
      if (repeated !== null && repeated !== undefined && repeated < index) {
        firstOf.push(firstOf[repeated] ?? repeated);
        return;
      }
      const earlier = own.findIndex((other, j) => j < index && sameClaim(other, identity));
      firstOf.push(earlier >= 0 ? (firstOf[earlier] ?? earlier) : index);
    });
    for (const [index, claim] of claims.entries()) {
      if (claimIds[index] !== null || firstOf[index] !== index) continue;
      const identity = own[index] as ClaimIdentity;
      planned.push({ article, claim, identity });
      claimIds[index] = -planned.length;
      figuresOf.set(-planned.length, identity);
    }
    for (const [index, first] of firstOf.entries()) {
      if (first === index) continue;
      // A repeat the extractor linked is an appearance of the claim it repeats, whatever else it resembles.
      if (claims[index]?.duplicateOf != null) claimIds[index] = claimIds[first] ?? null;
      else claimIds[index] ??= claimIds[first] ?? null;
    }
    for (const [index, claim] of claims.entries()) {
      const claimId = claimIds[index];
      if (claimId !== null && claimId !== undefined) printed.push({ claimId, quote: claim.quote });
    }
    claimIdsOf.push(claimIds);
  }

  const createdIds: number[] = [];
  if (planned.length > 0) {
    const inserted = await client.query<{ id: number }>(
      `insert into "Claim" (metric, subject, "subjectEntityId", "valueLow", "valueHigh", "valueBest", qualifier, hedge,
                            additional, rate, "locationId", "statedOn", "statedOnPrecision", "refersFrom",
                            "refersFromPrecision", "refersTo", "refersToPrecision", "sourceId", origin,
                            "extractorVersion", confidence, "updatedAt")
       select m, s, se, lo, hi, be, q, h, ad, r, lc, so, sop, rf, rfp, rt, rtp, src, 'machine', v, c, now()
         from unnest($1::"Metric"[], $2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::"Qualifier"[],
                     $8::text[], $9::bool[], $10::"Rate"[], $11::int[], $12::date[], $13::"Precision"[], $14::date[],
                     $15::"Precision"[], $16::date[], $17::"Precision"[], $18::int[], $19::text[], $20::float8[])
              with ordinality as u(m, s, se, lo, hi, be, q, h, ad, r, lc, so, sop, rf, rfp, rt, rtp, src, v, c, i)
        order by i
       returning id`,
      [
        planned.map(({ claim }) => claim.metric),
        planned.map(({ claim }) => claim.subject),
        planned.map(({ identity }) => identity.subjectEntityId),
        planned.map(({ claim }) => claim.valueLow),
        planned.map(({ claim }) => claim.valueHigh),
        planned.map(({ claim }) => claim.valueBest),
        planned.map(({ claim }) => claim.qualifier),
        planned.map(({ claim }) => claim.hedge),
        planned.map(({ claim }) => claim.additional),
        planned.map(({ claim }) => claim.rate),
        planned.map(({ claim, article }) =>
          claim.location ? (article.entities.idOf(claim.location, "place") ?? null) : null,
        ),
        planned.map(({ identity }) => identity.statedOn),
        planned.map(({ identity }) => identity.statedOnPrecision),
        planned.map(({ claim }) => toDate(claim.refersFrom?.date)),
        planned.map(({ claim }) => claim.refersFrom?.precision ?? null),
        planned.map(({ claim }) => toDate(claim.refersTo?.date)),
        planned.map(({ claim }) => claim.refersTo?.precision ?? null),
        planned.map(({ identity }) => identity.sourceId),
        planned.map(({ article }) => article.extracted.extractorVersion),
        planned.map(({ claim }) => claim.confidence),
      ],
    );
    createdIds.push(...inserted.rows.map((row) => row.id));
  }
  const real = (id: number | null) => (id !== null && id < 0 ? (createdIds[-id - 1] ?? null) : id);
  const created = articles.map((article) => planned.filter((p) => p.article === article).length);

  // Open dashboards follow new claims, and known claims printed once more (server/claim-notifications.ts),
  // article by article. A NOTIFY inside the transaction is delivered when it commits, never when it rolls back.
  const notices = claimIdsOf.flatMap((claimIds, position) => [
    ...new Map(
      claimIds
        .filter((id): id is number => id !== null)
        .map(
          (id) =>
            [real(id) as number, -id > (plannedBefore[position] as number) ? "created" : "updated"] as const,
        ),
    ),
  ]);
  if (notices.length > 0) {
    await client.query(
      `select pg_notify($1, json_build_object('claimId', c.id, 'change', u.change, 'version', c.version)::text)
         from unnest($2::int[], $3::text[]) with ordinality as u(id, change, i) join "Claim" c on c.id = u.id
        order by u.i`,
      [INGESTED_CLAIMS_CHANNEL, notices.map(([id]) => id), notices.map(([, change]) => change)],
    );
  }

  const rows = articles.flatMap(({ articleId, claims }, position) =>
    claims.map((claim, index) => ({
      articleId,
      claimId: real(claimIdsOf[position]?.[index] ?? null) as number,
      claim,
      entities: articles[position]?.entities as ResolvedEntities,
    })),
  );
  const appearanceIds = await insertAppearances(client, rows);
  const via = rows.flatMap(({ claim, entities }, index) =>
    claim.via
      .map((link) => entities.idOf(link.name, link.type))
      .filter((id): id is number => id !== undefined)
      .map((entityId, position) => ({ appearanceId: appearanceIds[index] as number, position, entityId })),
  );
  if (via.length > 0) {
    await client.query(
      `insert into "AppearanceVia" ("appearanceId", position, "entityId")
       select * from unnest($1::int[], $2::int[], $3::int[])`,
      [via.map((v) => v.appearanceId), via.map((v) => v.position), via.map((v) => v.entityId)],
    );
  }
  return created;
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
