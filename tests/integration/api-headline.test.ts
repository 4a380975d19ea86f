import { describe, expect, it } from "vitest";
import { ingestDocument } from "../../apps/api/src/ingest/pipeline.ts";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { globalId } from "../support/fixtures.ts";
import { ingestFixture } from "../support/ingest.ts";

const { pool } = ingestFixture();
const { query } = testApi(testPrisma());

interface Span {
  inTitle: boolean;
  start: number;
  end: number;
  quote: string;
  claim: { id: string };
}

describe("a headline's claims through the API", () => {
  it("lists the headline's appearances first, each indexing the title, and one claim for a figure printed twice", async () => {
    const outcome = await ingestDocument(pool, {
      origin: "test",
      format: "txt",
      raw: "Shelling kills 17 in market town; 60 missing after raid\nSource: Outlet Five\nDate: 2024-11-09\n\nShelling killed at least 17 people in the market town on Friday, the regional governor said.\n",
    });
    if (outcome.status !== "created") throw new Error(`not stored: ${JSON.stringify(outcome)}`);
    const id = globalId("Article", outcome.articleId);
    const result = await query<{
      node: { title: string; body: string; appearances: { edges: { node: Span }[] } };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Article { title body
         appearances(first: 20) { edges { node { inTitle start end quote claim { id } } } } } } }`,
      { id },
    );
    expect(result.errors).toBeUndefined();
    const article = result.data?.node;
    const spans = article?.appearances.edges.map((e) => e.node) ?? [];
    expect(spans.map((s) => s.inTitle)).toEqual([true, true, false]);
    for (const s of spans)
      expect((s.inTitle ? article?.title : article?.body)?.slice(s.start, s.end)).toBe(s.quote);
    // "kills 17" in the headline is the body's claim; "60 missing" only the headline gives.
    const [killed, missing, body] = spans;
    expect(killed?.claim.id).toBe(body?.claim.id);
    expect(missing?.claim.id).not.toBe(body?.claim.id);
  });
});
