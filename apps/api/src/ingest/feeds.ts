import { EXTRACTOR_VERSION } from "@headcount/extract/version";
import { parseFeed } from "feedsmith";
import type { Pool } from "../db/pool.ts";
import { decodeText } from "./documents.ts";
import {
  checkWebUrl,
  DEFAULT_FETCH_LIMITS,
  FEED_DOCUMENT,
  type FetchLimits,
  FetchRefused,
  fetchResource,
} from "./fetch-page.ts";
import { type IngestOutcome, ingestDocument } from "./pipeline.ts";
import { analyseDocument } from "./reader-pool.ts";
import { fetchPage } from "./web-pages.ts";

/**
 * Feeds (RSS, Atom, RDF, JSON Feed, read with feedsmith) polled on a schedule: each item the feed lists is
 * known by its GUID (else its link) and its page is fetched and ingested once; an item whose page gives the
 * same text as an item already stored is not stored again. A failing feed or item fails alone, with its
 * reason kept on the feed's status.
 */

/** Polls of one item's page before it is given up on. */
const MAX_ITEM_ATTEMPTS = 3;
export const MIN_POLL_MINUTES = 5;
export const MAX_POLL_MINUTES = 7 * 24 * 60;
export const DEFAULT_POLL_MINUTES = 30;

export interface FeedEntry {
  /** GUID / id, else the link. */
  key: string;
  link: string | null;
}

export interface ParsedFeed {
  title: string | null;
  items: FeedEntry[];
}

export interface FeedRow {
  id: number;
  url: string;
  title: string | null;
  pollIntervalMinutes: number;
  createdAt: Date;
  lastPolledAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  itemsSeen: number;
  itemsStored: number;
}

const text = (value: unknown): string | null => {
  const raw = typeof value === "object" && value !== null ? (value as { value?: unknown }).value : value;
  return typeof raw === "string" && raw.trim() !== "" ? raw.trim() : null;
};

/** The title and items of a feed document; throws FetchRefused when it is not a feed. */
export function readFeed(source: string): ParsedFeed {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(source);
  } catch (error) {
    throw new FetchRefused(`not a readable RSS or Atom feed: ${(error as Error).message}`);
  }
  const entries: { key: string | null; link: string | null }[] = [];
  if (parsed.format === "atom") {
    for (const entry of parsed.feed.entries ?? []) {
      const links = entry.links ?? [];
      const link = (links.find((l) => !l.rel || l.rel === "alternate") ?? links[0])?.href ?? null;
      entries.push({ key: text(entry.id), link: text(link) });
    }
  } else if (parsed.format === "json") {
    for (const item of parsed.feed.items ?? [])
      entries.push({ key: text(item.id), link: text(item.url ?? item.external_url) });
  } else if (parsed.format === "rss") {
    for (const item of parsed.feed.items ?? []) entries.push({ key: text(item.guid), link: text(item.link) });
  } else {
    for (const item of parsed.feed.items ?? []) entries.push({ key: null, link: text(item.link) });
  }
  const seen = new Set<string>();
  const items: FeedEntry[] = [];
  for (const entry of entries) {
    const key = entry.key ?? entry.link;
    if (!key || seen.has(key)) continue;
    seen.add(key);
    items.push({ key, link: entry.link });
  }
  return { title: text(parsed.feed.title), items };
}

/** A feed URL fit to be polled, or the reason it is not. */
export function checkFeedUrl(address: string): { url: string } | { reason: string } {
  const checked = checkWebUrl(address.trim());
  return "reason" in checked ? checked : { url: checked.url.href };
}

export class FeedInputError extends Error {
  constructor(
    message: string,
    /** The input field at fault. */
    readonly field: "url" | "pollIntervalMinutes",
  ) {
    super(message);
  }
}

/** A feed to follow, checked: an http(s) URL and an interval within bounds. Throws FeedInputError. */
export function feedInput(
  address: string,
  pollIntervalMinutes = DEFAULT_POLL_MINUTES,
): { url: string; pollIntervalMinutes: number } {
  const checked = checkFeedUrl(address);
  if ("reason" in checked) throw new FeedInputError(`${address}: ${checked.reason}`, "url");
  if (
    !Number.isInteger(pollIntervalMinutes) ||
    pollIntervalMinutes < MIN_POLL_MINUTES ||
    pollIntervalMinutes > MAX_POLL_MINUTES
  )
    throw new FeedInputError(
      `the poll interval must be a whole number of minutes from ${MIN_POLL_MINUTES} to ${MAX_POLL_MINUTES}`,
      "pollIntervalMinutes",
    );
  return { url: checked.url, pollIntervalMinutes };
}

