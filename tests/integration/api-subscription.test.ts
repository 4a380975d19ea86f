import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken, SESSION_COOKIE } from "../../apps/api/src/auth/sessions.ts";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { createClaimEvents, publishClaimChanged } from "../../apps/api/src/graphql/events.ts";
import { ingestDocument } from "../../apps/api/src/ingest/pipeline.ts";
import { listenForChanges } from "../../apps/api/src/server/change-feed.ts";
import { forwardIngestedClaims } from "../../apps/api/src/server/claim-notifications.ts";
import { type Api, CSRF_HEADER, sessionAuthenticator } from "../../apps/api/src/server/yoga.ts";
import { createUser } from "../../apps/api/src/users/users.ts";
import { testApi } from "../support/api.ts";
import { observedClaimEvents } from "../support/claim-events.ts";
import { testDatabaseUrl, testPrisma } from "../support/database.ts";
import { createFixtureCorpus, type FixtureCorpus, globalId } from "../support/fixtures.ts";

const prisma = testPrisma();
const events = observedClaimEvents();
const { pubsub } = events;
const { api } = testApi(prisma, { pubsub });
let corpus: FixtureCorpus;

const ingestPool = createPool(testDatabaseUrl(), { max: 2 });
// The API's one listening connection carries both data changes and ingested claims.
const feed = listenForChanges(testDatabaseUrl(), pino({ level: "silent" }));
forwardIngestedClaims(feed, pubsub);
beforeAll(async () => {
  corpus = await createFixtureCorpus(prisma);
  expect(await feed.ready()).toBe(true);
});
afterAll(async () => {
  await feed.close();
  await ingestPool.end();
  await prisma.$disconnect();
});

const SUBSCRIPTION = /* GraphQL */ `
  subscription ($filter: ClaimFilter) {
    claimChanged(filter: $filter) { change version claim { id display } }
  }
`;

