import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERY_LIMITS } from "../../apps/api/src/server/limits.ts";
import { CSRF_HEADER } from "../../apps/api/src/server/yoga.ts";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { loadSeeds } from "../support/seeds.ts";

/**
 * Hostile documents: each must be refused with a clear error or be harmless — answered within a time
 * bound, with bounded memory growth, and leaving the data as it was. Written by hand, each for a reason.
 */
const prisma = testPrisma();
const { api } = testApi(prisma, { production: true });
beforeAll(loadSeeds);
afterAll(() => prisma.$disconnect());

const TIME_LIMIT_MS = 2_000;
const MEMORY_LIMIT_BYTES = 64 * 1024 * 1024;

type Hostile = {
  name: string;
  /** A GraphQL document (sent as JSON), or a raw request. */
  query?: string;
  variables?: Record<string, unknown>;
  raw?: { method: string; headers: Record<string, string>; body?: string; path?: string };
  /** "refused": an error (or HTTP ≥ 400) comes back; "harmless": it may succeed, bounded. */
  expect: "refused" | "harmless";
};

const repeat = (text: string, times: number, separator = " ") =>
  Array.from({ length: times }, () => text).join(separator);
const nested = (depth: number, inner: string) =>
  `${"claims(first: 1) { edges { node { source { claimsMade(first: 1) { edges { node { ".repeat(depth)}${inner}${" } } } } } } }".repeat(depth)}`;
const injection = [
  '\'; drop table "Claim"; --',
  '" or 1=1 --',
  "') or ('1'='1",
  '%\' union select password_hash from "User" --',
  "\\x00\\u0000",
  "$$; select pg_sleep(10); $$",
];
const regexBombs = ["(a+)+$", "((a*)*)*b", `${"a".repeat(5000)}!`, "(?:.*){1000}", "[[[[[[[[[[", "\\"];