export async function addFeed(
  pool: Pool,
  address: string,
  pollIntervalMinutes = DEFAULT_POLL_MINUTES,
): Promise<FeedRow> {
  const input = feedInput(address, pollIntervalMinutes);
  const { rows } = await pool.query<FeedRow>(
    `insert into "Feed" (url, "pollIntervalMinutes") values ($1, $2)
     on conflict (url) do nothing returning *`,
    [input.url, input.pollIntervalMinutes],
  );
  const feed = rows[0];
  if (!feed) throw new FeedInputError(`${input.url} is already followed`, "url");
  return feed;
}

export async function removeFeed(pool: Pool, idOrUrl: number | string): Promise<FeedRow | null> {
  const { rows } = await pool.query<FeedRow>(
    typeof idOrUrl === "number"
      ? `delete from "Feed" where id = $1 returning *`
      : `delete from "Feed" where url = $1 returning *`,
    [idOrUrl],
  );
  return rows[0] ?? null;
}

export async function listFeeds(pool: Pool): Promise<FeedRow[]> {
  return (await pool.query<FeedRow>(`select * from "Feed" order by id`)).rows;
}

export interface FeedPollResult {
  feedId: number;
  url: string;
  /** Why the feed itself could not be read; null when it was. */
  error: string | null;
  items: number;
  stored: number;
  unchanged: number;
  duplicates: number;
  failed: { link: string; reason: string }[];
}

type ItemOutcome =
  | { outcome: "stored" | "unchanged"; articleId: number; hash: string }
  | { outcome: "duplicate"; hash: string }
  | { outcome: "failed"; reason: string };

async function ingestItem(
  pool: Pool,
  feedId: number,
  item: FeedEntry,
  runId: number,
  limits: FetchLimits,
): Promise<ItemOutcome> {
  if (!item.link) return { outcome: "failed", reason: "the item has no link" };
  try {
    const document = await fetchPage(item.link, limits);
    const analysis = await analyseDocument(document);
    if ("failed" in analysis) return { outcome: "failed", reason: analysis.failed };
    const same = await pool.query(
      `select 1 from "FeedItem" where "feedId" = $1 and "contentHash" = $2 and "articleId" is not null limit 1`,
      [feedId, analysis.hash],
    );
    if (same.rowCount) return { outcome: "duplicate", hash: analysis.hash };
    const result: IngestOutcome = await ingestDocument(pool, document, { runId, analysis });
    if (result.status === "failed") return { outcome: "failed", reason: result.reason };
    return {
      outcome: result.status === "unchanged" ? "unchanged" : "stored",
      articleId: result.articleId,
      hash: analysis.hash,
    };
  } catch (error) {
    return { outcome: "failed", reason: (error as Error).message };
  }
}

/**
 * Polls one feed now: reads it, ingests the items not seen before (and those whose earlier attempts failed,
 * up to three attempts), and records the feed's status. With `onlyWhenDue`, a feed polled less than its
 * interval ago is left alone (and null returned), so overlapping schedulers never poll it twice.
 */
