import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClaimEvents, publishClaimChanged } from "../../apps/api/src/graphql/events.ts";
import { CSRF_HEADER } from "../../apps/api/src/server/yoga.ts";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { createFixtureCorpus, type FixtureCorpus, globalId } from "../support/fixtures.ts";

const prisma = testPrisma();
const pubsub = createClaimEvents();
const { api } = testApi(prisma, { pubsub });
let corpus: FixtureCorpus;

beforeAll(async () => {
  corpus = await createFixtureCorpus(prisma);
});
afterAll(() => prisma.$disconnect());

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
});
