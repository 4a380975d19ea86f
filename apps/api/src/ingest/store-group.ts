import type { ExtractedArticle, ExtractedClaim } from "@headcount/extract";
import type { Pool, PoolClient } from "../db/pool.ts";
import type { DocumentAnalysis } from "./analysis.ts";
import type { SourceDocument } from "./documents.ts";
import { type Place, storedCopies } from "./publications.ts";
import { claimLockKey } from "./resolve-claims.ts";
import { entityLockKeys, type ResolvedEntities, resolveEntityGroups } from "./resolve-entities.ts";
import { type IngestOutcome, insertArticles, insertMentions, storeArticle } from "./store-article.ts";
import { insertClaimGroups, lockIds, resolutionRequests, storableClaims, toDate } from "./store-claims.ts";

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
 * back alone with its reason. All the group's locks are taken first, publications before names and
 * claims, each set in one sorted order, as a single ingest takes them: groups and single ingests wait for each other and never deadlock. `record`
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
