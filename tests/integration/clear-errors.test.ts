import { describe, expect, it } from "vitest";
import { CSRF_HEADER, createApi } from "../../apps/api/src/server/yoga.ts";
import { type GraphQLResponse, TEST_ROLE_HEADER, testApi, testApiAs } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { globalId, useFixtureCorpus } from "../support/fixtures.ts";
import { recordingLogger } from "../support/recording-logger.ts";

const prisma = testPrisma();
const { query } = testApi(prisma);
const corpus = useFixtureCorpus(prisma);

const EDITOR = { [TEST_ROLE_HEADER]: "editor" };
const b64 = (text: string) => Buffer.from(text).toString("base64");

function expectBadInput(result: GraphQLResponse, pattern: RegExp) {
  expect(result.errors?.length, JSON.stringify(result)).toBeGreaterThan(0);
  for (const error of result.errors ?? []) {
    expect(error.extensions?.code, JSON.stringify(result)).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(pattern);
  }
}

describe("a NUL character in any string argument is the client's error", () => {
  const claim = () => globalId("Claim", corpus.claims.pentagon10k);
  const cases: [string, string, () => Record<string, unknown>, Record<string, string>][] = [
    [
      "login (variables)",
      `mutation ($e: String!) { login(email: $e, password: "some password") { __typename } }`,
      () => ({ e: "a\u0000@example.org" }),
      {},
    ],
    [
      "login (literal)",
      `mutation { login(email: "a\\u0000b@example.org", password: "x") { __typename } }`,
      () => ({}),
      {},
    ],
    ["search", `query ($q: String!) { search(query: $q) { __typename } }`, () => ({ q: "troops\u0000" }), {}],
    [
      "claims filter",
      `query ($f: ClaimFilter) { claims(filter: $f) { totalCount } }`,
      () => ({ f: { search: "\u0000killed" } }),
      {},
    ],
    [
      "entities",
      `query ($q: String) { entities(filter: { search: $q }) { totalCount } }`,
      () => ({ q: "Ukr\u0000aine" }),
      {},
    ],
    [
      "an edit",
      `mutation ($id: ID!) { updateClaim(id: $id, expectedVersion: 1, patch: { subject: "sol\\u0000diers" }) { __typename } }`,
      () => ({ id: claim() }),
      EDITOR,
    ],
    [
      "an edit's note (nested in a list)",
      `mutation ($id: ID!, $n: String) { updateClaim(id: $id, expectedVersion: 1, patch: { subject: "x" }, note: $n) { __typename } }`,
      () => ({ id: claim(), n: "why\u0000" }),
      EDITOR,
    ],
  ];
  it.each(cases)("%s", async (_name, document, variables, headers) => {
    const before = await prisma.auditEvent.count();
    expectBadInput(await query(document, variables(), headers), /NUL/);
    expect(await prisma.auditEvent.count()).toBe(before);
  });
});

describe("a lone surrogate in a stored string", () => {
  // UTF-8 cannot hold half of a UTF-16 pair: the text columns store U+FFFD, and the audit row must agree.
  it("is stored as U+FFFD in the row and in its audit, never an unexpected error", async () => {
    const { query: asEditor } = await testApiAs(prisma, {
      email: "surrogates@example.org",
      role: "editor",
      password: "the editor's long password",
    });
    const id = corpus.claims.rejected50k;
    const { version } = await prisma.claim.findUniqueOrThrow({ where: { id } });
    const edit = await asEditor<{ updateClaim: { __typename: string } }>(
      `mutation ($id: ID!, $v: Int!, $s: String, $n: String) {
        updateClaim(id: $id, expectedVersion: $v, patch: { subject: $s, valueLow: 50000, valueHigh: 50000 }, note: $n) { __typename ... on ValidationError { message fieldErrors { path message } } }
      }`,
      { id: globalId("Claim", id), v: version, s: "sol\ud800diers", n: "half a pair \udc00" },
    );
    expect(edit.data?.updateClaim.__typename, JSON.stringify(edit)).toBe("ClaimMutationSuccess");
    expect((await prisma.claim.findUniqueOrThrow({ where: { id } })).subject).toBe("sol\uFFFDdiers");
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { subjectType: "Claim", subjectId: id },
      orderBy: { id: "desc" },
    });
    expect(JSON.stringify(audit.after)).toContain("sol\uFFFDdiers");

    const entity = globalId("Entity", corpus.entities.pentagon);
    const alias = await asEditor(
      `mutation ($id: ID!, $name: String!) { addEntityAlias(id: $id, name: $name) { __typename } }`,
      { id: entity, name: "Penta\udbffgon" },
    );
    expect(JSON.stringify(alias)).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error/);
  });
});

