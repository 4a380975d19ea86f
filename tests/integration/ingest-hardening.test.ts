import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { documentsFromText, isRejected } from "../../apps/api/src/ingest/documents.ts";
import { ingestDocument } from "../../apps/api/src/ingest/pipeline.ts";
import { resolveEntities } from "../../apps/api/src/ingest/resolve-entities.ts";
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
    "Officials claimed that about 4.2 trillion troops had been mobilised",
    "Officials claimed that 2.5bn soldiers had been mobilised",
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
      {
        quote: expect.stringMatching(/billion|trillion|bn|000,000,000/),
        reason: expect.stringMatching(/too large|not a whole number/),
      },
    ]);
  });
});

describe("impossible publication dates", () => {
  /** A new JSON article with the given publication date, through the file ingest path; its id. */
  async function ingestDated(publishedAt: string): Promise<number> {
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
    return outcome.articleId;
  }

  it.each([
    "2024-02-30",
    "2024-13-45",
    "0000-00-00",
    "yesterday",
    "2023-02-29",
    "2024-04-31",
    "+010000-01-01",
    "Feb 30 2024",
    "30 February 2024",
    "2024/02/30",
    "Mon, 31 Feb 2024 10:00:00 GMT",
    "June 31 2024",
    "0",
    "99",
    "12/31/2024",
  ])("a JSON article dated %s is stored without a date", async (publishedAt) => {
    const { rows } = await pool.query(
      `select "publishedAt", "publishedPrecision" from "Article" where id = $1`,
      [await ingestDated(publishedAt)],
    );
    expect(rows[0]).toEqual({ publishedAt: null, publishedPrecision: "unknown" });
  });

  it.each([
    ["Mon, 02 Dec 2024 10:00:00 GMT", "2024-12-02"],
    ["2 December 2024", "2024-12-02"],
    ["December 2, 2024", "2024-12-02"],
    ["2024-02-29T23:30:00+01:00", "2024-02-29"],
  ])("a JSON article dated %s keeps the day %s", async (publishedAt, day) => {
    const { rows } = await pool.query(
      `select to_char("publishedAt", 'YYYY-MM-DD') as day from "Article" where id = $1`,
      [await ingestDated(publishedAt)],
    );
    expect(rows[0]).toEqual({ day });
  });

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

describe("a paste of a thousand look-alike names", () => {
  // How long it may hold the thread is a hardening check (tests/hardening/hostile-documents.test.ts).
  it("resolves every one and stores no name too long to be one", async () => {
    const tag = uniqueWord().slice(0, 6);
    const client = await pool.connect();
    try {
      // Two thousand known entities that every new name below resembles (they share its first letters).
      await client.query(
        `insert into "Entity" (type, name, "normalizedName", "updatedAt")
         select 'organization', 'Zed ' || $1 || ' Known ' || i, lower('zed ' || $1 || ' known ' || i), now()
           from generate_series(1, 2000) i`,
        [tag],
      );
      const requests = Array.from({ length: 1_000 }, (_, i) => ({
        name: `Zed ${tag} Pasted ${i}`,
        type: "organization" as const,
      }));
      const tooLong = Array.from({ length: 400 }, (_, i) => `Word${i}`).join(" ");
      await client.query("begin");
      const resolved = await resolveEntities(client, [...requests, { name: tooLong, type: "organization" }]);
      await client.query("commit");
      expect(resolved.idOf(`Zed ${tag} Pasted 7`, "organization")).toBeGreaterThan(0);
      expect(resolved.idOf(tooLong, "organization")).toBeUndefined();
      const { rows } = await client.query(`select count(*)::int as n from "Entity" where length(name) > 200`);
      expect(rows[0]).toEqual({ n: 0 });
    } finally {
      client.release();
    }
  });
});
