import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../apps/api/src/auth/sessions.ts";
import { CSRF_HEADER } from "../../apps/api/src/server/yoga.ts";
import { createUser } from "../../apps/api/src/users/users.ts";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { createFixtureCorpus, type FixtureCorpus, globalId } from "../support/fixtures.ts";

const prisma = testPrisma();
let editorId = 0;
// Edits are audited under a real user; this API takes the test header's word for who it is.
const { query } = testApi(prisma, {
  authenticate: async (request) =>
    request.headers.get("x-test-role") === "editor"
      ? { id: editorId, email: "editor@example.org", role: "editor" }
      : null,
});
// The real session check, as `npm start` serves it.
const withSessions = testApi(prisma, { authenticate: undefined });
let corpus: FixtureCorpus;

beforeAll(async () => {
  corpus = await createFixtureCorpus(prisma);
  editorId = (await createUser(prisma, { email: "editor@example.org", role: "editor" })).id;
});
afterAll(() => prisma.$disconnect());

const EDITOR = { "x-test-role": "editor" };

describe("nodes(ids)", () => {
  it("returns each node in the order given, across types, with null for an unknown id", async () => {
    const articles = await prisma.article.findMany({ orderBy: { id: "asc" }, take: 3 });
    expect(articles).toHaveLength(3);
    const claim = await prisma.claim.findFirstOrThrow({
      where: { deletedAt: null },
      orderBy: { id: "desc" },
    });
    const entity = corpus.entities.pentagon;
    const ids = [
      globalId("Article", articles[2]!.id),
      globalId("Article", articles[0]!.id),
      globalId("Claim", claim.id),
      globalId("Article", 99_999_999),
      globalId("Entity", entity),
      globalId("Article", articles[1]!.id),
    ];
    const result = await query<{ nodes: ({ id: string } | null)[] }>(
      "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }",
      { ids },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.nodes.map((node) => node?.id ?? null)).toEqual([
      ids[0],
      ids[1],
      ids[2],
      null,
      ids[4],
      ids[5],
    ]);
  });
});

describe("session cookies", () => {
  for (const cookie of [
    `${SESSION_COOKIE}=%E0%A4%A`,
    `${SESSION_COOKIE}=%`,
    `${SESSION_COOKIE}=not-a-token`,
    `${SESSION_COOKIE}=`,
    `other=%E0%A4%A; ${SESSION_COOKIE}=%E0%A4%A`,
  ]) {
    it(`treats "${cookie}" as signed out`, async () => {
      const response = await withSessions.api.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", [CSRF_HEADER]: "1", cookie },
        body: JSON.stringify({ query: "{ me { email } articles(first: 1) { totalCount } }" }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        data?: { me: unknown; articles: { totalCount: number } };
        errors?: unknown;
      };
      expect(body.errors).toBeUndefined();
      expect(body.data?.me).toBeNull();
      expect(body.data?.articles.totalCount).toBeGreaterThan(0);
    });
  }
});

describe("Article.version", () => {
  it("is readable, and is the version correctArticle expects", async () => {
    const article = await prisma.article.findFirstOrThrow({ orderBy: { id: "asc" } });
    const id = globalId("Article", article.id);
    const read = await query<{ node: { version: number } }>(
      "query ($id: ID!) { node(id: $id) { ... on Article { version } } }",
      { id },
    );
    expect(read.errors).toBeUndefined();
    const version = read.data?.node.version;
    expect(version).toBe(article.version);
    const corrected = await query<{ correctArticle: { __typename: string } }>(
      `mutation ($id: ID!, $v: Int!) {
        correctArticle(id: $id, expectedVersion: $v, patch: { title: "A corrected headline" }) { __typename }
      }`,
      { id, v: version },
      EDITOR,
    );
    expect(corrected.data?.correctArticle.__typename).toBe("ArticleMutationSuccess");
    const after = await query<{ node: { version: number; title: string } }>(
      "query ($id: ID!) { node(id: $id) { ... on Article { version title } } }",
      { id },
    );
    expect(after.data?.node).toEqual({ version: (version ?? 0) + 1, title: "A corrected headline" });
  });
});