describe("names too long to be names", () => {
  const long = Array.from({ length: 600 }, (_, i) => `Word${i.toString(36)}`).join(" ");
  it.each([
    [
      "renameEntity",
      `mutation ($id: ID!, $n: String!) { renameEntity(id: $id, expectedVersion: 1, name: $n) { __typename ... on ValidationError { message fieldErrors { path message } } } }`,
    ],
    [
      "addEntityAlias",
      `mutation ($id: ID!, $n: String!) { addEntityAlias(id: $id, name: $n) { __typename ... on ValidationError { message fieldErrors { path message } } } }`,
    ],
  ])("%s refuses one with a ValidationError", async (field, document) => {
    const id = globalId("Entity", corpus.entities.pentagon);
    const before = await prisma.auditEvent.count();
    const result = await query<Record<string, { __typename: string; message?: string }>>(
      document,
      { id, n: long },
      EDITOR,
    );
    expect(result.data?.[field]?.__typename, JSON.stringify(result)).toBe("ValidationError");
    expect(result.data?.[field]?.message).toMatch(/characters/);
    expect(await prisma.auditEvent.count()).toBe(before);
  });
});

describe("impossible IDs and dates", () => {
  const huge = ["99999999999999999999", "1e400", "9007199254740993", "-1", "0", "1.5", "", "NaN", "0x10"];
  it.each(huge)("a Claim ID of %j", async (number) => {
    const id = b64(`Claim:${number}`);
    const node = await query(`query ($id: ID!) { node(id: $id) { id } }`, { id });
    // Either no such object (null) or a clear refusal; never an unexpected error.
    expect(JSON.stringify(node)).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error/);
    const history = await query(`query ($id: ID!) { history(subject: $id) { action } }`, { id });
    expectBadInput(history, /ID/);
    const edit = await query(
      `mutation ($id: ID!) { updateClaim(id: $id, expectedVersion: 1, patch: { subject: "x" }) { __typename } }`,
      { id },
      EDITOR,
    );
    expect(JSON.stringify(edit)).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error/);
  });

  it.each(["2024-02-30", "2024-13-45", "0000-00-00", "yesterday", "2023-02-29", "+02024-01-01"])(
    "the Date %j",
    async (date) => {
      for (const [document, variables] of [
        [`query ($d: Date) { claims(filter: { statedFrom: $d }) { totalCount } }`, { d: date }],
        [`query { claims(filter: { statedFrom: "${date}" }) { totalCount } }`, {}],
      ] as const) {
        const result = await query(document, variables);
        expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result)).toBe("BAD_USER_INPUT");
        expect(result.errors?.[0]?.message).toMatch(/date/i);
      }
    },
  );
});

describe("errors outside resolvers and account audits", () => {
  it("an unexpected error raised outside a resolver is logged with its cause and the request id", async () => {
    const { logger, lines } = recordingLogger("info");
    const api = createApi({
      prisma,
      logger,
      authenticate: async () => {
        throw new Error("session store exploded");
      },
    });
    const response = await api.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1", "x-request-id": "req-outside-1" },
      body: JSON.stringify({ query: "{ me { email } }" }),
    });
    const body = await response.text();
    expect(body).not.toContain("session store exploded");
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const entry = logged.find((line) => JSON.stringify(line).includes("session store exploded"));
    expect(entry, lines.join("")).toBeDefined();
    expect(entry?.requestId).toBe("req-outside-1");
    expect(body).toContain("req-outside-1");
  });

  it("createUser through the API is audited with the admin who made the account", async () => {
    const { user: admin, query: asAdmin } = await testApiAs(prisma, {
      email: "maker@example.org",
      role: "admin",
      password: "the admin's long password",
    });
    const result = await asAdmin<{ createUser: { __typename: string } }>(
      `mutation { createUser(email: "made@example.org", role: EDITOR) { __typename } }`,
    );
    expect(result.errors, JSON.stringify(result)).toBeUndefined();
    const made = await prisma.user.findUniqueOrThrow({ where: { email: "made@example.org" } });
    const audit = await prisma.auditEvent.findFirst({ where: { subjectType: "User", subjectId: made.id } });
    expect(audit?.actorId).toBe(admin.id);
    expect(audit?.action).toMatch(/user\.create/);
  });
});
