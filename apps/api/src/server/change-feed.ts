import pg from "pg";
import { INGESTED_CLAIMS_CHANNEL } from "../ingest/notifications.ts";
import type { Logger } from "../logger.ts";

/** The channel the database's change triggers notify (migration 20261122071500_change_notifications). */
export const CHANGES_CHANNEL = "headcount_changes";

/**
 * What the database says has changed, as a generation number: it moves on every committed write to data a
 * reader can see, and whenever the feed may have missed one (connection lost, reconnected). A cache keyed
 * by the generation read at the start of a request can never serve what an earlier generation computed.
 */
export interface ChangeFeed {
  /** Bumped by every notification and by every (re)connection. */
  readonly generation: number;
  /** Listening now: when false, nothing may be served from a cache keyed by the generation. */
  readonly live: boolean;
  /** Waits until the feed is listening (or gives up after `timeoutMs`); true when it is. */
  ready(timeoutMs?: number): Promise<boolean>;
  /** Called after each generation change. */
  onChange(listener: () => void): void;
  /** Called with the payload of each notification on `channel` (one of FEED_CHANNELS). */
  onNotification(channel: FeedChannel, listener: (payload: string | undefined) => void): void;
  close(): Promise<void>;
}

/**
 * Every channel the API follows, on its one listening connection: data changes (for the read cache) and
 * ingested claims (for live subscriptions).
 */
export const FEED_CHANNELS = [CHANGES_CHANNEL, INGESTED_CLAIMS_CHANNEL] as const;
export type FeedChannel = (typeof FEED_CHANNELS)[number];

/**
 * LISTENs on one dedicated connection and reconnects with backoff (0.5 s doubling to 10 s) when it drops.
 * Notifications sent while it was down are not replayed; the generation bump on reconnection tells caches.
 */
export function listenForChanges(databaseUrl: string, logger: Logger): ChangeFeed {
  let generation = 0;
  let live = false;
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let delay = 500;
  const listeners: (() => void)[] = [];
  const channelListeners = new Map<string, ((payload: string | undefined) => void)[]>();
  let waiters: (() => void)[] = [];
  const bump = () => {
    generation++;
    for (const listener of listeners) listener();
  };
  const lost = (reason: string) => {
    if (closed) return;
    if (live) logger.warn({ reason }, "change feed lost; read cache off until it reconnects");
    live = false;
    bump();
    const dead = client;
    client = null;
    dead?.removeAllListeners();
    // The server may still end it ("terminating connection…") after we let go: not a crash.
    dead?.on("error", () => {});
    void dead?.end().catch(() => {});
    if (!retry) {
      retry = setTimeout(() => {
        retry = null;
        void connect();
      }, delay);
      retry.unref();
      delay = Math.min(delay * 2, 10_000);
    }
  };
  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
    client = next;
    next.on("error", (error) => lost(error.message));
    next.on("end", () => lost("connection ended"));
    next.on("notification", (message) => {
      if (message.channel === CHANGES_CHANNEL) bump();
      for (const listener of channelListeners.get(message.channel) ?? []) listener(message.payload);
    });
    try {
      await next.connect();
      await next.query(FEED_CHANNELS.map((channel) => `LISTEN ${channel}`).join("; "));
      if (closed || client !== next) return;
      live = true;
      delay = 500;
      bump(); // anything may have changed while nobody listened
      for (const wake of waiters) wake();
      waiters = [];
    } catch (error) {
      if (client === next) lost((error as Error).message);
    }
  };
  void connect();
  return {
    get generation() {
      return generation;
    },
    get live() {
      return live;
    },
    ready(timeoutMs = 5_000) {
      if (live) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(live), timeoutMs);
        timer.unref();
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
    onChange(listener) {
      listeners.push(listener);
    },
    onNotification(channel, listener) {
      channelListeners.set(channel, [...(channelListeners.get(channel) ?? []), listener]);
    },
    async close() {
      closed = true;
      live = false;
      if (retry) clearTimeout(retry);
      const open = client;
      client = null;
      open?.removeAllListeners();
      open?.on("error", () => {});
      await open?.end().catch(() => {});
    },
  };
}
