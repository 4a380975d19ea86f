import { createHash } from "node:crypto";
import type { ExtractedArticle, ExtractedClaim } from "@headcount/extract";
import { EXTRACTOR_VERSION } from "@headcount/extract/version";
import { isoDay, isWebAddress } from "@headcount/shared";
import type { Pool, PoolClient } from "../db/pool.ts";
import type { DocumentAnalysis } from "./analysis.ts";
import type { RejectedInput, SourceDocument } from "./documents.ts";
import { InFlight } from "./in-flight.ts";
import {
  copyAppearances,
  type Place,
  retireSuperseded,
  samePublication,
  storedCopies,
} from "./publications.ts";
import { analyseDocument } from "./reader-pool.ts";
import { claimLockKey } from "./resolve-claims.ts";
import { entityLockKeys, type ResolvedEntities, resolveEntityGroups } from "./resolve-entities.ts";
import {
  insertClaimGroups,
  insertClaims,
  lockAndResolve,
  lockIds,
  resolutionRequests,
  storableClaims,
  toDate,
} from "./store-claims.ts";

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
  return inFlight.run(
    key,
    () => storeOnce(pool, document, analysis.extracted, hash, options.runId ?? null),
    (first) => (first.status === "failed" ? null : { status: "unchanged", articleId: first.articleId }),
  );
}

const inFlight = new InFlight<IngestOutcome>();

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
  const [articleId] = (await insertArticles(client, [
    {
      document,
      extracted,
      hash,
      runId,
      previous: previous ?? null,
      outletId: extracted.outlet ? (entities.idOf(extracted.outlet, "organization") ?? null) : null,
    },
  ])) as [number];
  const revision =
    previous && document.url
      ? { supersededId: previous.id, url: document.url, revision: previous.revision + 1 }
      : null;

  if (original) {
    const appearances = await copyAppearances(client, original.id, articleId);
    if (revision) await retireSuperseded(client, revision);
    return { status: previous ? "revision" : "created", articleId, claims: 0, appearances };
  }

  await insertMentions(client, [{ articleId, extracted, entities }]);
  const created = await insertClaims(client, articleId, claims, entities, publishedAt, extracted);
  if (revision) await retireSuperseded(client, revision);
  return {
    status: previous ? "revision" : "created",
    articleId,
    claims: created,
    appearances: claims.length,
  };
}

/** An article row to insert: a new text, or a new revision of the text at its URL (`previous`). */
interface ArticleRow {
  document: SourceDocument;
  extracted: ExtractedArticle;
  hash: string;
  runId: number | null;
  previous: { id: number; revision: number } | null;
  outletId: number | null;
}

/** Inserts articles in one statement; their ids come back in the order of `rows`. */
async function insertArticles(client: PoolClient, rows: ArticleRow[]): Promise<number[]> {
  const inserted = await client.query<{ id: number }>(
    `insert into "Article" (title, body, "rawInput", "rawFormat", "contentHash", url, revision, "previousVersionId",
                            "outletId", "publishedAt", "publishedPrecision", "extractorVersion", "ingestRunId", "updatedAt",
                            "canonicalUrl", "fetchedAt")
     select t, b, ri, rf, h, u, r, pv, o, pa, pp, ev, run, now(), cu, fa
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[],
                   $9::int[], $10::date[], $11::"Precision"[], $12::text[], $13::int[], $14::text[], $15::timestamp[])
            with ordinality as x(t, b, ri, rf, h, u, r, pv, o, pa, pp, ev, run, cu, fa, i)
      order by i
     returning id`,
    [
      rows.map((row) => row.extracted.title),
      rows.map((row) => row.extracted.body),
      rows.map((row) => row.document.raw),
      rows.map((row) => row.document.format),
      rows.map((row) => row.hash),
      rows.map((row) => row.document.url ?? null),
      rows.map((row) => (row.previous ? row.previous.revision + 1 : 1)),
      rows.map((row) => row.previous?.id ?? null),
      rows.map((row) => row.outletId),
      rows.map((row) => toDate(row.extracted.publishedAt)),
      rows.map((row) => (toDate(row.extracted.publishedAt) ? row.extracted.precision : "unknown")),
      rows.map((row) => row.extracted.extractorVersion),
      rows.map((row) => row.runId),
      rows.map((row) => row.document.canonicalUrl ?? null),
      rows.map((row) => (row.document.fetchedAt ? new Date(row.document.fetchedAt) : null)),
    ],
  );
  return inserted.rows.map((row) => row.id);
}

/** Inserts where each article names its entities, in one statement for any number of articles. */
async function insertMentions(
  client: PoolClient,
  articles: { articleId: number; extracted: ExtractedArticle; entities: ResolvedEntities }[],
) {
  const mentions = articles.flatMap(({ articleId, extracted, entities }) =>
    extracted.entities.flatMap((entity) => {
      const entityId = entities.idOf(entity.name, entity.type);
      return entityId === undefined
        ? []
        : entity.mentions.map((mention) => ({ articleId, entityId, ...mention }));
    }),
  );
  if (mentions.length === 0) return;
  await client.query(
    `insert into "EntityMention" ("articleId", "entityId", start, "end", text)
     select * from unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::text[])
     on conflict ("articleId", start, "end") do nothing`,
    [
      mentions.map((m) => m.articleId),
      mentions.map((m) => m.entityId),
      mentions.map((m) => m.start),
      mentions.map((m) => m.end),
      mentions.map((m) => m.text),
    ],
  );
}

