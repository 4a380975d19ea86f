import { describe, expect, it } from "vitest";
import { CSRF_HEADER } from "../../apps/api/src/server/yoga.ts";
import { editorsHarness, gid, PASSWORDS } from "../support/editors.ts";

// Who may call which mutation, and how sign-in sessions are kept and refused.
const harness = editorsHarness();
const { prisma, api, gql, signIn, cookies, tokens, fingerprint, anyClaim } = harness;

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
    expect((await harness.secrets()).length).toBeGreaterThan(8);
    expect(harness.logLines.length + harness.responses.length).toBeGreaterThan(50);
    expect(await harness.leakedSecrets(), "a secret leaked").toEqual([]);
  });
});
