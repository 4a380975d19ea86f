import { Writable } from "node:stream";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { CSRF_HEADER, createApi } from "../../apps/api/src/server/yoga.ts";
import { createUser } from "../../apps/api/src/users/users.ts";
import { testDatabaseUrl, testPrisma } from "../support/database.ts";
import { loadSeeds } from "../support/seeds.ts";

const prisma = testPrisma();
const pool = createPool(testDatabaseUrl(), { max: 4 });
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(chunk.toString());
    done();
  },
});
const api = createApi({ prisma, pool, logger: pino({ level: "debug" }, logStream) });
const responses: string[] = [];
const tokens: string[] = [];

const PASSWORDS = {
  viewer: "viewer password long enough",
  editor: "editor password long enough",
  admin: "admin password long enough!",
  other: "second editor password ok",
};

interface Result<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function gql<T = Record<string, unknown>>(
  document: string,
  variables: Record<string, unknown> = {},
  cookie?: string,
): Promise<Result<T> & { setCookie: string | null; status: number }> {
  const response = await api.fetch("http://localhost/graphql", {
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
    ...(JSON.parse(text) as Result<T>),
    setCookie: response.headers.get("set-cookie"),
    status: response.status,
  };
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

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
let cookies: Record<"viewer" | "editor" | "admin" | "other", string>;

beforeAll(async () => {
  await loadSeeds();
  await createUser(prisma, { email: "viewer@example.org", role: "viewer", password: PASSWORDS.viewer });
  await createUser(prisma, { email: "editor@example.org", role: "editor", password: PASSWORDS.editor });
  await createUser(prisma, { email: "admin@example.org", role: "admin", password: PASSWORDS.admin });
  await createUser(prisma, { email: "other@example.org", role: "editor", password: PASSWORDS.other });
  cookies = {
    viewer: await signIn("viewer@example.org", PASSWORDS.viewer),
    editor: await signIn("editor@example.org", PASSWORDS.editor),
    admin: await signIn("admin@example.org", PASSWORDS.admin),
    other: await signIn("other@example.org", PASSWORDS.other),
  };
});
afterAll(async () => {
  await pool.end();
  await prisma.$disconnect();
});

/** A checksum of every row of every table the mutations can touch (sessions and sign-ins left out). */
async function fingerprint(): Promise<string> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const parts: string[] = [];
    for (const table of [
      "Article",
      "Claim",
      "Appearance",
      "AppearanceVia",
      "Entity",
      "EntityAlias",
      "EntityMention",
      "MergeJudgement",
      "User",
      "AuditEvent",
    ]) {
      const { rows } = await client.query(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as f from "${table}" t`,
      );
      parts.push(`${table}:${rows[0].f}`);
    }
    return parts.join(",");
  } finally {
    await client.end();
  }
}

async function anyClaim() {
  return prisma.claim.findFirstOrThrow({ where: { deletedAt: null }, orderBy: { id: "asc" } });
}

function mutations(ids: {
  claim: string;
  version: number;
  article: string;
  articleVersion: number;
  entity: string;
  entityVersion: number;
  other: string;
  suggestion: string;
}): [string, string][] {
  const { claim, version, article, articleVersion, entity, entityVersion, other, suggestion } = ids;
  return [
    [
      "updateClaim",
      `mutation { updateClaim(id: "${claim}", expectedVersion: ${version}, patch: { subject: "edited" }) { __typename } }`,
    ],
    [
      "reviewClaim",
      `mutation { reviewClaim(id: "${claim}", expectedVersion: ${version}, status: VERIFIED) { __typename } }`,
    ],
    ["deleteClaim", `mutation { deleteClaim(id: "${claim}", expectedVersion: ${version}) { __typename } }`],
    ["restoreClaim", `mutation { restoreClaim(id: "${claim}", expectedVersion: ${version}) { __typename } }`],
    [
      "createClaim",
      `mutation { createClaim(input: { article: "${article}", start: 0, end: 5, quote: "xxxxx", metric: DEPLOYED, subject: "troops", qualifier: EXACT, valueLow: 1, valueHigh: 1 }) { __typename } }`,
    ],
    [
      "renameEntity",
      `mutation { renameEntity(id: "${entity}", expectedVersion: ${entityVersion}, name: "Renamed") { __typename } }`,
    ],
    ["addEntityAlias", `mutation { addEntityAlias(id: "${entity}", name: "Another name") { __typename } }`],
    [
      "removeEntityAlias",
      `mutation { removeEntityAlias(id: "${entity}", name: "Another name") { __typename } }`,
    ],
    [
      "setEntityAffiliation",
      `mutation { setEntityAffiliation(id: "${entity}", expectedVersion: ${entityVersion}, affiliation: null) { __typename } }`,
    ],
    ["mergeEntities", `mutation { mergeEntities(keep: "${entity}", merge: "${other}") { __typename } }`],
    ["undoMerge", `mutation { undoMerge(judgement: "${suggestion}") { __typename } }`],
    [
      "judgeMergeSuggestion",
      `mutation { judgeMergeSuggestion(suggestion: "${suggestion}", verdict: DIFFERENT) { __typename } }`,
    ],
    [
      "correctArticle",
      `mutation { correctArticle(id: "${article}", expectedVersion: ${articleVersion}, patch: { title: "Corrected" }) { __typename } }`,
    ],
    [
      "ingestArticle",
      `mutation { ingestArticle(input: { text: "Head\\n\\nAbout 500 troops arrived, officials said.", dryRun: true }) { __typename } }`,
    ],
    ["createUser", `mutation { createUser(email: "new@example.org", role: EDITOR) { __typename } }`],
    ["setUserRole", `mutation { setUserRole(email: "viewer@example.org", role: ADMIN) { __typename } }`],
  ];
}

async function mutationIds() {
  const claim = await anyClaim();
  const article = await prisma.article.findFirstOrThrow({ orderBy: { id: "asc" } });
  const suggestion = await prisma.mergeJudgement.findFirstOrThrow({
    where: { verdict: "unsure", origin: "machine" },
  });
  const entity = await prisma.entity.findUniqueOrThrow({ where: { id: suggestion.keepId } });
  return {
    claim: gid("Claim", claim.id),
    version: claim.version,
    article: gid("Article", article.id),
    articleVersion: article.version,
    entity: gid("Entity", entity.id),
    entityVersion: entity.version,
    other: gid("Entity", suggestion.mergeId),
    suggestion: Buffer.from(`MergeSuggestion:${suggestion.id}`).toString("base64"),
  };
}

describe("authorisation", () => {
  it("every mutation refuses an anonymous caller and a viewer, and changes nothing", async () => {
    const before = await fingerprint();
    const list = mutations(await mutationIds());
    expect(list.length).toBe(16);
    for (const who of [undefined, cookies.viewer]) {
      for (const [name, document] of list) {
        const result = await gql<Record<string, { __typename: string }>>(document, {}, who);
        expect(result.data?.[name]?.__typename, `${name} as ${who ? "viewer" : "anonymous"}`).toBe(
          "NotAuthorizedError",
        );
      }
    }
    expect(await fingerprint()).toBe(before);
  });

  it("editors may edit; user management is for admins only; an editor cannot make anyone an admin", async () => {
    const list = mutations(await mutationIds());
    const editorOnly = list.filter(
      ([name]) =>
        !["createUser", "setUserRole", "undoMerge", "mergeEntities", "deleteClaim", "restoreClaim"].includes(
          name,
        ),
    );
    for (const [name, document] of editorOnly) {
      const result = await gql<Record<string, { __typename: string }>>(document, {}, cookies.editor);
      expect(result.data?.[name]?.__typename, name).not.toBe("NotAuthorizedError");
      expect(result.errors, name).toBeUndefined();
    }
    for (const [name, document] of list.filter(([name]) => name === "createUser" || name === "setUserRole")) {
      const asEditor = await gql<Record<string, { __typename: string }>>(document, {}, cookies.editor);
      expect(asEditor.data?.[name]?.__typename).toBe("NotAuthorizedError");
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "viewer@example.org" } })).role).toBe(
      "viewer",
    );
    const promote = await gql<{ setUserRole: { __typename: string } }>(
      `mutation { setUserRole(email: "editor@example.org", role: ADMIN) { __typename } }`,
      {},
      cookies.editor,
    );
    expect(promote.data?.setUserRole.__typename).toBe("NotAuthorizedError");
    const created = await gql<{ createUser: { __typename: string; password: string | null } }>(
      `mutation { createUser(email: "made-by-admin@example.org", role: VIEWER) { __typename ... on CreateUserSuccess { password } } }`,
      {},
      cookies.admin,
    );
    expect(created.data?.createUser.__typename).toBe("CreateUserSuccess");
    expect(created.data?.createUser.password).toMatch(/^\w{20}$/);
  });
});

describe("concurrent edits", () => {
  it("50 concurrent updateClaim calls with the same version: 1 success, 49 ConflictErrors, 1 audit event", async () => {
    const claim = await prisma.claim.findFirstOrThrow({
      where: { deletedAt: null },
      orderBy: { id: "desc" },
    });
    const document = `mutation ($id: ID!, $v: Int!, $s: String!) {
      updateClaim(id: $id, expectedVersion: $v, patch: { subject: $s }, note: "race") {
        __typename
        ... on ClaimMutationSuccess { claim { version subject } }
        ... on ConflictError { currentVersion currentClaim { version subject } }
      }
    }`;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        gql<{ updateClaim: { __typename: string; claim?: { subject: string }; currentVersion?: number } }>(
          document,
          { id: gid("Claim", claim.id), v: claim.version, s: `subject ${i}` },
          i % 2 ? cookies.editor : cookies.other,
        ),
      ),
    );
    const kinds = results.map((r) => r.data?.updateClaim.__typename);
    expect(kinds.filter((k) => k === "ClaimMutationSuccess")).toHaveLength(1);
    expect(kinds.filter((k) => k === "ConflictError")).toHaveLength(49);
    const winner = results.find((r) => r.data?.updateClaim.__typename === "ClaimMutationSuccess");
    const stored = await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(stored.subject).toBe(winner?.data?.updateClaim.claim?.subject);
    expect(stored.version).toBe(claim.version + 1);
    for (const loser of results.filter((r) => r.data?.updateClaim.__typename === "ConflictError")) {
      expect(loser.data?.updateClaim.currentVersion).toBe(claim.version + 1);
    }
    expect(
      await prisma.auditEvent.count({
        where: { subjectType: "Claim", subjectId: claim.id, action: "claim.update" },
      }),
    ).toBe(1);
  });

  it("a stale version is refused with the current claim, never overwritten", async () => {
    const claim = await anyClaim();
    const first = await gql<{ updateClaim: { __typename: string } }>(
      `mutation { updateClaim(id: "${gid("Claim", claim.id)}", expectedVersion: ${claim.version}, patch: { hedge: "mine" }) { __typename } }`,
      {},
      cookies.editor,
    );
    expect(first.data?.updateClaim.__typename).toBe("ClaimMutationSuccess");
    const stale = await gql<{ updateClaim: { __typename: string; currentClaim: { hedge: string } } }>(
      `mutation { updateClaim(id: "${gid("Claim", claim.id)}", expectedVersion: ${claim.version}, patch: { hedge: "theirs" }) { __typename ... on ConflictError { currentClaim { hedge } } } }`,
      {},
      cookies.other,
    );
    expect(stale.data?.updateClaim).toEqual({ __typename: "ConflictError", currentClaim: { hedge: "mine" } });
  });

  it("history names the entities a changed source referred to, before and after", async () => {
    const claim = await prisma.claim.findFirstOrThrow({
      where: { deletedAt: null, sourceId: { not: null } },
      orderBy: { id: "desc" },
      include: { source: true },
    });
    const other = await prisma.entity.findFirstOrThrow({
      where: { type: "organization", id: { not: claim.sourceId! }, mergedIntoId: null },
      orderBy: { id: "asc" },
    });
    const edit = await gql<{ updateClaim: { __typename: string } }>(
      `mutation ($id: ID!, $v: Int!, $s: ID) { updateClaim(id: $id, expectedVersion: $v, patch: { source: $s }) { __typename } }`,
      { id: gid("Claim", claim.id), v: claim.version, s: gid("Entity", other.id) },
      cookies.editor,
    );
    expect(edit.data?.updateClaim.__typename).toBe("ClaimMutationSuccess");
    const trail = await gql<{
      history: {
        action: string;
        changes: {
          field: string;
          before: string;
          after: string;
          beforeEntities: { id: string; name: string }[];
          afterEntities: { id: string; name: string }[];
        }[];
      }[];
    }>(
      `query ($id: ID!) { history(subject: $id) { action changes { field before after beforeEntities { id name } afterEntities { id name } } } }`,
      { id: gid("Claim", claim.id) },
    );
    const change = trail.data?.history[0]?.changes.find((c) => c.field === "sourceId");
    expect(change).toEqual({
      field: "sourceId",
      before: String(claim.sourceId),
      after: String(other.id),
      beforeEntities: [{ id: gid("Entity", claim.sourceId!), name: claim.source!.name }],
      afterEntities: [{ id: gid("Entity", other.id), name: other.name }],
    });
    // A field that holds no entity names none.
    const plain = await gql<{
      history: { changes: { beforeEntities: unknown[]; afterEntities: unknown[] }[] }[];
    }>(
      `query ($id: ID!) { history(subject: $id) { changes { field beforeEntities { id } afterEntities { id } } } }`,
      { id: gid("Claim", claim.id) },
    );
    expect(
      plain.data?.history[0]?.changes.filter((c) => c.beforeEntities.length || c.afterEntities.length),
    ).toHaveLength(1);
  });

  it("history names a relay chain's entities in order, before and after", async () => {
    const appearance = await prisma.appearance.findFirstOrThrow({
      where: { claim: { deletedAt: null } },
      orderBy: { id: "asc" },
      include: { claim: true, via: { orderBy: { position: "asc" }, include: { entity: true } } },
    });
    const relays = await prisma.entity.findMany({
      where: { type: "organization", mergedIntoId: null },
      orderBy: { id: "asc" },
      take: 2,
    });
    const edit = await gql<{ updateClaim: { __typename: string } }>(
      `mutation ($id: ID!, $v: Int!, $via: [RelayChainPatch!]) {
        updateClaim(id: $id, expectedVersion: $v, patch: { via: $via }) { __typename }
      }`,
      {
        id: gid("Claim", appearance.claimId),
        v: appearance.claim.version,
        via: [
          { appearance: gid("Appearance", appearance.id), entities: relays.map((e) => gid("Entity", e.id)) },
        ],
      },
      cookies.editor,
    );
    expect(edit.data?.updateClaim.__typename).toBe("ClaimMutationSuccess");
    const trail = await gql<{
      history: {
        changes: { field: string; beforeEntities: { name: string }[]; afterEntities: { name: string }[] }[];
      }[];
    }>(
      `query ($id: ID!) { history(subject: $id) { changes { field beforeEntities { name } afterEntities { name } } } }`,
      { id: gid("Claim", appearance.claimId) },
    );
    const change = trail.data?.history[0]?.changes.find((c) => c.field === `via:${appearance.id}`);
    expect(change?.beforeEntities.map((e) => e.name)).toEqual(appearance.via.map((link) => link.entity.name));
    expect(change?.afterEntities.map((e) => e.name)).toEqual(relays.map((e) => e.name));
  });

  it("an invalid patch comes back as field errors and changes nothing", async () => {
    const claim = await anyClaim();
    const result = await gql<{
      updateClaim: { __typename: string; fieldErrors: { path: string[]; message: string }[] };
    }>(
      `mutation { updateClaim(id: "${gid("Claim", claim.id)}", expectedVersion: ${claim.version}, patch: { qualifier: UP_TO, valueLow: 5, valueHigh: 3 }) { __typename ... on ValidationError { fieldErrors { path message } } } }`,
      {},
      cookies.editor,
    );
    expect(result.data?.updateClaim.__typename).toBe("ValidationError");
    expect(result.data?.updateClaim.fieldErrors.length).toBeGreaterThan(0);
    expect(await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).toEqual(claim);
  });
});

describe("ingestArticle", () => {
  it("previews without storing, stores once, and reports the same text as unchanged", async () => {
    const text =
      "Border report\n\nThe defence ministry said on Monday that about 2,300 soldiers had moved to the border region.";
    const document = `mutation ($text: String!, $dry: Boolean) {
      ingestArticle(input: { text: $text, outlet: "Example Wire", publishedAt: "2026-01-05", precision: DAY, dryRun: $dry }) {
        __typename
        ... on IngestArticleSuccess { outcome article { title } claims { display quote } }
      }
    }`;
    const before = await prisma.article.count();
    const preview = await gql<{
      ingestArticle: { outcome: string; article: null; claims: { display: string }[] };
    }>(document, { text, dry: true }, cookies.editor);
    expect(preview.data?.ingestArticle).toMatchObject({ outcome: "PREVIEW", article: null });
    expect(preview.data?.ingestArticle.claims.map((c) => c.display)).toContain("about 2,300");
    expect(await prisma.article.count()).toBe(before);
    const saved = await gql<{ ingestArticle: { outcome: string; article: { title: string } } }>(
      document,
      { text },
      cookies.editor,
    );
    expect(saved.data?.ingestArticle).toMatchObject({ outcome: "NEW", article: { title: "Border report" } });
    const again = await gql<{ ingestArticle: { outcome: string } }>(document, { text }, cookies.editor);
    expect(again.data?.ingestArticle.outcome).toBe("UNCHANGED");
    expect(await prisma.article.count()).toBe(before + 1);
    const bad = await gql<{ ingestArticle: { __typename: string } }>(
      `mutation { ingestArticle(input: { text: "x", html: "<p>y</p>" }) { __typename } }`,
      {},
      cookies.editor,
    );
    expect(bad.data?.ingestArticle.__typename).toBe("ValidationError");
  });
});

describe("soft delete through the API", () => {
  it("a deleted claim is gone from claims, claimSeries and article appearances, and back after restore", async () => {
    const appearance = await prisma.appearance.findFirstOrThrow({
      where: { claim: { deletedAt: null, reviewStatus: { not: "rejected" }, statedOn: { not: null } } },
      include: { claim: true },
    });
    const claimId = gid("Claim", appearance.claimId);
    const articleId = gid("Article", appearance.articleId);
    const visible = async () => {
      const result = await gql<{
        claims: { edges: { node: { id: string } }[] };
        claimSeries: { series: { points: { claimId: string }[] }[] };
        node: { appearances: { edges: { node: { claim: { id: string } } }[] } };
      }>(
        `query ($a: ID!) {
          claims(first: 100) { edges { node { id } } }
          claimSeries(groupBy: SOURCE) { series { points { claimId } } }
          node(id: $a) { ... on Article { appearances { totalCount edges { node { claim { id } } } } } }
        }`,
        { a: articleId },
      );
      expect(result.errors).toBeUndefined();
      return {
        inClaims: result.data?.claims.edges.some((edge) => edge.node.id === claimId),
        inSeries: result.data?.claimSeries.series.some((s) => s.points.some((p) => p.claimId === claimId)),
        inArticle: result.data?.node.appearances.edges.some((edge) => edge.node.claim.id === claimId),
      };
    };
    expect(await visible()).toEqual({ inClaims: true, inSeries: true, inArticle: true });
    const current = await prisma.claim.findUniqueOrThrow({ where: { id: appearance.claimId } });
    const deleted = await gql<{ deleteClaim: { __typename: string; claim: { version: number } } }>(
      `mutation { deleteClaim(id: "${claimId}", expectedVersion: ${current.version}, note: "duplicate") { __typename ... on ClaimMutationSuccess { claim { version } } } }`,
      {},
      cookies.editor,
    );
    expect(deleted.data?.deleteClaim.__typename).toBe("ClaimMutationSuccess");
    expect(await visible()).toEqual({ inClaims: false, inSeries: false, inArticle: false });
    // node(id): nothing for readers (not an error), the deleted claim for editors.
    const byId = `{ node(id: "${claimId}") { id ... on Claim { deletedAt } } }`;
    const asReader = await gql<{ node: unknown }>(byId);
    expect(asReader.errors).toBeUndefined();
    expect(asReader.data?.node).toBeNull();
    const asEditor = await gql<{ node: { id: string; deletedAt: string | null } }>(byId, {}, cookies.editor);
    expect(asEditor.errors).toBeUndefined();
    expect(asEditor.data?.node.id).toBe(claimId);
    expect(asEditor.data?.node.deletedAt).not.toBeNull();
    const restored = await gql<{ restoreClaim: { __typename: string } }>(
      `mutation { restoreClaim(id: "${claimId}", expectedVersion: ${deleted.data?.deleteClaim.claim.version}) { __typename } }`,
      {},
      cookies.editor,
    );
    expect(restored.data?.restoreClaim.__typename).toBe("ClaimMutationSuccess");
    expect(await visible()).toEqual({ inClaims: true, inSeries: true, inArticle: true });
  });
});

describe("merge and undo through the API", () => {
  it("leaves every affected row exactly as before", async () => {
    const suggestion = await prisma.mergeJudgement.findFirstOrThrow({
      where: { verdict: "unsure", origin: "machine", resolvedAt: null },
      orderBy: { id: "desc" },
    });
    const before = await fingerprint();
    const merged = await gql<{ mergeEntities: { __typename: string; judgement: { id: string } } }>(
      `mutation { mergeEntities(keep: "${gid("Entity", suggestion.keepId)}", merge: "${gid("Entity", suggestion.mergeId)}") { __typename ... on MergeMutationSuccess { judgement { id } } } }`,
      {},
      cookies.editor,
    );
    expect(merged.data?.mergeEntities.__typename).toBe("MergeMutationSuccess");
    const undone = await gql<{ undoMerge: { __typename: string } }>(
      `mutation { undoMerge(judgement: "${merged.data?.mergeEntities.judgement.id}") { __typename } }`,
      {},
      cookies.editor,
    );
    expect(undone.data?.undoMerge.__typename).toBe("MergeMutationSuccess");
    // Only the judgement and audit rows are new; every entity, alias, mention, claim and link is as before.
    const after = await fingerprint();
    const strip = (f: string) => f.split(",").filter((part) => !/^(MergeJudgement|AuditEvent):/.test(part));
    expect(strip(after)).toEqual(strip(before));
  });
});

describe("sessions and sign-in", () => {
  it("answers the same for an unknown account and a wrong password, then throttles", async () => {
    const attempt = (email: string, password: string) =>
      gql<{ login: { __typename: string; message: string } }>(
        `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on Error { message } } }`,
        { e: email, p: password },
      );
    const unknown = await attempt("nobody@example.org", "some password here");
    const wrong = await attempt("viewer@example.org", "not the password at all");
    expect(unknown.data).toEqual(wrong.data);
    expect(unknown.setCookie).toBeNull();
    for (let i = 0; i < 5; i++) await attempt("viewer@example.org", `wrong guess ${i}`);
    const throttled = await attempt("viewer@example.org", PASSWORDS.viewer);
    expect(throttled.data?.login.__typename).toBe("TooManyAttemptsError");
  });

  it("refuses a logged-out session and an expired one", async () => {
    const cookie = await signIn("other@example.org", PASSWORDS.other);
    const me = await gql<{ me: { email: string } | null }>("{ me { email } }", {}, cookie);
    expect(me.data?.me?.email).toBe("other@example.org");
    const out = await gql<{ logout: boolean }>("mutation { logout }", {}, cookie);
    expect(out.data?.logout).toBe(true);
    expect(out.setCookie).toMatch(/hc_session=;.*Max-Age=0/);
    expect((await gql<{ me: null }>("{ me { email } }", {}, cookie)).data?.me).toBeNull();

    const second = await signIn("other@example.org", PASSWORDS.other);
    await prisma.session.updateMany({
      where: { revokedAt: null, user: { email: "other@example.org" } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await gql<{ me: null }>("{ me { email } }", {}, second)).data?.me).toBeNull();
  });

  it("sets the session cookie HttpOnly and SameSite=Lax, and Secure over HTTPS", async () => {
    const response = await api.fetch("https://headcount.example/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1", "x-forwarded-for": "192.0.2.11" },
      body: JSON.stringify({
        query: `mutation { login(email: "admin@example.org", password: "${PASSWORDS.admin}") { __typename } }`,
      }),
    });
    const cookie = response.headers.get("set-cookie") ?? "";
    tokens.push(cookie.split(";")[0]?.split("=")[1] ?? "");
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(cookies.editor).not.toMatch(/Secure/);
  });

  it("refuses a cross-site form POST", async () => {
    const before = await fingerprint();
    const claim = await anyClaim();
    const body = new URLSearchParams({
      query: `mutation { updateClaim(id: "${gid("Claim", claim.id)}", expectedVersion: ${claim.version}, patch: { subject: "csrf" }) { __typename } }`,
    });
    const response = await api.fetch("http://localhost/graphql", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookies.editor,
        origin: "https://evil.example",
      },
      body,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await fingerprint()).toBe(before);
  });

  it("no password, password hash or session token appears in the logs or any response", async () => {
    const hashes = (await prisma.user.findMany({ select: { passwordHash: true } })).map(
      (user) => user.passwordHash,
    );
    const tokenHashes = (await prisma.session.findMany({ select: { tokenHash: true } })).map(
      (s) => s.tokenHash,
    );
    const secrets = [...Object.values(PASSWORDS), ...hashes, ...tokens.filter(Boolean), ...tokenHashes];
    expect(secrets.length).toBeGreaterThan(8);
    const everything = [...logLines, ...responses].join("\n");
    expect(logLines.length + responses.length).toBeGreaterThan(50);
    for (const secret of secrets) expect(everything.includes(secret), "a secret leaked").toBe(false);
  });
});
