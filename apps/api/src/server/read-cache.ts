import { createHash } from "node:crypto";
import { type DocumentNode, type ExecutionResult, getOperationAST, parse } from "graphql";
import { isAsyncIterable, type Plugin } from "graphql-yoga";
import { LRUCache } from "lru-cache";
import { readCookie, SESSION_COOKIE } from "../auth/sessions.ts";
import type { Context } from "../graphql/context.ts";
import type { ChangeFeed } from "./change-feed.ts";

/** The header that says whether a response came from the read cache (`hit`) or was computed (`miss`). */
export const CACHE_HEADER = "x-headcount-cache";

export interface ReadCacheOptions {
  feed: ChangeFeed;
  /** Upper bound of the cached JSON, in bytes (default 128 MB). */
  maxBytes?: number;
}

export interface ReadCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

interface Entry {
  text: string;
  data: unknown;
}

/**
 * Public reads served from memory until the database says something changed.
 *
 * Only anonymous queries are cached (no session cookie: signed-in editors always read fresh data, and
 * nothing viewer-specific can leak between people); mutations, subscriptions and responses with errors
 * never are. The key is the change feed's generation when the request arrived plus a hash of the query,
 * operation name and variables, so a response computed before a write committed is never served after
 * the write's notification; while the feed is not listening nothing is cached. A hit answers with the
 * JSON text stored at the miss, without executing or serialising again.
 */
export function useReadCache(options: ReadCacheOptions): Plugin<Context> & { stats(): ReadCacheStats } {
  const { feed } = options;
  const cache = new LRUCache<string, Entry>({
    maxSize: options.maxBytes ?? 128 * 1024 * 1024,
    sizeCalculation: (entry) => Math.max(1, entry.text.length * 2),
  });
  feed.onChange(() => cache.clear());
  // Bumped after each mutation this process runs: its own writes are invalidated at once, without waiting
  // for the notification to come back from the database (a live page refetches as soon as it hears of it).
  let local = 0;
  const generation = () => `${feed.generation}.${local}`;
  const keys = new WeakMap<Request, string>();
  const hits = new WeakSet<Request>();
  const documents = new LRUCache<string, DocumentNode | false>({ max: 1_000 });
  let hitCount = 0;
  let missCount = 0;

  /** A single query operation (not a mutation or subscription); false for anything unparseable. */
  const isQuery = (source: string, operationName: string | undefined): boolean => {
    let document = documents.get(source);
    if (document === undefined) {
      try {
        document = parse(source, { noLocation: true });
      } catch {
        document = false;
      }
      documents.set(source, document);
    }
    return document !== false && getOperationAST(document, operationName)?.operation === "query";
  };

  return {
    stats: () => ({ hits: hitCount, misses: missCount, entries: cache.size, bytes: cache.calculatedSize }),
    onParams({ params, request, setResult }) {
      if (!feed.live || !params.query) return;
      if (readCookie(request.headers.get("cookie"), SESSION_COOKIE)) return;
      if (!isQuery(params.query, params.operationName ?? undefined)) return;
      const key = `${generation()}:${createHash("sha256")
        .update(JSON.stringify([params.query, params.operationName ?? null, params.variables ?? null]))
        .digest("base64url")}`;
      keys.set(request, key);
      const entry = cache.get(key);
      if (entry) {
        hitCount++;
        hits.add(request);
        // Yoga serialises a result with its own `stringify` when it has one.
        const cached: ExecutionResult & { stringify: () => string } = {
          data: entry.data as Record<string, unknown>,
          stringify: () => entry.text,
        };
        setResult(cached);
      }
    },
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== "mutation") return;
      return {
        onExecuteDone() {
          local++;
          cache.clear();
        },
      };
    },
    onExecutionResult({ request, result, setResult, context }) {
      const key = keys.get(request);
      if (!key || hits.has(request) || !result || isAsyncIterable(result) || result.errors?.length) return;
      // Only what an anonymous reader was shown is shared.
      if ((context as Partial<Context>).viewer) return;
      missCount++;
      const text = (result.stringify ?? JSON.stringify)(result);
      // Stored only if nothing changed while it was computed (a later generation would never read it).
      if (key.startsWith(`${generation()}:`) && feed.live) cache.set(key, { text, data: result.data });
      setResult({ ...result, stringify: () => text });
    },
    onResponse({ request, response }) {
      if (keys.has(request)) response.headers.set(CACHE_HEADER, hits.has(request) ? "hit" : "miss");
    },
  };
}
