import { describe, expect, it } from "vitest";
import { collectDocuments, type SourceDocument } from "../../apps/api/src/ingest/documents.ts";
import { ingestDocument } from "../../apps/api/src/ingest/pipeline.ts";
import { analyseDocument, closeReaders } from "../../apps/api/src/ingest/reader-pool.ts";
import { storeGroup } from "../../apps/api/src/ingest/store-group.ts";
import { generateArticles } from "../../bench/corpus.ts";
import { INGESTED_TABLES, ingestFixture } from "../support/ingest.ts";
import { requireSeeds } from "../support/seeds.ts";

const { pool, count } = ingestFixture();

/** Every row of the tables an ingest writes, ids included, without the moments they were written. */
async function contents(): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of INGESTED_TABLES) {
    const { rows } = await pool.query<{ row: unknown }>(
      `select to_jsonb(t) - 'createdAt' - 'updatedAt' - 'ingestedAt' - 'judgedAt' as row from "${table}" t order by 1`,
    );
    result[table] = rows.map((r) => r.row);
  }
  return result;
}

async function empty() {
  await pool.query(`truncate ${INGESTED_TABLES.map((t) => `"${t}"`).join(", ")} restart identity cascade`);
}

async function inGroups(documents: SourceDocument[], size: number) {
  const outcomes = [];
  for (let offset = 0; offset < documents.length; offset += size) {
    const group = documents.slice(offset, offset + size);
    const items = await Promise.all(
      group.map(async (document) => ({ document, analysis: await analyseDocument(document) })),
    );
    outcomes.push(...(await storeGroup(pool, items, { runId: null })));
  }
  return outcomes;
}

describe("a group of articles stored together", () => {
  it("stores exactly what storing them one after another stores, ids included", async () => {
    // Generated reporting repeats speakers, outlets, places and figures from one article to the next, so
    // later articles of a group find entities and claims that earlier ones created; the seed articles are
    // real ones, with merge suggestions and relays.
    const seeds = (await collectDocuments([requireSeeds()])).documents;
    const generated = [...generateArticles(60, 11)].map(
      (article, index): SourceDocument => ({
        origin: article.file,
        format: "txt",
        raw: article.text,
        // Some with an address, as pages and feeds have.
        ...(index % 3 === 0 ? { url: `https://news.example/${index}` } : {}),
      }),
    );
    const documents = [...seeds, ...generated];

    const oneByOne = [];
    for (const document of documents) oneByOne.push(await ingestDocument(pool, document));
    expect(oneByOne.every((outcome) => outcome.status === "created")).toBe(true);
    const expected = await contents();
    expect(expected.Claim?.length).toBeGreaterThan(100);
    expect(expected.MergeJudgement?.length).toBeGreaterThan(0);

    await empty();
    const grouped = await inGroups(documents, 16);
    expect(grouped).toEqual(oneByOne);
    expect(await contents()).toEqual(expected);
    await closeReaders();
  });

  it("answers a repeat, a reprint and a revision inside one group as one after another would", async () => {
    await empty();
    const [first, second] = [...generateArticles(2, 23)];
    const text = (first as { text: string }).text;
    const documents: SourceDocument[] = [
      { origin: "a", format: "txt", raw: text, url: "https://one.example/a" },
      { origin: "a again", format: "txt", raw: text, url: "https://one.example/a" },
      { origin: "reprint", format: "txt", raw: text, url: "https://two.example/a" },
      {
        origin: "revision",
        format: "txt",
        raw: (second as { text: string }).text,
        url: "https://one.example/a",
      },
    ];
    const outcomes = await inGroups(documents, 4);
    expect(outcomes.map((o) => o.status)).toEqual(["created", "unchanged", "created", "revision"]);
    expect(await count(`select count(*) from "Article"`)).toBe(3);
    // The reprint's appearances are the original's.
    expect(
      await count(
        `select count(*) from "Appearance" p join "Article" a on a.id = p."articleId" where a.url = 'https://two.example/a'`,
      ),
    ).toBe(
      await count(
        `select count(*) from "Appearance" p join "Article" a on a.id = p."articleId"
          where a.url = 'https://one.example/a' and a.revision = 1`,
      ),
    );
    await closeReaders();
  });
});
