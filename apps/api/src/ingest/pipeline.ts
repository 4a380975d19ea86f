import { createHash } from "node:crypto";
import { EXTRACTOR_VERSION, type ExtractedArticle, type ExtractedClaim } from "@headcount/extract";
import { isoDay, isWebAddress, type Precision } from "@headcount/shared";
import type { Pool, PoolClient } from "../db/pool.ts";
import type { DocumentAnalysis } from "./analysis.ts";
import type { RejectedInput, SourceDocument } from "./documents.ts";
import { INGESTED_CLAIMS_CHANNEL } from "./notifications.ts";
import {
  copyAppearances,
  type Place,
  retireSuperseded,
  samePublication,
  storedCopies,
} from "./publications.ts";
import { analyseDocument } from "./reader-pool.ts";
import { type ClaimIdentity, claimLockKey, findSameClaims, sameClaim } from "./resolve-claims.ts";
import {
  type EntityRequest,
  entityLockKeys,
  entityRequestsOf,
  type ResolvedEntities,
  resolveEntities,
} from "./resolve-entities.ts";

export type IngestOutcome =
  | { status: "created" | "revision"; articleId: number; claims: number; appearances: number }
  | { status: "unchanged"; articleId: number }
  | { status: "failed"; reason: string };

export function contentHash(body: string): string {
  return createHash("sha256").update(body.normalize("NFC")).digest("hex");
}

/** The text the extractor reads: headline first, then the body (headers included for plain-text files). */
export function documentText(document: SourceDocument): string {
  if (document.body) return `${document.title ?? ""}\n\n${document.body}`;
  return document.raw;
}

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

/**
 * A publication date as given by a file, a manifest or a page, kept only when it names a real day, month
 * or year: "2024-02-30", "2024-13-45", "0000-00-00" or "yesterday" leave the article without a date rather
 * than with another one.
 */
export function publicationDate(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return toDate(text) ? text : null;
  const partial = /^(\d{4})(?:-(\d{2}))?$/.exec(text);
  if (partial) {
    const month = partial[2] === undefined ? 1 : Number(partial[2]);
    return Number(partial[1]) >= 1 && month >= 1 && month <= 12 ? text : null;
  }
  // Absolute dates in other forms ("Mon, 02 Dec 2024 10:00:00 GMT"); words relative to an unknown day are not.
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : isoDay(new Date(parsed));
}

/** Stable 64-bit advisory-lock ids for text keys, sorted so every transaction takes them in one order. */
export function lockIds(keys: string[]): string[] {
  const ids = new Set<bigint>();
  for (const key of keys) ids.add(createHash("sha256").update(key).digest().readBigInt64BE(0));
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
}

/**
 * clean → hash → dedupe → extract → resolve → store. One transaction per article: it is stored with all
 * its appearances, mentions and claims, or not at all. The same cleaned text from the same place is
 * stored once; from another outlet or URL it is a reprint whose appearances point at the same claims. A
 * new text at a known URL is a new revision: the old snapshot stays, and claims only it printed retire.
 */
export async function ingestDocument(
  pool: Pool,
  document: SourceDocument,
  options: { runId?: number | null; analysis?: DocumentAnalysis } = {},
): Promise<IngestOutcome> {
  // Whatever path it came by (API, HTML, JSON, manifest), an article's address is an http(s) URL or none.
  if (document.url?.trim() && !isWebAddress(document.url.trim())) {
    return { status: "failed", reason: "its address is not an http(s) URL" };
  }
  const analysis = options.analysis ?? (await analyseDocument(document));
  if ("failed" in analysis) return { status: "failed", reason: analysis.failed };
  const { hash } = analysis;
  // The same publication sent again while it is being stored waits for that one and is answered as
  // unchanged, without a connection of its own. Keyed by publication: the same text from another outlet or
  // URL at the same moment is a reprint, not a repeat.
  const key = [
    hash,
    document.url?.trim() ?? "",
    document.outlet?.trim() ?? analysis.extracted.outlet ?? "",
  ].join("\u0000");
  const pending = inFlight.get(key);
  if (pending) {
    const first = await pending.catch(() => null);
    if (first && first.status !== "failed") return { status: "unchanged", articleId: first.articleId };
  }
  const attempt = storeOnce(pool, document, analysis.extracted, hash, options.runId ?? null);
  if (!pending) {
    inFlight.set(key, attempt);
    attempt.then(
      () => inFlight.delete(key),
      () => inFlight.delete(key),
    );
  }
  return attempt;
}

const inFlight = new Map<string, Promise<IngestOutcome>>();