const CORPUS: Hostile[] = [
  // Depth and breadth
  { name: "deep nesting through relations", query: `{ ${nested(6, "id")} }`, expect: "refused" },
  {
    name: "very deep selection of a single relation chain",
    query: `{ articles(first:1) { edges { node { ${repeat("outlet { affiliation {", 20)} id ${repeat("} }", 20)} } } } }`,
    expect: "refused",
  },
  {
    // graphql-armor leaves __typename out of the alias count; 500 of them are answered in milliseconds.
    name: "alias flood of a cheap field",
    query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: __typename`).join(" ")} }`,
    expect: "harmless",
  },
  {
    name: "alias flood of an expensive field",
    query: `{ ${Array.from({ length: 60 }, (_, i) => `s${i}: claimSeries(groupBy: SOURCE) { series { key } }`).join(" ")} }`,
    expect: "refused",
  },
  {
    name: "aliased connections at the page cap",
    query: `{ ${Array.from({ length: 30 }, (_, i) => `c${i}: claims(first: 100) { edges { node { id quote: display } } }`).join(" ")} }`,
    expect: "refused",
  },
  {
    name: "field repeated thousands of times",
    query: `{ ${repeat("me { email }", 3000)} }`,
    expect: "refused",
  },
  { name: "token flood with commas", query: `{ ${repeat("__typename,", 5000, "")} }`, expect: "refused" },
  {
    name: "wide selection of every claim field many times",
    query: `{ claims(first: 100) { edges { node { ${repeat("id metric subject valueLow valueHigh qualifier", 100)} } } } }`,
    expect: "refused",
  },
  // Fragments
  {
    name: "fragment cycle",
    query: "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
    expect: "refused",
  },
  {
    name: "self-referencing fragment",
    query: "query { ...A } fragment A on Query { me { email } ...A }",
    expect: "refused",
  },
  {
    name: "fragment spread explosion (billion laughs)",
    query: `query { ...F0 } ${Array.from({ length: 12 }, (_, i) => `fragment F${i} on Query { ${i === 11 ? "__typename" : `...F${i + 1} a${i}: __typename`} }`).join(" ")} fragment X on Query { ...F0 ...F0 }`,
    expect: "harmless",
  },
  {
    name: "fragments multiplying a costly field",
    query: `query { ...A ...A ...A ...A } fragment A on Query { s1: claimSeries(groupBy: SOURCE) { series { key } } s2: claimSeries(groupBy: METRIC) { series { key } } }`,
    expect: "harmless",
  },
  {
    name: "fragment named like introspection to dodge limits",
    query: `query { ...__schema } fragment __schema on Query { ${nested(6, "id")} }`,
    expect: "refused",
  },
  {
    name: "inline fragments hiding depth",
    query: `{ ... on Query { ... on Query { ${nested(6, "id")} } } }`,
    expect: "refused",
  },
  {
    name: "unused fragments padding the document",
    query: `{ __typename } ${Array.from({ length: 300 }, (_, i) => `fragment U${i} on Query { __typename }`).join(" ")}`,
    expect: "refused",
  },
  // Introspection
  {
    name: "introspection cost bomb (nested ofType)",
    query: `{ __schema { types { ${repeat("fields { type { ofType {", 8)} name ${repeat("} } }", 8)} } } }`,
    expect: "refused",
  },
  {
    name: "introspection aliased many times",
    query: `{ ${Array.from({ length: 40 }, (_, i) => `i${i}: __schema { types { name fields { name args { name } } } }`).join(" ")} }`,
    expect: "refused",
  },
  {
    name: "__type lookups flood",
    query: `{ ${Array.from({ length: 200 }, (_, i) => `t${i}: __type(name: "Claim") { fields { name } }`).join(" ")} }`,
    expect: "refused",
  },
  {
    name: "deep __typename on introspection",
    query: "{ __schema { queryType { fields { type { fields { type { fields { name } } } } } } } }",
    expect: "harmless",
  },
  // Directives
  {
    name: "directive flood",
    query: `{ me ${repeat("@include(if: true)", 200)} { email } }`,
    expect: "refused",
  },
  { name: "unknown directive", query: "{ me @evil { email } }", expect: "refused" },
  {
    name: "skip directives on many fields",
    query: `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: __typename @skip(if: false)`).join(" ")} }`,
    expect: "refused",
  },
  // Literals and variables
  {
    name: "huge string literal",
    query: `{ search(query: "${"x".repeat(90_000)}", first: 5) { hits { __typename } } }`,
    expect: "refused",
  },
  {
    name: "huge list literal",
    query: `{ nodes(ids: [${Array.from({ length: 20_000 }, () => '"QXJ0aWNsZTox"').join(",")}]) { id } }`,
    expect: "refused",
  },
  {
    name: "huge list variable",
    query: "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }",
    variables: { ids: Array.from({ length: 5000 }, () => "QXJ0aWNsZTox") },
    expect: "refused",
  },
  {
    name: "deeply nested list variable",
    query: "query ($f: ClaimFilter) { claims(first: 1, filter: $f) { totalCount } }",
    variables: { f: { metric: JSON.parse(`${"[".repeat(500)}"DEPLOYED"${"]".repeat(500)}`) } },
    expect: "refused",
  },
  {
    name: "variable of the wrong type",
    query: "query ($n: Int!) { claims(first: $n) { totalCount } }",
    variables: { n: "all of them" },
    expect: "refused",
  },
  {
    name: "integer overflow in first",
    query: "{ claims(first: 99999999999) { totalCount } }",
    expect: "refused",
  },
  { name: "negative page size", query: "{ claims(first: -5) { totalCount } }", expect: "refused" },
  {
    name: "connection with first: 100000",
    query: "{ claims(first: 100000) { edges { node { id } } } }",
    expect: "refused",
  },
  {
    name: "connection with last: 100000",
    query: "{ articles(last: 100000) { edges { node { id } } } }",
    expect: "refused",
  },
  {
    name: "garbage cursor",
    query: '{ claims(first: 5, after: "not-a-cursor!!") { totalCount } }',
    expect: "refused",
  },
  {
    name: "cursor of another type",
    query: '{ claims(first: 5, after: "QXJ0aWNsZTox") { totalCount } }',
    expect: "harmless",
  },
  {
    name: "global id of the wrong type",
    query: '{ claims(first: 5, filter: { source: "QXJ0aWNsZTox" }) { totalCount } }',
    expect: "refused",
  },
  { name: "malformed global id", query: '{ node(id: "%%%") { id } }', expect: "refused" },
  {
    name: "date that does not exist",
    query: '{ claims(first: 5, filter: { statedFrom: "2024-02-30" }) { totalCount } }',
    expect: "refused",
  },
  // Field suggestions and probing
  {
    name: "field suggestion probing (typo)",
    query: "{ claimz(first: 1) { totalCount } }",
    expect: "refused",
  },
  { name: "probing for a password field", query: "{ users { email passwordHash } }", expect: "refused" },
  { name: "probing for sessions", query: "{ sessions { tokenHash } }", expect: "refused" },
  { name: "users query without being an admin", query: "{ users { email } }", expect: "refused" },
  {
    name: "review queue without being an editor",
    query: "{ reviewQueue(first: 5) { totalCount } }",
    expect: "refused",
  },
  {
    name: "deleted claims without being an editor",
    query: "{ claims(first: 5, filter: { includeDeleted: true }) { totalCount } }",
    expect: "harmless",
  },
  // Injection strings in every filter and search argument
  ...injection.flatMap((payload, i): Hostile[] => [
    {
      name: `SQL injection #${i + 1} in search`,
      query: "query ($q: String!) { search(query: $q, first: 5) { hits { __typename } } }",
      variables: { q: payload },
      expect: "harmless",
    },
    {
      name: `SQL injection #${i + 1} in claims search filter`,
      query: "query ($q: String!) { claims(first: 5, filter: { search: $q }) { totalCount } }",
      variables: { q: payload },
      expect: "harmless",
    },
    {
      name: `SQL injection #${i + 1} in entities search`,
      query: "query ($q: String!) { entities(first: 5, filter: { search: $q }) { totalCount } }",
      variables: { q: payload },
      expect: "harmless",
    },
    {
      name: `SQL injection #${i + 1} in articles search`,
      query: "query ($q: String!) { articles(first: 5, filter: { search: $q }) { totalCount } }",
      variables: { q: payload },
      expect: "harmless",
    },
  ]),
  ...regexBombs.map(
    (payload, i): Hostile => ({
      name: `regex bomb #${i + 1} in search`,
      query:
        "query ($q: String!) { search(query: $q, first: 5) { hits { __typename } } entities(first: 5, filter: { search: $q }) { totalCount } }",
      variables: { q: payload },
      expect: "harmless",
    }),
  ),
  {
    name: "SQL injection in an enum position",
    query: '{ claims(first: 5, filter: { metric: [DEPLOYED, "x\'); drop table x; --"] }) { totalCount } }',
    expect: "refused",
  },
  {
    name: "SQL injection in groupBy",
    query: '{ claimSeries(groupBy: "SOURCE; drop table") { series { key } } }',
    expect: "refused",
  },
  // Mutations without rights
  {
    name: "login brute force payload with a huge password",
    query: 'mutation ($p: String!) { login(email: "a@b.c", password: $p) { __typename } }',
    variables: { p: "x".repeat(50_000) },
    expect: "harmless",
  },
  {
    name: "anonymous edit attempt",
    query: 'mutation { deleteClaim(id: "Q2xhaW06MQ==", expectedVersion: 1) { __typename } }',
    expect: "harmless",
  },
  // Transport
  {
    name: "batched array of operations",
    raw: {
      method: "POST",
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
      body: JSON.stringify(Array.from({ length: 50 }, () => ({ query: "{ __typename }" }))),
    },
    expect: "refused",
  },
  {
    // The limit fits one real page's HTML sent to ingestArticle; anything past it is refused unread.
    name: "oversized body",
    raw: {
      method: "POST",
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
      body: JSON.stringify({ query: `{ __typename } # ${"x".repeat(QUERY_LIMITS.requestBodyBytes + 1)}` }),
    },
    expect: "refused",
  },
  {
    name: "wrong content type",
    raw: {
      method: "POST",
      headers: { "content-type": "text/plain", [CSRF_HEADER]: "1" },
      body: "{ __typename }",
    },
    expect: "harmless",
  },
  {
    name: "text/plain POST without the CSRF header (a cross-site simple request)",
    raw: { method: "POST", headers: { "content-type": "text/plain" }, body: '{"query":"{ __typename }"}' },
    expect: "refused",
  },
  {
    name: "form-encoded POST without the CSRF header",
    raw: {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "query=%7B__typename%7D",
    },
    expect: "refused",
  },
  {
    name: "multipart POST without the CSRF header",
    raw: {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x" },
      body: '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{__typename}"}\r\n--x--',
    },
    expect: "refused",
  },
  {
    name: "malformed JSON body",
    raw: {
      method: "POST",
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
      body: '{"query": "{ __typename }"',
    },
    expect: "refused",
  },
  {
    name: "JSON body that is not an object",
    raw: {
      method: "POST",
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
      body: "12345",
    },
    expect: "refused",
  },
  {
    name: "mutation over GET",
    raw: {
      method: "GET",
      headers: { [CSRF_HEADER]: "1", accept: "application/json" },
      path: `/graphql?query=${encodeURIComponent("mutation { logout }")}`,
    },
    expect: "refused",
  },
  {
    name: "subscription over plain POST",
    query: "subscription { claimChanged { change } }",
    expect: "refused",
  },
  { name: "empty query", query: "", expect: "refused" },
  { name: "syntax error", query: "{ claims(first: ) {", expect: "refused" },
  { name: "two anonymous operations", query: "{ __typename } { __typename }", expect: "refused" },
  {
    name: "operationName that does not exist",
    raw: {
      method: "POST",
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
      body: JSON.stringify({ query: "query A { __typename }", operationName: "B" }),
    },
    expect: "refused",
  },
];

