import pg from "pg";
import { afterAll, beforeAll, expect } from "vitest";
import { createPool } from "../../apps/api/src/db/pool.ts";
import type { PrismaClient } from "../../apps/api/src/db/prisma.ts";
import { CSRF_HEADER, createApi } from "../../apps/api/src/server/yoga.ts";
import { createUser } from "../../apps/api/src/users/users.ts";
import { testDatabaseUrl, testPrisma, warmPrisma } from "./database.ts";
import { INGESTED_TABLES } from "./ingest.ts";
import { recordingLogger } from "./recording-logger.ts";
import { loadSeeds } from "./seeds.ts";

/**
 * The API as editors reach it: real sign-in and session cookies, no test-only authentication. One call per
 * test file sets up the seed corpus and four signed-in accounts, and records every log line and response so
 * a file can check that no secret ever leaves the server.
 */

export const PASSWORDS = {
  viewer: "viewer password long enough",
  editor: "editor password long enough",
  admin: "admin password long enough!",
  other: "second editor password ok",
};

export type Account = keyof typeof PASSWORDS;

export interface Result<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export type Gql = <T = Record<string, unknown>>(
  document: string,
  variables?: Record<string, unknown>,
  cookie?: string,
) => Promise<Result<T> & { setCookie: string | null; status: number }>;

/** A global ID as the API writes it. */
export const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");

export function editorsHarness() {
  const prisma = testPrisma();
  const pool = createPool(testDatabaseUrl(), { max: 4 });
  const extraClients: PrismaClient[] = [];
  const { logger, lines: logLines } = recordingLogger("debug");
  const responses: string[] = [];
  const tokens: string[] = [];
  const api = createApi({ prisma, pool, logger });

  /** A GraphQL client over an API instance; every response is recorded. */
  function client(target: ReturnType<typeof createApi>): Gql {
    return async (document, variables = {}, cookie) => {
      const response = await target.fetch("http://localhost/graphql", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [CSRF_HEADER]: "1",
          "x-forwarded-for": "192.0.2.10",
          ...(cookie ? { cookie } : {}),
        },
        body: JSON.stringify({ query: document, variables }),
      });
      const text = await response.text();
      responses.push(text);
      return {
        ...JSON.parse(text),
        setCookie: response.headers.get("set-cookie"),
        status: response.status,
      };
    };
  }
  const gql = client(api);

  /**
   * Another API instance over the same database whose Prisma pool holds `max` connections, all open, for
   * tests that send many requests at once and must not wait for a connection.
   */
  async function gqlWithPool(max: number): Promise<Gql> {
    const wide = await warmPrisma(max);
    extraClients.push(wide);
    return client(createApi({ prisma: wide, pool, logger }));
  }

  async function signIn(email: string, password: string): Promise<string> {
    const result = await gql<{ login: { __typename: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }`,
      { e: email, p: password },
    );
    expect(result.data?.login.__typename).toBe("LoginSuccess");
    const cookie = result.setCookie?.split(";")[0] ?? "";
    expect(cookie).toMatch(/^hc_session=/);
    tokens.push(cookie.slice("hc_session=".length));
    return cookie;
  }

  /** Session cookies of the four accounts, signed in before the file's tests. */
  const cookies = {} as Record<Account, string>;

  /** Every password, password hash and session token that this file's requests could have leaked. */
  async function secrets(): Promise<string[]> {
    const hashes = (await prisma.user.findMany({ select: { passwordHash: true } })).map(
      (user) => user.passwordHash,
    );
    const tokenHashes = (await prisma.session.findMany({ select: { tokenHash: true } })).map(
      (s) => s.tokenHash,
    );
    return [...Object.values(PASSWORDS), ...hashes, ...tokens.filter(Boolean), ...tokenHashes];
  }

  /** The secrets found in the recorded log lines and responses. */
  async function leakedSecrets(): Promise<string[]> {
    const everything = [...logLines, ...responses].join("\n");
    return (await secrets()).filter((secret) => everything.includes(secret));
  }

  beforeAll(async () => {
    await loadSeeds();
    for (const [account, password] of Object.entries(PASSWORDS) as [Account, string][]) {
      const role = account === "other" ? "editor" : account;
      await createUser(prisma, { email: `${account}@example.org`, role, password });
    }
    for (const [account, password] of Object.entries(PASSWORDS) as [Account, string][]) {
      cookies[account] = await signIn(`${account}@example.org`, password);
    }
  });
  afterAll(async () => {
    // Whatever the file did, no secret reached a log line or a response.
    expect(await leakedSecrets(), "a secret leaked").toEqual([]);
    await pool.end();
    await Promise.all([prisma, ...extraClients].map((client) => client.$disconnect()));
  });

  /** A checksum of every row of every table the mutations can touch (sessions and sign-ins left out). */
  async function fingerprint(): Promise<string> {
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const parts: string[] = [];
      for (const table of [...INGESTED_TABLES, "User", "AuditEvent"]) {
        const { rows } = await db.query(
          `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as f from "${table}" t`,
        );
        parts.push(`${table}:${rows[0].f}`);
      }
      return parts.join(",");
    } finally {
      await db.end();
    }
  }

  /** The first live claim. */
  function anyClaim() {
    return prisma.claim.findFirstOrThrow({ where: { deletedAt: null }, orderBy: { id: "asc" } });
  }

  return {
    prisma,
    api,
    gql,
    gqlWithPool,
    signIn,
    cookies,
    tokens,
    logLines,
    responses,
    secrets,
    leakedSecrets,
    fingerprint,
    anyClaim,
  };
}