interface History {
  history: {
    action: string;
    changes: {
      field: string;
      before: string | null;
      after: string | null;
      beforeEntities: { name: string }[];
      afterEntities: { name: string }[];
    }[];
  }[];
}
const HISTORY = `query ($id: ID!) { history(subject: $id) {
  action changes { field before after beforeEntities { name } afterEntities { name } } } }`;

describe("merge history", () => {
  it("shows a merge, and its undoing, in the history of both entities, naming them", async () => {
    const keep = globalId("Entity", corpus.entities.zelenskyy);
    const merge = globalId("Entity", corpus.entities.zelenskyDuplicate);
    const merged = await query<{ mergeEntities: { __typename: string; judgement: { id: string } } }>(
      `mutation ($keep: ID!, $merge: ID!) { mergeEntities(keep: $keep, merge: $merge, note: "same person") {
        __typename ... on MergeMutationSuccess { judgement { id } } } }`,
      { keep, merge },
      EDITOR,
    );
    expect(merged.data?.mergeEntities.__typename).toBe("MergeMutationSuccess");

    const kept = await query<History>(HISTORY, { id: keep });
    const keptEntry = kept.data?.history.find((entry) => entry.action === "entity.merge");
    expect(keptEntry, JSON.stringify(kept)).toBeDefined();
    const mergedIn = keptEntry?.changes.find((change) => change.afterEntities.length > 0);
    expect(mergedIn?.afterEntities.map((e) => e.name)).toEqual(["Volodymyr Zelensky"]);

    const gone = await query<History>(HISTORY, { id: merge });
    const goneEntry = gone.data?.history.find((entry) => entry.action === "entity.merge");
    expect(goneEntry, JSON.stringify(gone)).toBeDefined();
    const into = goneEntry?.changes.find((change) => change.field === "mergedIntoId");
    expect(into?.afterEntities.map((e) => e.name)).toEqual(["Volodymyr Zelenskyy"]);

    // No change in either history is a bare database id without the entity it names.
    for (const entry of [...(kept.data?.history ?? []), ...(gone.data?.history ?? [])]) {
      for (const change of entry.changes) {
        for (const [json, entities] of [
          [change.before, change.beforeEntities],
          [change.after, change.afterEntities],
        ] as const) {
          if (json !== null && /^\d+$/.test(json) && !/count|moved/i.test(change.field))
            expect(entities.length, `${entry.action} ${change.field}: ${json}`).toBeGreaterThan(0);
        }
      }
    }

    const undone = await query<{ undoMerge: { __typename: string } }>(
      `mutation ($j: ID!) { undoMerge(judgement: $j) { __typename } }`,
      { j: merged.data?.mergeEntities.judgement.id },
      EDITOR,
    );
    expect(undone.data?.undoMerge.__typename).toBe("MergeMutationSuccess");
    for (const id of [keep, merge]) {
      const trail = await query<History>(HISTORY, { id });
      expect(trail.data?.history[0]?.action, id).toBe("entity.undo_merge");
    }
  });

  it("names the outlet an article correction changed", async () => {
    const article = await prisma.article.findFirstOrThrow({ orderBy: { id: "desc" } });
    const id = globalId("Article", article.id);
    const corrected = await query<{ correctArticle: { __typename: string } }>(
      `mutation ($id: ID!, $v: Int!, $outlet: ID!) {
        correctArticle(id: $id, expectedVersion: $v, patch: { outlet: $outlet }) { __typename }
      }`,
      { id, v: article.version, outlet: globalId("Entity", corpus.entities.yonhap) },
      EDITOR,
    );
    expect(corrected.data?.correctArticle.__typename, JSON.stringify(corrected)).toBe(
      "ArticleMutationSuccess",
    );
    const trail = await query<History>(HISTORY, { id });
    const change = trail.data?.history[0]?.changes.find((c) => c.field === "outletId");
    expect(change?.afterEntities.map((e) => e.name)).toEqual(["Yonhap"]);
  });
});
