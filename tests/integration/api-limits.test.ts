import { getIntrospectionQuery } from "graphql";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { QUERY_LIMITS } from "../../apps/api/src/server/limits.ts";
import { CSRF_HEADER, createApi } from "../../apps/api/src/server/yoga.ts";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { firstPartyQueries, measure } from "../support/first-party-queries.ts";

const prisma = testPrisma();
const { api, query } = testApi(prisma);
afterAll(() => prisma.$disconnect());

describe("query limits", () => {
  it("leave headroom above the most demanding first-party query (GraphiQL examples, dashboard, docs, benchmarks), and let introspection through", () => {
    const firstParty = firstPartyQueries();
    const measured = firstParty.map(({ origin, document }) => ({ origin, ...measure(document) }));
    const deepest = Math.max(...measured.map((m) => m.depth));
    const costliest = Math.max(...measured.map((m) => m.cost));
    expect(measured.length).toBeGreaterThan(20);
    expect(deepest).toBeGreaterThanOrEqual(6);
    expect(deepest + 3).toBeLessThanOrEqual(QUERY_LIMITS.depth);
    expect(costliest * 2).toBeLessThanOrEqual(QUERY_LIMITS.cost);
    expect(measure(getIntrospectionQuery()).cost).toBeLessThanOrEqual(QUERY_LIMITS.cost);
  });

  it("allows introspection", async () => {
    const result = await query(getIntrospectionQuery());
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toContain("claimSeries");
  });

  it("refuses a query nested too deep", async () => {
    let selection = "name";
    for (let level = 0; level < QUERY_LIMITS.depth; level++) selection = `affiliation { ${selection} }`;
    const result = await query(`{ entities(first: 1) { edges { node { ${selection} } } } }`);
    expect(result.errors?.[0]?.message).toMatch(/depth limit/);
    expect(result.data).toBeUndefined();
  });

  it("refuses too many aliases and too many tokens", async () => {
    const aliases = Array.from({ length: QUERY_LIMITS.aliases + 1 }, (_, i) => `a${i}: me { email }`).join(
      " ",
    );
    expect((await query(`{ ${aliases} }`)).errors?.[0]?.message).toMatch(/[Aa]liases limit/);
    const fields = Array.from({ length: QUERY_LIMITS.tokens }, () => "__typename").join(" ");
    expect((await query(`{ ${fields} }`)).errors?.[0]?.message).toMatch(/[Tt]oken limit/);
  });

  it("refuses a costly query", async () => {
    const claimFields =
      "display source { name affiliation { name } } location { name } appearances { totalCount edges { node { quote article { title outlet { name } } via { entity { name aliases { name } } } } } }";
    const aliases = Array.from(
      { length: QUERY_LIMITS.aliases },
      (_, i) => `c${i}: claims(first: 100) { edges { node { ${claimFields} } } }`,
    ).join(" ");
    expect((await query(`{ ${aliases} }`)).errors?.[0]?.message).toMatch(/Cost limit/);
  });

  it("counts a search as the statement over every matching article it is: a few per query, not twenty", async () => {
    const searches = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `s${i}: search(query: "troops ${i}") { rank }`).join(" ")} }`;
    expect((await query(searches(1))).errors).toBeUndefined();
    const refused = await query(searches(3));
    expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(refused)).toBe("QUERY_TOO_COSTLY");
  });

  it("caps every connection at 100 items", async () => {
    for (const field of ["articles", "claims", "entities"]) {
      const result = await query(`{ ${field}(first: 101) { totalCount } }`);
      expect(result.errors?.[0]?.extensions?.code, field).toBe("BAD_USER_INPUT");
    }
  });

  it("refuses a request body over the limit sized for one article's HTML", async () => {
    const response = await api.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ me { email } }`,
        variables: { padding: "x".repeat(QUERY_LIMITS.requestBodyBytes) },
      }),
    });
    expect(response.status).toBe(413);
  });

  it("has batching off", async () => {
    const response = await api.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ me { email } }" }, { query: "{ me { email } }" }]),
    });
    expect(response.status).toBe(400);
  });
});

describe("CSRF prevention", () => {
  it("refuses a GET (a request a browser sends cross-site without preflight) that lacks the CSRF header", async () => {
    const url = `http://localhost/graphql?query=${encodeURIComponent("{ me { email } }")}`;
    const refused = await api.fetch(url, { headers: { accept: "application/json" } });
    expect(refused.status).toBe(403);
    const allowed = await api.fetch(url, { headers: { accept: "application/json", [CSRF_HEADER]: "1" } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { me: null } });
  });

  it("refuses a form-encoded POST without the header", async () => {
    const response = await api.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `query=${encodeURIComponent("{ me { email } }")}`,
    });
    expect(response.status).toBe(403);
  });
});

describe("errors", () => {
  it("calls a malformed cursor or global ID the client's error", async () => {
    const cursor = await query(`{ claims(first: 2, after: "garbage") { totalCount } }`);
    expect(cursor.errors?.[0]).toMatchObject({
      message: "Invalid cursor: garbage",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const id = await query(`{ node(id: "garbage") { id } }`);
    expect(id.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("suggests field names in development but not in production", async () => {
    const typo = `{ claims(first: 1) { edges { node { dispay } } } }`;
    const development = await query(typo);
    expect(development.errors?.[0]?.message).toMatch(/Did you mean "display"/);
    const production = testApi(prisma, { production: true });
    const hidden = await production.query(typo);
    expect(hidden.errors?.[0]?.message).toBeDefined();
    expect(hidden.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it("masks failures (here: no database) and gives the request id to quote", async () => {
    const logged: unknown[] = [];
    const unreachable = createPrismaClient("postgresql://nobody:nothing@127.0.0.1:1/none", { max: 1 });
    const logger = pino({ level: "warn" }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const broken = createApi({ prisma: unreachable, logger });
    const response = await broken.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "req-42" },
      body: JSON.stringify({ query: "{ claims(first: 1) { totalCount } }" }),
    });
    const body = (await response.json()) as {
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(body.errors[0]?.message).toBe("The database is unavailable right now; try again shortly.");
    expect(body.errors[0]?.extensions).toMatchObject({ code: "DATABASE_UNAVAILABLE", requestId: "req-42" });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|prisma/i);
    expect(logged).toContainEqual(expect.objectContaining({ requestId: "req-42" }));
    expect(response.headers.get("x-request-id")).toBe("req-42");
    // Without a usable id from the client, the server makes one and still names it.
    const anonymous = await broken.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "bad id\nwith a newline" },
      body: JSON.stringify({ query: "{ claims(first: 1) { totalCount } }" }),
    });
    const generated = anonymous.headers.get("x-request-id");
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const anonymousBody = (await anonymous.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(anonymousBody.errors[0]?.extensions.requestId).toBe(generated);
    await unreachable.$disconnect();
  });
});
