import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { createClaimEvents, publishClaimChanged } from "../../apps/api/src/graphql/events.ts";
import { ingestDocument } from "../../apps/api/src/ingest/pipeline.ts";
import { listenForIngestedClaims } from "../../apps/api/src/server/claim-notifications.ts";
import { CSRF_HEADER } from "../../apps/api/src/server/yoga.ts";
import { testApi } from "../support/api.ts";
import { testDatabaseUrl, testPrisma } from "../support/database.ts";
import { createFixtureCorpus, type FixtureCorpus, globalId } from "../support/fixtures.ts";

const prisma = testPrisma();
const pubsub = createClaimEvents();
const { api } = testApi(prisma, { pubsub });
let corpus: FixtureCorpus;

beforeAll(async () => {
  corpus = await createFixtureCorpus(prisma);
});
const ingestPool = createPool(testDatabaseUrl(), { max: 2 });
const ingested = listenForIngestedClaims(testDatabaseUrl(), pubsub, pino({ level: "silent" }));
afterAll(async () => {
  await ingested.close();
  await ingestPool.end();
  await prisma.$disconnect();
});

const SUBSCRIPTION = /* GraphQL */ `
  subscription ($filter: ClaimFilter) {
    claimChanged(filter: $filter) { change version claim { id display } }
  }
`;

/** Opens the subscription over server-sent events and yields each event's data. */
async function subscribe(variables: Record<string, unknown>, signal: AbortSignal) {
  const response = await api.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", [CSRF_HEADER]: "1" },
    body: JSON.stringify({ query: SUBSCRIPTION, variables }),
    signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return async function next(): Promise<unknown> {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message
          .split("\n")
          .filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(5).trim())
          .join("\n");
        if (data) return JSON.parse(data);
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("the event stream ended");
      buffer += value;
    }
  };
}

describe("Subscription.claimChanged", () => {
  it("sends changes of matching claims to open dashboards, over server-sent events", async () => {
    const controller = new AbortController();
    const next = await subscribe(
      { filter: { source: globalId("Entity", corpus.entities.pentagon) } },
      controller.signal,
    );
    // Give the subscription a moment to attach to the channel before publishing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A claim outside the filter is not sent; the matching one is.
    publishClaimChanged(pubsub, { claimId: corpus.claims.nisUpTo8k, change: "updated", version: 2 });
    publishClaimChanged(pubsub, { claimId: corpus.claims.pentagon10k, change: "reviewed", version: 3 });
    expect(await next()).toEqual({
      data: {
        claimChanged: {
          change: "REVIEWED",
          version: 3,
          claim: { id: globalId("Claim", corpus.claims.pentagon10k), display: "about 10,000" },
        },
      },
    });
    controller.abort();
  });

  it("sends the claims of a newly ingested article, whichever process ingested it", async () => {
    const controller = new AbortController();
    const next = await subscribe({ filter: { metric: ["KILLED"] } }, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Ingest writes through its own pool, as the CLI and the worker do: the API hears of it from the
    // database, after the article's transaction committed.
    const outcome = await ingestDocument(ingestPool, {
      origin: "test",
      format: "txt",
      raw: "Live desk\nSource: Live Outlet\nDate: 2024-12-16\n\nUkraine's military intelligence said on Monday that 37 North Korean soldiers were killed in Kursk.\n",
    });
    expect(outcome.status).toBe("created");
    const event = (await next()) as {
      data: { claimChanged: { change: string; version: number; claim: { id: string; display: string } } };
    };
    expect(event.data.claimChanged.change).toBe("CREATED");
    expect(event.data.claimChanged.version).toBe(1);
    expect(event.data.claimChanged.claim.display).toBe("37");
    controller.abort();
  });
});
