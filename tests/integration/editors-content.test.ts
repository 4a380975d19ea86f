import { describe, expect, it } from "vitest";
import { editorsHarness, gid } from "../support/editors.ts";

// Editors' writes to articles, claims and entities: ingest with preview, soft delete and restore, merge and undo.
const { prisma, gql, cookies, fingerprint } = editorsHarness();

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