/**
 * Stores new texts, none of which is a reprint or a revision of a stored article (nor of another of the
 * list), as storeArticle would one after another, in about a dozen statements for the whole list: the
 * entities of all of them resolved at once, then one multi-row insert each for the articles, their
 * mentions, claims, appearances and relays. The caller holds every lock they need.
 */
async function storeNewArticles(
  client: PoolClient,
  items: { document: SourceDocument; extracted: ExtractedArticle; hash: string }[],
  runId: number | null,
): Promise<IngestOutcome[]> {
  const claimsOf = items.map(({ extracted }) => storableClaims(extracted.claims));
  const entities = await resolveEntityGroups(
    client,
    items.map(({ extracted }, index) =>
      resolutionRequests(extracted, claimsOf[index] as ExtractedClaim[], extracted.outlet),
    ),
  );
  const articleIds = await insertArticles(
    client,
    items.map(({ document, extracted, hash }, index) => ({
      document,
      extracted,
      hash,
      runId,
      previous: null,
      outletId: extracted.outlet
        ? ((entities[index] as ResolvedEntities).idOf(extracted.outlet, "organization") ?? null)
        : null,
    })),
  );
  const articles = items.map(({ extracted }, index) => ({
    articleId: articleIds[index] as number,
    extracted,
    entities: entities[index] as ResolvedEntities,
  }));
  await insertMentions(client, articles);
  const created = await insertClaimGroups(
    client,
    articles.map(({ articleId, extracted, entities }, index) => ({
      articleId,
      claims: claimsOf[index] as ExtractedClaim[],
      entities,
      publishedAt: toDate(extracted.publishedAt),
      extracted,
    })),
  );
  return articles.map(({ articleId }, index) => ({
    status: "created",
    articleId,
    claims: created[index] as number,
    appearances: (claimsOf[index] as ExtractedClaim[]).length,
  }));
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

/** A document of a group with what the reader threads made of it. */
export interface GroupItem {
  document: SourceDocument;
  analysis: DocumentAnalysis;
}

/**
 * Stores a group of analysed documents in one transaction, so the group waits for one WAL flush instead
 * of one per article (a batch's "group commit"): every outcome is durable when this returns. The new
 * texts of the group are written together (storeNewArticles), the others one after another; when one
 * fails, the group is stored again with each document under a savepoint, so the failing one is rolled
 * back alone with its reason. All the
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

/**
 * The documents of a group that are new texts: no article has their text or their URL, and no other
 * document of the group has either. Asked after the group's publication locks are held.
 */
async function newTexts<T extends { document: SourceDocument; hash: string }>(
  client: PoolClient,
  todo: T[],
): Promise<T[]> {
  const count = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  };
  const hashes = count(todo.map(({ hash }) => hash));
  const addresses = todo.flatMap(({ document }) =>
    document.url?.trim() ? [document.url, document.url.trim()] : [],
  );
  const sameAddress = count(
    todo.flatMap(({ document }) => (document.url?.trim() ? [document.url.trim()] : [])),
  );
  const [copies, known] = [
    await storedCopies(client, [...hashes.keys()]),
    addresses.length === 0
      ? new Set<string>()
      : new Set(
          (
            await client.query<{ url: string }>(
              `select distinct url from "Article" where url = any($1::text[])`,
              [addresses],
            )
          ).rows.map((row) => row.url),
        ),
  ];
  return todo.filter(({ document, hash }) => {
    const url = document.url?.trim();
    return (
      hashes.get(hash) === 1 &&
      !copies.has(hash) &&
      (!url || (sameAddress.get(url) === 1 && !known.has(url) && !known.has(document.url as string)))
    );
  });
}

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
      const keys = todo.flatMap(({ extracted }) => {
        const claims = storableClaims(extracted.claims);
        return [
          ...entityLockKeys(resolutionRequests(extracted, claims, extracted.outlet)),
          ...claims.map(claimLockKey),
        ];
      });
      // One statement, in the array's order (unnest yields it so): the publications sorted, then the
      // names and claims sorted.
      await client.query("select pg_advisory_xact_lock(id) from unnest($1::bigint[]) as id", [
        [...lockIds(todo.map(({ hash }) => `publication:${hash}`)), ...lockIds(keys)],
      ]);
    }
    // New texts (the common case) are stored together; a repeat, a reprint or a revision, and a text sent
    // twice in the group, one after another behind them.
    let rest = todo.map((item, position) => ({ ...item, position }));
    if (!savepoints && todo.length > 0) {
      const fresh = await newTexts(client, rest);
      if (fresh.length > 0) {
        const stored = await storeNewArticles(client, fresh, options.runId).catch((error: unknown) => {
          throw new ArticleFailed((error as Error).message);
        });
        for (const [position, item] of fresh.entries())
          outcomes[item.index] = stored[position] as IngestOutcome;
        rest = rest.filter((item) => !fresh.includes(item));
      }
    }
    for (const { position, index, document, hash, extracted } of rest) {
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
