import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChangeFeed, listenForChanges } from "../../apps/api/src/server/change-feed.ts";
import { CACHE_HEADER, useReadCache } from "../../apps/api/src/server/read-cache.ts";
import { CSRF_HEADER, createApi } from "../../apps/api/src/server/yoga.ts";
import { createUser } from "../../apps/api/src/users/users.ts";
import { testDatabaseUrl, testPrisma } from "../support/database.ts";
import { loadSeeds } from "../support/seeds.ts";

const prisma = testPrisma();
const logger = pino({ level: "silent" });
let feed: ChangeFeed;
let api: ReturnType<typeof createApi>;
let editorCookie = "";

const CLAIMS = `query { claims(first: 100, orderBy: STATED_ON) { totalCount edges { node { id valueBest version } } } }`;
interface Claims {
  claims: {
    totalCount: number;
    edges: { node: { id: string; valueBest: number | null; version: number } }[];
  };
}

async function post<T>(query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const response = await api.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", [CSRF_HEADER]: "1", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return {
    cache: response.headers.get(CACHE_HEADER),
    text,
    body: JSON.parse(text) as { data?: T; errors?: unknown[] },
    setCookie: response.headers.get("set-cookie"),
  };
}

/** Waits for the feed to hear of a committed write (the notification arrives asynchronously). */
async function changeSeenSince(generation: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (feed.generation === generation) {
    if (Date.now() > deadline) throw new Error("no change notification within 5 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  await loadSeeds();
  await createUser(prisma, {
    email: "cache-editor@example.org",
    role: "editor",
    password: "long enough password",
  });
  feed = listenForChanges(testDatabaseUrl(), logger);
  expect(await feed.ready()).toBe(true);
  api = createApi({ prisma, logger, readCache: useReadCache({ feed }) });
  const login = await post<{ login: { __typename: string } }>(
    `mutation { login(email: "cache-editor@example.org", password: "long enough password") { __typename } }`,
  );
  expect(login.body.data?.login.__typename).toBe("LoginSuccess");
  editorCookie = login.setCookie?.split(";")[0] ?? "";
  // Let notifications of the set-up's own writes arrive before measuring.
  let seen = feed.generation;
  for (let quiet = 0; quiet < 20; ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    quiet = feed.generation === seen ? quiet + 1 : 0;
    seen = feed.generation;
  }
});
afterAll(async () => {
  await feed.close();
  await prisma.$disconnect();
});

describe("the read cache", () => {
  it("answers a repeated anonymous query from memory, byte for byte", async () => {
    const first = await post<Claims>(CLAIMS);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.claims.totalCount).toBeGreaterThan(0);
    const second = await post<Claims>(CLAIMS);
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(second.text).toBe(first.text);
    // Other variables are another entry.
    const other = await post<Claims>(`query ($n: Int) { claims(first: $n) { totalCount } }`, { n: 3 });
    expect(other.cache).toBe("miss");
  });

  it("drops everything when another process writes, once the database's notification arrives", async () => {
    const before = await post<Claims>(CLAIMS);
    const node = before.body.data?.claims.edges[0]?.node;
    expect(node).toBeDefined();
    const generation = feed.generation;
    // Written as the ingest CLI or a worker would: straight to the database, not through this API.
    await prisma.$executeRaw`update "Claim" set "valueBest" = 123457 where id = ${Number(
      Buffer.from(node?.id ?? "", "base64")
        .toString()
        .split(":")[1],
    )}`;
    await changeSeenSince(generation);
    const after = await post<Claims>(CLAIMS);
    expect(after.cache).toBe("miss");
    expect(after.body.data?.claims.edges[0]?.node.valueBest).toBe(123457);
  });

  it("drops everything at once after a mutation of its own, without waiting for the notification", async () => {
    const before = await post<Claims>(CLAIMS);
    await post<Claims>(CLAIMS); // cached now
    const node = before.body.data?.claims.edges[1]?.node;
    const review = await post<{ reviewClaim: { __typename: string } }>(
      `mutation ($id: ID!, $v: Int!) { reviewClaim(id: $id, expectedVersion: $v, status: DISPUTED) { __typename } }`,
      { id: node?.id, v: node?.version },
      editorCookie,
    );
    expect(review.body.data?.reviewClaim.__typename).toBe("ClaimMutationSuccess");
    const after = await post<Claims>(CLAIMS);
    expect(after.cache).toBe("miss");
    expect(after.body.data?.claims.edges[1]?.node.version).toBe((node?.version ?? 0) + 1);
  });

  it("never caches for signed-in people, mutations, or answers with errors", async () => {
    const signedIn = await post<Claims>(CLAIMS, {}, editorCookie);
    expect(signedIn.cache).toBeNull();
    const bad = `query { node(id: "not-a-global-id") { id } }`;
    const first = await post(bad);
    const second = await post(bad);
    expect(first.body.errors?.length).toBeGreaterThan(0);
    expect([first.cache, second.cache]).toEqual(["miss", "miss"]);
    const logout = await post(`mutation { logout }`);
    expect(logout.cache).toBeNull();
  });

  it("serves nothing from memory while the feed is not listening", async () => {
    await post<Claims>(CLAIMS);
    await feed.close();
    expect(feed.live).toBe(false);
    const again = await post<Claims>(CLAIMS);
    expect(again.body.data?.claims.totalCount).toBeGreaterThan(0);
    expect(again.cache).toBeNull();
  });
});