export async function pollFeed(
  pool: Pool,
  feedId: number,
  options: { onlyWhenDue?: boolean; limits?: FetchLimits; concurrency?: number } = {},
): Promise<FeedPollResult | null> {
  const claimed = await pool.query<FeedRow>(
    `update "Feed" set "lastPolledAt" = now()
      where id = $1 and ($2::boolean is false or "lastPolledAt" is null
                         or "lastPolledAt" <= now() - make_interval(mins => "pollIntervalMinutes"))
      returning *`,
    [feedId, options.onlyWhenDue ?? false],
  );
  const feed = claimed.rows[0];
  if (!feed) return null;
  const limits = options.limits ?? DEFAULT_FETCH_LIMITS;
  const result: FeedPollResult = {
    feedId,
    url: feed.url,
    error: null,
    items: 0,
    stored: 0,
    unchanged: 0,
    duplicates: 0,
    failed: [],
  };
  let parsed: ParsedFeed;
  try {
    const resource = await fetchResource(feed.url, FEED_DOCUMENT, limits);
    const decoded = decodeText(resource.bytes, resource.charset);
    if ("reason" in decoded) throw new FetchRefused(decoded.reason);
    parsed = readFeed(decoded.text);
  } catch (error) {
    result.error = (error as Error).message;
    await pool.query(`update "Feed" set "lastError" = $2, "lastErrorAt" = now() where id = $1`, [
      feedId,
      result.error,
    ]);
    return result;
  }
  result.items = parsed.items.length;
  // A link relative to the feed is read as browsers read it.
  for (const item of parsed.items) {
    if (!item.link) continue;
    try {
      item.link = new URL(item.link, feed.url).href;
    } catch {
      // left as written; fetching it fails with the reason
    }
  }

  const known = await pool.query<{ key: string; outcome: string; attempts: number }>(
    `select key, outcome, attempts from "FeedItem" where "feedId" = $1 and key = any($2::text[])`,
    [feedId, parsed.items.map((item) => item.key)],
  );
  const knownByKey = new Map(known.rows.map((row) => [row.key, row]));
  const due = parsed.items.filter((item) => {
    const seen = knownByKey.get(item.key);
    return !seen || (seen.outcome === "failed" && seen.attempts < MAX_ITEM_ATTEMPTS);
  });

  if (due.length > 0) {
    const run = await pool.query<{ id: number }>(
      `insert into "IngestRun" (trigger, "extractorVersion", "totalCount") values ($1, $2, $3) returning id`,
      [`feed ${feed.url}`, EXTRACTOR_VERSION, due.length],
    );
    const runId = run.rows[0]?.id as number;
    // Items one feed lists are often pages of one site: a few at a time, not all at once.
    let next = 0;
    const work = async () => {
      for (let index = next++; index < due.length; index = next++) {
        const item = due[index] as FeedEntry;
        const outcome = await ingestItem(pool, feedId, item, runId, limits);
        await pool.query(
          `insert into "FeedItem" ("feedId", key, link, "contentHash", "articleId", outcome, error, "updatedAt")
           values ($1, $2, $3, $4, $5, $6, $7, now())
           on conflict ("feedId", key) do update set
             link = excluded.link, "contentHash" = excluded."contentHash", "articleId" = excluded."articleId",
             outcome = excluded.outcome, error = excluded.error, attempts = "FeedItem".attempts + 1,
             "updatedAt" = now()`,
          [
            feedId,
            item.key,
            item.link,
            "hash" in outcome ? outcome.hash : null,
            "articleId" in outcome ? outcome.articleId : null,
            outcome.outcome,
            outcome.outcome === "failed" ? outcome.reason : null,
          ],
        );
        if (outcome.outcome === "stored") result.stored++;
        else if (outcome.outcome === "unchanged") result.unchanged++;
        else if (outcome.outcome === "duplicate") result.duplicates++;
        else if (outcome.outcome === "failed")
          result.failed.push({ link: item.link ?? item.key, reason: outcome.reason });
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 3 }, work));
    await pool.query(
      `update "IngestRun" set status = 'completed', "finishedAt" = now(), "newCount" = $2,
              "unchangedCount" = $3, "failedCount" = $4, failures = $5::jsonb where id = $1`,
      [
        runId,
        result.stored,
        result.unchanged + result.duplicates,
        result.failed.length,
        JSON.stringify(result.failed.map((f) => ({ file: f.link, reason: f.reason }))),
      ],
    );
  }

  await pool.query(
    `update "Feed" set "lastSuccessAt" = now(), "lastError" = null, "lastErrorAt" = null,
            title = coalesce($2, title),
            "itemsSeen" = (select count(*) from "FeedItem" where "feedId" = $1),
            "itemsStored" = (select count(*) from "FeedItem" where "feedId" = $1 and outcome = 'stored')
      where id = $1`,
    [feedId, parsed.title],
  );
  return result;
}

/** Polls every feed whose interval has passed (the scheduled task); returns what each poll did. */
export async function pollDueFeeds(
  pool: Pool,
  options: { limits?: FetchLimits; all?: boolean } = {},
): Promise<FeedPollResult[]> {
  const { rows } = await pool.query<{ id: number }>(`select id from "Feed" order by id`);
  const results: FeedPollResult[] = [];
  for (const { id } of rows) {
    const result = await pollFeed(pool, id, { onlyWhenDue: !options.all, ...options });
    if (result) results.push(result);
  }
  return results;
}