async function send(hostile: Hostile): Promise<{ status: number; body: string }> {
  const request = hostile.raw
    ? new Request(`http://localhost${hostile.raw.path ?? "/graphql"}`, {
        method: hostile.raw.method,
        headers: hostile.raw.headers,
        ...(hostile.raw.body !== undefined ? { body: hostile.raw.body } : {}),
      })
    : new Request("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
        body: JSON.stringify({ query: hostile.query, variables: hostile.variables ?? {} }),
      });
  const response = await api.fetch(request);
  return { status: response.status, body: await response.text() };
}

describe("hostile GraphQL documents", () => {
  it("the corpus has at least 60 documents", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CORPUS.map((h) => h.name)).size).toBe(CORPUS.length);
  });

  let countsBefore = "";
  beforeAll(async () => {
    const counts = await prisma.$queryRaw<
      { c: bigint }[]
    >`select (select count(*) from "Claim") + (select count(*) from "Article") + (select count(*) from "Entity") as c`;
    countsBefore = String(counts[0]?.c);
  });

  it.each(CORPUS)("$name", async (hostile) => {
    const memoryBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const { status, body } = await send(hostile);
    const elapsed = performance.now() - started;
    const memoryGrowth = process.memoryUsage().heapUsed - memoryBefore;
    expect(elapsed, `answered in ${elapsed.toFixed(0)} ms`).toBeLessThan(TIME_LIMIT_MS);
    expect(memoryGrowth, `heap grew by ${(memoryGrowth / 1e6).toFixed(1)} MB`).toBeLessThan(
      MEMORY_LIMIT_BYTES,
    );
    expect(status, body.slice(0, 300)).toBeLessThan(500);
    const parsed = (() => {
      try {
        return JSON.parse(body) as {
          errors?: { message: string }[];
          data?: Record<string, { __typename?: string } | null>;
        };
      } catch {
        return null;
      }
    })();
    // Nothing internal leaks: no stack traces, no SQL.
    expect(body).not.toMatch(/\bat .+\.(ts|js):\d+|PrismaClient|pg_catalog|syntax error at or near/);
    if (hostile.expect === "refused") {
      const refused =
        status >= 400 ||
        (parsed?.errors?.length ?? 0) > 0 ||
        Object.values(parsed?.data ?? {}).some((value) => value?.__typename === "NotAuthorizedError");
      expect(refused, `not refused: ${body.slice(0, 300)}`).toBe(true);
      const message = parsed?.errors?.[0]?.message ?? body;
      expect(message.length, "a refusal says why").toBeGreaterThan(5);
    }
  });

  it("left the data as it was", async () => {
    const counts = await prisma.$queryRaw<
      { c: bigint }[]
    >`select (select count(*) from "Claim") + (select count(*) from "Article") + (select count(*) from "Entity") as c`;
    expect(String(counts[0]?.c)).toBe(countsBefore);
  });
});
