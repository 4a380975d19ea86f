import { GraphQLError } from "graphql";
import { IDLE_TIMEOUT_MS } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Context, Viewer } from "./context.ts";
import type { ClaimChangedEvent } from "./events.ts";
import { memoPerRequest } from "./memo.ts";
import { type ClaimFilter, claimCondition } from "./sql/claim-filter.ts";

/** How many live streams one client (a signed-in user, or an address) and the whole process may hold. */
export interface StreamLimits {
  perClient: number;
  total: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perClient: 100, total: 2_000 };

/** Counts open subscriptions, refusing one beyond the limits with a clear error. */
export class StreamLimiter {
  private readonly open = new Map<string, number>();
  private count = 0;

  constructor(readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {}

  get total(): number {
    return this.count;
  }

  /** Takes a slot for `client`; the returned function gives it back (once, however often it is called). */
  acquire(client: string): () => void {
    const held = this.open.get(client) ?? 0;
    if (held >= this.limits.perClient) {
      throw new GraphQLError(
        `Too many live subscriptions from this client: at most ${this.limits.perClient} may be open at once; close one first.`,
        { extensions: { code: "TOO_MANY_SUBSCRIPTIONS", limit: this.limits.perClient, scope: "client" } },
      );
    }
    if (this.count >= this.limits.total) {
      throw new GraphQLError(
        `The server is holding its maximum of ${this.limits.total} live subscriptions; try again later.`,
        { extensions: { code: "TOO_MANY_SUBSCRIPTIONS", limit: this.limits.total, scope: "server" } },
      );
    }
    this.open.set(client, held + 1);
    this.count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.count--;
      const left = (this.open.get(client) ?? 1) - 1;
      if (left > 0) this.open.set(client, left);
      else this.open.delete(client);
    };
  }
}

/** Who holds a stream: the signed-in user, else the client's address. */
export function streamClientOf(context: Pick<Context, "viewer" | "clientIp">): string {
  return context.viewer ? `user:${context.viewer.id}` : `address:${context.clientIp ?? "unknown"}`;
}

interface PendingCheck {
  filters: Map<string, ClaimFilter>;
  result: Promise<Set<string>>;
}

const pendingChecks = new WeakMap<ClaimChangedEvent, PendingCheck>();

/**
 * Whether the event's claim matches `filter`, with exactly the semantics of `claims(filter)`. Every open
 * stream asks about the same event object; the questions asked within one turn of the event loop go to
 * the database as one statement (identical filters once), so a change costs one query, not one per stream.
 */
export function claimMatches(
  prisma: PrismaClient,
  event: ClaimChangedEvent,
  filter: ClaimFilter,
): Promise<boolean> {
  const key = JSON.stringify(filter);
  return memoPerRequest(event, `matches:${key}`, async () => {
    let pending = pendingChecks.get(event);
    if (!pending) {
      const filters = new Map<string, ClaimFilter>();
      const result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        pendingChecks.delete(event);
        return matchingFilters(prisma, event.claimId, filters);
      });
      pending = { filters, result };
      pendingChecks.set(event, pending);
    }
    pending.filters.set(key, filter);
    return (await pending.result).has(key);
  });
}

async function matchingFilters(
  prisma: PrismaClient,
  claimId: number,
  filters: Map<string, ClaimFilter>,
): Promise<Set<string>> {
  const keys = [...filters.keys()];
  const branches = keys.map(
    (key, index) => Prisma.sql`select ${index}::int as k from "Claim" c
      left join "Entity" s on s.id = c."sourceId"
      where c.id = ${claimId} and (${claimCondition(filters.get(key))})`,
  );
  const rows = await prisma.$queryRaw<{ k: number }[]>`${Prisma.join(branches, " union all ")}`;
  return new Set(rows.map((row) => keys[row.k] as string));
}

/**
 * The viewer a stream opened with, as its session stands now: null when the session has ended (signed
 * out, expired, idle, account disabled), else the viewer with the account's current role. Asked once per
 * event and session, however many streams the session holds.
 */
export function currentViewer(
  prisma: PrismaClient,
  event: ClaimChangedEvent,
  viewer: Viewer,
  now = new Date(),
): Promise<Viewer | null> {
  const sessionId = viewer.sessionId;
  if (sessionId === undefined) return Promise.resolve(viewer);
  return memoPerRequest(event, `session:${sessionId}`, async () => {
    const session = await prisma.session.findUnique({
      where: { id: sessionId },
      select: {
        revokedAt: true,
        expiresAt: true,
        lastSeenAt: true,
        user: { select: { id: true, email: true, role: true, disabledAt: true } },
      },
    });
    if (!session || session.revokedAt || session.user.disabledAt) return null;
    if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS)
      return null;
    return { id: session.user.id, email: session.user.email, role: session.user.role, sessionId };
  });
}

/**
 * The stream, giving back its slot however it ends: exhausted, failed, or closed by the client, even
 * before its first event.
 */
export function releasing<T>(inner: AsyncIterableIterator<T>, release: () => void): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    next: () =>
      inner.next().then(
        (result) => {
          if (result.done) release();
          return result;
        },
        (error: unknown) => {
          release();
          throw error;
        },
      ),
    return: (value?: unknown) => {
      release();
      return inner.return ? inner.return(value) : Promise.resolve({ done: true, value: undefined });
    },
    throw: (error?: unknown) => {
      release();
      return inner.throw ? inner.throw(error) : Promise.reject(error);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
