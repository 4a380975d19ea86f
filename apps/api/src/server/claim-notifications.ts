import pg from "pg";
import { type ClaimChangeKind, type ClaimEvents, publishClaimChanged } from "../graphql/events.ts";
import { INGESTED_CLAIMS_CHANNEL } from "../ingest/notifications.ts";
import type { Logger } from "../logger.ts";

interface IngestedClaim {
  claimId: number;
  change: ClaimChangeKind;
  version: number;
}

function parse(payload: string | undefined): IngestedClaim | null {
  try {
    const value = JSON.parse(payload ?? "") as Partial<IngestedClaim>;
    if (typeof value.claimId !== "number" || typeof value.version !== "number") return null;
    if (value.change !== "created" && value.change !== "updated") return null;
    return { claimId: value.claimId, change: value.change, version: value.version };
  } catch {
    return null;
  }
}

/**
 * Republishes ingested claims to the API's live subscriptions (claimChanged), on a dedicated connection
 * that reconnects (0.5 s doubling to 10 s) when it drops. Claims ingested while it was down are not
 * replayed: an open page shows them at its next refresh.
 */
export function listenForIngestedClaims(
  databaseUrl: string,
  events: ClaimEvents,
  logger: Logger,
): { close(): Promise<void> } {
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let delay = 500;
  const lost = (reason: string) => {
    if (closed) return;
    logger.warn({ reason }, "ingested-claims feed lost; reconnecting");
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
      if (message.channel !== INGESTED_CLAIMS_CHANNEL) return;
      const claim = parse(message.payload);
      if (claim) publishClaimChanged(events, claim);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${INGESTED_CLAIMS_CHANNEL}`);
      delay = 500;
    } catch (error) {
      if (client === next) lost((error as Error).message);
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const last = client;
      client = null;
      last?.removeAllListeners();
      last?.on("error", () => {});
      await last?.end().catch(() => {});
    },
  };
}