/** Opens the subscription over server-sent events and yields each event's data. */
async function subscribe(
  variables: Record<string, unknown>,
  signal: AbortSignal,
  options: { through?: Api; headers?: Record<string, string> } = {},
) {
  const response = await (options.through ?? api).fetch("http://localhost/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      [CSRF_HEADER]: "1",
      ...options.headers,
    },
    body: JSON.stringify({ query: SUBSCRIPTION, variables }),
    signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  // As a browser that goes away: the server sees the stream cancelled.
  signal.addEventListener("abort", () => void reader.cancel().catch(() => {}));
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

/** A dashboard following the Pentagon's claims, once its stream listens on the channel (events are published then). */
async function watchPentagon(signal: AbortSignal) {
  const attached = events.attached();
  const next = await subscribe({ filter: { source: globalId("Entity", corpus.entities.pentagon) } }, signal);
  await attached;
  return next;
}

describe("Subscription.claimChanged", () => {
  it("sends changes of matching claims to open dashboards, over server-sent events", async () => {
    const controller = new AbortController();
    const next = await watchPentagon(controller.signal);
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
    const attached = events.attached();
    const next = await subscribe({ filter: { metric: ["KILLED"] } }, controller.signal);
    await attached;
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

  it("sends an editor's verdict made in another API process, and one made in this process once", async () => {
    const user = await createUser(prisma, {
      email: "live-editor@example.org",
      role: "editor",
      password: "long enough password",
    });
    const authenticate = async () => ({ id: user.id, email: user.email, role: "editor" as const });
    // Another API process: its own channel, reached only through the database.
    const other = testApi(prisma, { pubsub: createClaimEvents(), authenticate });
    // This process: the subscription's channel.
    const same = testApi(prisma, { pubsub, authenticate });
    const controller = new AbortController();
    const next = await watchPentagon(controller.signal);
    const review = async (through: typeof other, status: string) => {
      const { version } = await prisma.claim.findUniqueOrThrow({ where: { id: corpus.claims.pentagon10k } });
      const answer = await through.query<{ reviewClaim: { __typename: string } }>(
        `mutation ($id: ID!, $v: Int!) { reviewClaim(id: $id, expectedVersion: $v, status: ${status}) { __typename } }`,
        { id: globalId("Claim", corpus.claims.pentagon10k), v: version },
      );
      expect(answer.errors ?? answer.data?.reviewClaim.__typename).toBe("ClaimMutationSuccess");
      return version + 1;
    };
    const elsewhere = await review(other, "DISPUTED");
    expect(await next()).toMatchObject({
      data: { claimChanged: { change: "REVIEWED", version: elsewhere } },
    });
    // Made here: published at once, and this process's own announcement from the database is not sent again.
    const here = await review(same, "VERIFIED");
    expect(await next()).toMatchObject({ data: { claimChanged: { change: "REVIEWED", version: here } } });
    const third = await review(other, "UNREVIEWED");
    expect(await next()).toMatchObject({ data: { claimChanged: { change: "REVIEWED", version: third } } });
    controller.abort();
  });

  it("refuses a stream beyond the per-client and total limits, and frees the slot of a closed one", async () => {
    // Its own channel, so that only this test's streams are observed.
    const own = observedClaimEvents();
    const limited = testApi(prisma, { pubsub: own.pubsub, streamLimits: { perClient: 2, total: 3 } }).api;
    const from = (peer: string) => ({ through: limited, headers: { "x-headcount-peer": peer } });
    const controllers = Array.from({ length: 6 }, () => new AbortController());
    const signal = (i: number) => (controllers[i] as AbortController).signal;
    await subscribe({}, signal(0), from("10.0.0.1"));
    await subscribe({}, signal(1), from("10.0.0.1"));
    const third = await subscribe({}, signal(2), from("10.0.0.1"));
    expect(await third()).toEqual({
      errors: [
        expect.objectContaining({
          message: expect.stringMatching(/at most 2 may be open at once/),
          extensions: expect.objectContaining({ code: "TOO_MANY_SUBSCRIPTIONS", scope: "client" }),
        }),
      ],
    });
    await subscribe({}, signal(3), from("10.0.0.2"));
    const overall = await subscribe({}, signal(4), from("10.0.0.3"));
    expect(await overall()).toEqual({
      errors: [
        expect.objectContaining({
          message: expect.stringMatching(/maximum of 3 live subscriptions/),
          extensions: expect.objectContaining({ code: "TOO_MANY_SUBSCRIPTIONS", scope: "server" }),
        }),
      ],
    });
    // A client that closes a stream may open another.
    const detached = own.detached();
    controllers[0]?.abort();
    // The slot is given back as the stream lets go of the channel, within the same turn of the event loop.
    await detached;
    await new Promise((resolve) => setImmediate(resolve));
    const attached = own.attached();
    const again = await subscribe({}, signal(5), from("10.0.0.1"));
    await attached;
    publishClaimChanged(own.pubsub, { claimId: corpus.claims.pentagon10k, change: "updated", version: 9 });
    expect(await again()).toMatchObject({ data: { claimChanged: { change: "UPDATED", version: 9 } } });
    for (const controller of controllers) controller.abort();
  });

  describe("streams follow their session", () => {
    const signedIn = testApi(prisma, { pubsub, authenticate: sessionAuthenticator(prisma) }).api;

    async function sessionOf(email: string) {
      const user = await createUser(prisma, { email, role: "editor" });
      const token = randomBytes(24).toString("base64url");
      const session = await prisma.session.create({
        data: { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
      });
      return { userId: user.id, sessionId: session.id, cookie: `${SESSION_COOKIE}=${token}` };
    }

    /** A stream opened with a new editor's session cookie, once the server has attached it. */
    async function signedInStream(email: string) {
      const editor = await sessionOf(email);
      const controller = new AbortController();
      const attached = events.attached();
      const next = await subscribe({}, controller.signal, {
        through: signedIn,
        headers: { cookie: editor.cookie },
      });
      await attached;
      return { editor, controller, next };
    }

    it("a demoted editor's open stream no longer receives a deleted claim's fields", async () => {
      const { editor, controller, next } = await signedInStream("demoted@example.org");
      const deleted = corpus.claims.deletedWounded;
      publishClaimChanged(pubsub, { claimId: deleted, change: "deleted", version: 5 });
      expect(await next()).toMatchObject({
        data: { claimChanged: { change: "DELETED", claim: { id: globalId("Claim", deleted) } } },
      });
      await prisma.user.update({ where: { id: editor.userId }, data: { role: "viewer" } });
      publishClaimChanged(pubsub, { claimId: deleted, change: "deleted", version: 6 });
      expect(await next()).toEqual({
        data: { claimChanged: { change: "DELETED", version: 6, claim: null } },
      });
      controller.abort();
    });

    it("a stream whose session was signed out ends with UNAUTHENTICATED at the next change", async () => {
      const { editor, controller, next } = await signedInStream("signed-out@example.org");
      await prisma.session.update({ where: { id: editor.sessionId }, data: { revokedAt: new Date() } });
      publishClaimChanged(pubsub, { claimId: corpus.claims.pentagon10k, change: "updated", version: 11 });
      expect(await next()).toEqual({
        errors: [
          expect.objectContaining({
            message: expect.stringMatching(/session has ended/),
            extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }),
          }),
        ],
      });
      await expect(next()).rejects.toThrow(/the event stream ended/);
      controller.abort();
    });
  });
});