async function storeOnce(
  pool: Pool,
  document: SourceDocument,
  extracted: ExtractedArticle,
  hash: string,
  runId: number | null,
): Promise<IngestOutcome> {
  const place: Place = {
    url: document.url?.trim() || null,
    outlet: document.outlet?.trim() || extracted.outlet || null,
  };
  const stored = (await storedCopies(pool, [hash])).get(hash)?.find((copy) => samePublication(copy, place));
  if (stored) return { status: "unchanged", articleId: stored.id };

  const client = await pool.connect();
  try {
    // Commits wait for the WAL to reach the disk (the server's default): an answer of "created" means the
    // article survives a crash of the database. Throughput comes from batched statements instead.
    await client.query("begin");
    const outcome = await storeArticle(client, document, extracted, hash, place, runId);
    // Another worker stored the same publication a moment ago: nothing of this attempt is kept.
    await client.query(outcome.status === "unchanged" ? "rollback" : "commit");
    return outcome;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
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

async function storeArticle(
  client: PoolClient,
  document: SourceDocument,
  extracted: ExtractedArticle,
  hash: string,
  place: Place,
  runId: number | null,
  /** The caller holds every lock this article needs already (storeGroup). */
  locked = false,
): Promise<IngestOutcome> {
  // Taken before any entity or claim lock, so ingests of one text queue here and never deadlock.
  if (!locked)
    await client.query("select pg_advisory_xact_lock(id) from unnest($1::bigint[]) as id", [
      lockIds([`publication:${hash}`]),
    ]);
  const copies = (await storedCopies(client, [hash])).get(hash) ?? [];
  const stored = copies.find((copy) => samePublication(copy, place));
  if (stored) return { status: "unchanged", articleId: stored.id };
  // The same text from another place is a reprint: its appearances are the original's, not a new reading.
  const original = copies[0];
  const claims = original ? [] : storableClaims(extracted.claims);
  const entities = await lockAndResolve(
    client,
    original ? { entities: [] } : extracted,
    claims,
    extracted.outlet,
    locked,
  );

  const previous = document.url
    ? (
        await client.query<{ id: number; revision: number }>(
          `select a.id, a.revision from "Article" a
            where a.url = $1 and not exists (select 1 from "Article" n where n."previousVersionId" = a.id)
            order by a.revision desc limit 1`,
          [document.url],
        )
      ).rows[0]
    : undefined;
  const publishedAt = toDate(extracted.publishedAt);
  const article = await client.query<{ id: number }>(
    `insert into "Article" (title, body, "rawInput", "rawFormat", "contentHash", url, revision, "previousVersionId",
                            "outletId", "publishedAt", "publishedPrecision", "extractorVersion", "ingestRunId", "updatedAt",
                            "canonicalUrl", "fetchedAt")
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now(), $14, $15)
     returning id`,
    [
      extracted.title,
      extracted.body,
      document.raw,
      document.format,
      hash,
      document.url ?? null,
      previous ? previous.revision + 1 : 1,
      previous?.id ?? null,
      extracted.outlet ? (entities.idOf(extracted.outlet, "organization") ?? null) : null,
      publishedAt,
      publishedAt ? extracted.precision : "unknown",
      extracted.extractorVersion,
      runId,
      document.canonicalUrl ?? null,
      document.fetchedAt ? new Date(document.fetchedAt) : null,
    ],
  );
  const articleId = article.rows[0]?.id as number;
  const revision =
    previous && document.url
      ? { supersededId: previous.id, url: document.url, revision: previous.revision + 1 }
      : null;

  if (original) {
    const appearances = await copyAppearances(client, original.id, articleId);
    if (revision) await retireSuperseded(client, revision);
    return { status: previous ? "revision" : "created", articleId, claims: 0, appearances };
  }

  const mentions = extracted.entities.flatMap((entity) => {
    const entityId = entities.idOf(entity.name, entity.type);
    return entityId === undefined ? [] : entity.mentions.map((mention) => ({ entityId, ...mention }));
  });
  if (mentions.length > 0) {
    await client.query(
      `insert into "EntityMention" ("articleId", "entityId", start, "end", text)
       select $1, * from unnest($2::int[], $3::int[], $4::int[], $5::text[])
       on conflict ("articleId", start, "end") do nothing`,
      [
        articleId,
        mentions.map((m) => m.entityId),
        mentions.map((m) => m.start),
        mentions.map((m) => m.end),
        mentions.map((m) => m.text),
      ],
    );
  }

  const created = await insertClaims(client, articleId, claims, entities, publishedAt, extracted);
  if (revision) await retireSuperseded(client, revision);
  return {
    status: previous ? "revision" : "created",
    articleId,
    claims: created,
    appearances: claims.length,
  };
}

export interface IngestSummary {
  runId: number;
  created: number;
  unchanged: number;
  revisions: number;
  failed: RejectedInput[];
}

/** Ingests documents one after another in this process, recording the batch as an IngestRun. */
export async function ingestDocuments(
  pool: Pool,
  documents: SourceDocument[],
  options: {
    trigger: string;
    rejected?: RejectedInput[];
    onProgress?: (done: number, total: number) => void;
  },
): Promise<IngestSummary> {
  const rejected = options.rejected ?? [];
  const run = await pool.query<{ id: number }>(
    `insert into "IngestRun" (trigger, "extractorVersion", "totalCount") values ($1, $2, $3) returning id`,
    [options.trigger, EXTRACTOR_VERSION, documents.length + rejected.length],
  );
  const runId = run.rows[0]?.id as number;
  const summary: IngestSummary = { runId, created: 0, unchanged: 0, revisions: 0, failed: [...rejected] };
  let done = 0;
  for (const document of documents) {
    const outcome = await ingestDocument(pool, document, { runId }).catch(
      (error: unknown): IngestOutcome => ({ status: "failed", reason: (error as Error).message }),
    );
    if (outcome.status === "failed") summary.failed.push({ origin: document.origin, reason: outcome.reason });
    else if (outcome.status === "created") summary.created++;
    else if (outcome.status === "revision") summary.revisions++;
    else summary.unchanged++;
    options.onProgress?.(++done, documents.length);
  }
  await pool.query(
    `update "IngestRun" set status = 'completed', "finishedAt" = now(), "newCount" = $2, "unchangedCount" = $3,
            "revisionCount" = $4, "failedCount" = $5, failures = $6::jsonb where id = $1`,
    [
      runId,
      summary.created,
      summary.unchanged,
      summary.revisions,
      summary.failed.length,
      JSON.stringify(summary.failed.map((failure) => ({ file: failure.origin, reason: failure.reason }))),
    ],
  );
  return summary;
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
      `insert into "Appearance" ("articleId", "claimId", start, "end", quote, prefix, suffix, confidence)
       select $1, c, s, e, q, p, x, f
         from unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::float8[])
              with ordinality as u(c, s, e, q, p, x, f, i)
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

function resolutionRequests(
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

/** A document of a group with what the reader threads made of it. */
export interface GroupItem {
  document: SourceDocument;
  analysis: DocumentAnalysis;
}

/**
 * Stores a group of analysed documents in one transaction, so the group waits for one WAL flush instead
 * of one per article (a batch's "group commit"): every outcome is durable when this returns. Each
 * document is stored under a savepoint, so one that fails is rolled back alone with its reason. All the
 * group's locks are taken first, publications before names and claims, each set in one sorted order, as
 * a single ingest takes them: groups and single ingests wait for each other and never deadlock. `record`
 * runs inside the same transaction, so what is counted is exactly what was stored.
 */
export async function storeGroup(
  pool: Pool,
  items: GroupItem[],
  options: {
    runId: number | null;
    record?: (client: PoolClient, outcomes: IngestOutcome[]) => Promise<void>;
  },
): Promise<IngestOutcome[]> {
  const outcomes: (IngestOutcome | null)[] = items.map(({ analysis }) =>
    "failed" in analysis ? { status: "failed", reason: analysis.failed } : null,
  );
  const todo = items.flatMap((item, index) =>
    "failed" in item.analysis
      ? []
      : [{ index, document: item.document, hash: item.analysis.hash, extracted: item.analysis.extracted }],
  );
  const places = todo.map(({ document, extracted }) => ({
    url: document.url?.trim() || null,
    outlet: document.outlet?.trim() || extracted.outlet || null,
  }));
  // Optimistically the whole group in one transaction; when an article of it fails, the group is rolled
  // back and stored again with each article under a savepoint, so the failing one fails alone.
  try {
    return await storeGroupOnce(pool, todo, places, outcomes, options, false);
  } catch (error) {
    if (!(error instanceof ArticleFailed)) throw error;
    return await storeGroupOnce(pool, todo, places, outcomes, options, true);
  }
}

class ArticleFailed extends Error {}

async function storeGroupOnce(
  pool: Pool,
  todo: { index: number; document: SourceDocument; hash: string; extracted: ExtractedArticle }[],
  places: Place[],
  initial: (IngestOutcome | null)[],
  options: {
    runId: number | null;
    record?: (client: PoolClient, outcomes: IngestOutcome[]) => Promise<void>;
  },
  savepoints: boolean,
): Promise<IngestOutcome[]> {
  const outcomes = [...initial];
  const client = await pool.connect();
  try {
    await client.query("begin");
    if (todo.length > 0) {
      await client.query("select pg_advisory_xact_lock(id) from unnest($1::bigint[]) as id order by id", [
        lockIds(todo.map(({ hash }) => `publication:${hash}`)),
      ]);
      const keys = todo.flatMap(({ extracted }) => {
        const claims = storableClaims(extracted.claims);
        return [
          ...entityLockKeys(resolutionRequests(extracted, claims, extracted.outlet)),
          ...claims.map(claimLockKey),
        ];
      });
      await client.query("select pg_advisory_xact_lock(id) from unnest($1::bigint[]) as id order by id", [
        lockIds(keys),
      ]);
    }
    for (const [position, { index, document, hash, extracted }] of todo.entries()) {
      if (savepoints) await client.query("savepoint document");
      try {
        const outcome = await storeArticle(
          client,
          document,
          extracted,
          hash,
          places[position] as Place,
          options.runId,
          true,
        );
        // Nothing of an attempt whose publication is stored already is kept: storeArticle answers
        // "unchanged" before its first write.
        if (savepoints) await client.query("release savepoint document");
        outcomes[index] = outcome;
      } catch (error) {
        if (!savepoints) throw new ArticleFailed((error as Error).message);
        await client.query("rollback to savepoint document");
        outcomes[index] = { status: "failed", reason: (error as Error).message };
      }
    }
    await options.record?.(client, outcomes as IngestOutcome[]);
    await client.query("commit");
    return outcomes as IngestOutcome[];
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
