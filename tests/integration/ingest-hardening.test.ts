import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { documentsFromText, isRejected } from "../../apps/api/src/ingest/documents.ts";
import { ingestDocument } from "../../apps/api/src/ingest/pipeline.ts";
import { TEST_ROLE_HEADER, testApi } from "../support/api.ts";
import { testDatabaseUrl, testPrisma } from "../support/database.ts";

// The API's own ingest pool is this small (start.ts): the tests must hold with it.
const pool = createPool(testDatabaseUrl(), { max: 4 });
const prisma = testPrisma();
const { query } = testApi(prisma, { pool });
afterAll(async () => {
  await pool.end();
  await prisma.$disconnect();
});

const INGEST = `mutation Ingest($input: IngestArticleInput!) {
  ingestArticle(input: $input) {
    __typename
    ... on IngestArticleSuccess { outcome article { id publishedAt publishedPrecision } claims { valueBest } }
    ... on ValidationError { message }
  }
}`;

type IngestAnswer = {
  ingestArticle: {
    __typename: string;
    outcome?: string;
    message?: string;
    article?: { id: string; publishedAt: string | null; publishedPrecision: string } | null;
    claims?: { valueBest: unknown }[];
  };
};

/** A word no other test uses, without digits (a number in the text would be read as a figure). */
function uniqueWord(): string {
  return randomBytes(12)
    .toString("base64")
    .replace(/[^a-zA-Z]/g, "");
}

function ingest(input: Record<string, unknown>) {
  return query<IngestAnswer>(INGEST, { input }, { [TEST_ROLE_HEADER]: "editor" });
}

describe("identical articles sent at once", () => {
  it("answers NEW once and UNCHANGED for every other copy, without delaying unrelated ingests", async () => {
    const text =
      "Troops gathered at the border\n\nAbout 4,200 soldiers were sent north on Monday, a defence official said, " +
      `in a report named ${uniqueWord()}.`;
    // A first ingest warms up the connections, so the timing below is of waiting, not of starting.
    await ingest({ text: `Warm-up\n\nSome 120 troops arrived, an official said (${uniqueWord()}).` });
    const copies = Array.from({ length: 10 }, () => ingest({ text }));
    const started = performance.now();
    const unrelated = await ingest({
      text: `Another report\n\nAt least 300 soldiers were wounded, officials said (${uniqueWord()}).`,
    });
    const unrelatedMs = performance.now() - started;
    const answers = await Promise.all(copies);

    const outcomes = answers.map((answer) => answer.data?.ingestArticle.outcome ?? JSON.stringify(answer));
    expect(outcomes.filter((o) => o === "NEW")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "UNCHANGED")).toHaveLength(9);
    expect(new Set(answers.map((answer) => answer.data?.ingestArticle.article?.id)).size).toBe(1);
    expect(unrelated.data?.ingestArticle.outcome, JSON.stringify(unrelated)).toBe("NEW");
    expect(unrelatedMs).toBeLessThan(2_000);
  });
});

describe("figures too large to be a count of people", () => {
  it.each([
    "About 3,000,000,000 troops were said to be massing at the border",
    "Officials claimed that 2.5 billion soldiers had been mobilised",
  ])("stores the article and leaves out only that claim, saying why: %s", async (sentence) => {
    const text = `Huge figure ${uniqueWord()}\n\n${sentence}, a spokesman said. About 1,200 soldiers were wounded, officials said.`;
    const answer = await query<{
      ingestArticle: {
        outcome?: string;
        article?: { id: string };
        omittedClaims?: { quote: string; reason: string }[];
      };
    }>(
      `mutation Ingest($input: IngestArticleInput!) {
        ingestArticle(input: $input) {
          ... on IngestArticleSuccess {
            outcome
            article { id }
            omittedClaims { quote reason }
          }
        }
      }`,
      { input: { text } },
      { [TEST_ROLE_HEADER]: "editor" },
    );
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    expect(answer.data?.ingestArticle.outcome).toBe("NEW");
    const { rows } = await pool.query(
      `select c."valueBest" from "Appearance" p join "Claim" c on c.id = p."claimId"
        join "Article" a on a.id = p."articleId" where a.title like $1`,
      [text.split("\n")[0]],
    );
    expect(rows).toEqual([{ valueBest: 1200 }]);
    expect(answer.data?.ingestArticle.omittedClaims).toEqual([
      { quote: expect.stringMatching(/billion|000,000,000/), reason: expect.stringMatching(/too large/) },
    ]);
  });
});

describe("impossible publication dates", () => {
  it.each(["2024-02-30", "2024-13-45", "0000-00-00", "yesterday"])(
    "a JSON article dated %s is stored without a date",
    async (publishedAt) => {
      const [document] = documentsFromText(
        "dated.json",
        "json",
        JSON.stringify({
          title: `Dated ${uniqueWord()}`,
          body: `About 700 soldiers were sent to the front, a defence official said in ${uniqueWord()}.`,
          publishedAt,
        }),
      );
      if (!document || isRejected(document)) throw new Error(JSON.stringify(document));
      const outcome = await ingestDocument(pool, document);
      if (outcome.status !== "created") throw new Error(JSON.stringify(outcome));
      const { rows } = await pool.query(
        `select "publishedAt", "publishedPrecision" from "Article" where id = $1`,
        [outcome.articleId],
      );
      expect(rows[0]).toEqual({ publishedAt: null, publishedPrecision: "unknown" });
    },
  );

  it("a real date is kept with its precision", async () => {
    const outcome = await ingestDocument(pool, {
      origin: "dated.txt",
      format: "txt",
      raw: `Dated ${uniqueWord()}\n\nAbout 800 soldiers were sent to the front, a defence official said.`,
      publishedAt: "2024-02-29",
      precision: "day",
    });
    if (outcome.status !== "created") throw new Error(JSON.stringify(outcome));
    const { rows } = await pool.query(
      `select to_char("publishedAt", 'YYYY-MM-DD') as day, "publishedPrecision" from "Article" where id = $1`,
      [outcome.articleId],
    );
    expect(rows[0]).toEqual({ day: "2024-02-29", publishedPrecision: "day" });
  });
});
