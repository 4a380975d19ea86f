import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { extractArticle, normalizeName } from "@headcount/extract";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import { documentsFromText, isRejected, type SourceDocument } from "../../apps/api/src/ingest/documents.ts";
import { ingestDocument } from "../../apps/api/src/ingest/pipeline.ts";
import { runCli } from "../support/cli.ts";
import { INGESTED_TABLES, ingestFixture } from "../support/ingest.ts";
import { requireSeeds } from "../support/seeds.ts";

const { pool, tempFolder, count } = ingestFixture();

/** Row counts and a checksum of every row of the tables an ingest writes. */
async function fingerprint(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of INGESTED_TABLES) {
    const { rows } = await pool.query(
      `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as f from "${table}" t`,
    );
    result[table] = rows[0].f;
  }
  return result;
}

describe("npm run ingest on the seed corpus", () => {
  // Two runs of the CLI, each starting node and tsx: the time limit of the CLI cases of ingest-web.test.ts.
  it("stores the 5 articles with claims, appearances and entities; a second run changes nothing", async () => {
    const first = await runCli("ingest.ts", [requireSeeds()]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("new 5 · unchanged 0 · new versions 0 · failed 0");
    expect(await count(`select count(*) from "Article"`)).toBe(5);
    expect(await count(`select count(*) from "Claim"`)).toBeGreaterThanOrEqual(8);
    expect(await count(`select count(*) from "Appearance"`)).toBeGreaterThanOrEqual(
      await count(`select count(*) from "Claim"`),
    );
    expect(await count(`select count(*) from "EntityMention"`)).toBeGreaterThan(50);
    // Every appearance's quote is exactly the span of its article's body.
    expect(
      await count(
        `select count(*) from "Appearance" p join "Article" a on a.id = p."articleId"
          where substr(a.body, p.start + 1, p."end" - p.start) <> p.quote`,
      ),
    ).toBe(0);
    expect(
      await count(
        `select count(*) from "EntityMention" m join "Article" a on a.id = m."articleId"
          where substr(a.body, m.start + 1, m."end" - m.start) <> m.text`,
      ),
    ).toBe(0);

    const before = await fingerprint();
    const second = await runCli("ingest.ts", [requireSeeds()]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("new 0 · unchanged 5 · new versions 0 · failed 0");
    expect(await fingerprint()).toEqual(before);
  }, 120_000);

  it("resolves the variant spellings across the seed articles to one entity or to merge suggestions", async () => {
    const goldPath = process.env.HEADCOUNT_GOLD ?? path.resolve(REPO_ROOT, "../shared/gold/seeds.json");
    const gold = JSON.parse(readFileSync(goldPath, "utf8")) as {
      articles: { entities: { name: string; type: string; aliases: string[] }[] }[];
    };
    // Surface forms of each gold person, gathered across all articles.
    const forms = new Map<string, Set<string>>();
    for (const article of gold.articles) {
      for (const entity of article.entities) {
        if (entity.type !== "person") continue;
        const set = forms.get(entity.name) ?? new Set<string>();
        for (const form of [entity.name, ...entity.aliases]) set.add(normalizeName(form));
        forms.set(entity.name, set);
      }
    }
    const edges = await pool.query<{ keepId: number; mergeId: number }>(
      `select "keepId", "mergeId" from "MergeJudgement"`,
    );
    const parent = new Map<number, number>();
    const find = (id: number): number => {
      const p = parent.get(id) ?? id;
      return p === id ? id : find(p);
    };
    for (const edge of edges.rows) parent.set(find(edge.mergeId), find(edge.keepId));

    const variantPeople = [
      "Alexander Khinshtein",
      "Alexander Matsegora",
      "No Kwang Chol",
      "Viktor Goremykin",
    ];
    for (const person of variantPeople) {
      const normalized = [...(forms.get(person) ?? [])];
      const { rows } = await pool.query<{ id: number }>(
        `select distinct e.id from "EntityAlias" a join "Entity" e on e.id = a."entityId"
          where e.type = 'person' and a.normalized = any($1::text[])`,
        [normalized],
      );
      expect(rows.length, `${person} was not recognised at all`).toBeGreaterThan(0);
      const components = new Set(rows.map((row) => find(row.id)));
      expect(components.size, `${person}'s spellings are not linked: ${normalized.join(", ")}`).toBe(1);
    }
  });
});

describe("ingest of a folder with bad files", () => {
  it("stores the good files, names each bad one with its reason, and leaves no partial article", async () => {
    const folder = await tempFolder();
    await writeFile(
      path.join(folder, "good.txt"),
      "Border buildup continues\nSource: Example Wire\nDate: 2024-03-05\n\n" +
        "The defence ministry said on Monday that about 3,000 soldiers had been moved to the border region.\n",
    );
    await writeFile(path.join(folder, "empty.txt"), "");
    await writeFile(
      path.join(folder, "binary.txt"),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]),
    );
    await writeFile(
      path.join(folder, "latin1.txt"),
      Buffer.from("Caf\xe9 report\n\nSome 200 troops arrived.", "latin1"),
    );
    await writeFile(path.join(folder, "huge.txt"), `Huge\n\n${"Troops moved. ".repeat(230_000)}`);
    await writeFile(
      path.join(folder, "broken.ndjson"),
      '{"title":"Fine","body":"About 500 fighters crossed the river, officials said."}\n{oops\n',
    );
    // Half of a UTF-16 pair, escaped: stored as U+FFFD, as text columns store it, not a failed batch.
    await writeFile(
      path.join(folder, "lone-surrogate.json"),
      '{"title":"Half a pair \\ud800","body":"About 600 fighters crossed the river \\udc00, officials said."}',
    );
    const before = await count(`select count(*) from "Article"`);
    const result = await runCli("ingest.ts", [folder]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/new 3 · unchanged 0 · new versions 0 · failed 5/);
    expect(result.stdout).toMatch(/empty\.txt: empty file/);
    expect(result.stdout).toMatch(/binary\.txt: binary file/);
    expect(result.stdout).toMatch(/latin1\.txt: not valid UTF-8 text/);
    expect(result.stdout).toMatch(/huge\.txt: too large: 3\.1 MB \(the limit is 2 MB\)/);
    expect(result.stdout).toMatch(/broken\.ndjson:2: invalid JSON/);
    expect(await count(`select count(*) from "Article"`)).toBe(before + 3);
    expect(await count(`select count(*) from "Article" where title = 'Border buildup continues'`)).toBe(1);
    expect(await count(`select count(*) from "Article" where title = 'Half a pair \uFFFD'`)).toBe(1);
  }, 60_000);
});

describe("resolution", () => {
  const doc = (raw: string, extra: Partial<SourceDocument> = {}): SourceDocument => ({
    origin: "test",
    format: "txt",
    raw,
    ...extra,
  });

  it("makes one claim with an appearance per outlet when outlets reprint the same figure", async () => {
    const sentence =
      "The Pentagon said on Tuesday that about 11,000 North Korean soldiers had been sent to the Kursk region.";
    const a = await ingestDocument(
      pool,
      doc(`Wire one\nSource: Outlet One\nDate: 2024-11-06\n\n${sentence}\n`),
    );
    const b = await ingestDocument(
      pool,
      doc(`Wire two\nSource: Outlet Two\nDate: 2024-11-06\n\nIn other news. ${sentence}\n`),
    );
    expect(a.status).toBe("created");
    expect(b.status).toBe("created");
    const { rows } = await pool.query(
      `select c.id, count(p.id)::int as appearances from "Claim" c join "Appearance" p on p."claimId" = c.id
        where c."valueLow" = 11000 group by c.id`,
    );
    expect(rows).toEqual([{ id: expect.any(Number), appearances: 2 }]);
  });

  it("stores a figure the article prints twice as one claim with an appearance at each place", async () => {
    const text =
      "Border attack\nSource: Outlet Three\nDate: 2024-11-07\n\nGunmen killed 37 border guards near the river, a local rights group said.\n\nThe Hollin Valley Resistance Committee said in a statement that the attack killed 37 border guards.\n";
    const extracted = extractArticle(text);
    const repeats = extracted.claims.filter((c) => c.valueLow === 37);
    expect(repeats.map((c) => c.duplicateOf)).toEqual([null, extracted.claims.indexOf(repeats[0]!)]);
    const outcome = await ingestDocument(pool, doc(text));
    expect(outcome.status).toBe("created");
    const { rows } = await pool.query(
      `select c.id, array_agg(p.quote order by p.start) as quotes from "Claim" c
         join "Appearance" p on p."claimId" = c.id
        where c."valueLow" = 37 group by c.id`,
    );
    expect(rows).toEqual([{ id: expect.any(Number), quotes: repeats.map((c) => c.quote) }]);
  });

  it("a side that is a body the article names is that body, never also a place of the same name", async () => {
    const text =
      "Alliance chief on troops\nSource: Outlet Five\nDate: 2024-11-09\n\nNATO Secretary General Mark Rutte said 10,000 North Korean troops were sent to Russia.\n";
    expect((await ingestDocument(pool, doc(text))).status).toBe("created");
    const { rows } = await pool.query(
      `select e.type, side.type as "sideType", side.name as "sideName",
              (select count(*)::int from "Entity" n where n."normalizedName" = 'nato' and n.type = 'place') as "natoPlaces"
         from "Entity" e left join "Entity" side on side.id = e."affiliationId"
        where e.name = 'Mark Rutte'`,
    );
    expect(rows).toEqual([{ type: "person", sideType: "organization", sideName: "NATO", natoPlaces: 0 }]);
  });

  it("stores a headline's figure as an appearance in the title, beside the body's", async () => {
    const text =
      "Raid on border post kills 23 guards\nSource: Outlet Four\nDate: 2024-11-08\n\nGunmen killed at least 23 border guards in a night raid on a post near the river, the interior ministry said.\n";
    const outcome = await ingestDocument(pool, doc(text));
    expect(outcome.status).toBe("created");
    const { rows } = await pool.query(
      `select p."inTitle", p.start, p."end", p.quote, a.title, a.body, c."valueLow", c."valueHigh"
         from "Appearance" p join "Article" a on a.id = p."articleId" join "Claim" c on c.id = p."claimId"
        where a.title = 'Raid on border post kills 23 guards' order by p."inTitle"`,
    );
    // One claim (the body's, with its hedge), printed in the body and in the headline.
    expect(rows.map((r) => [r.inTitle, r.valueLow, r.valueHigh])).toEqual([
      [false, 23, null],
      [true, 23, null],
    ]);
    for (const r of rows) expect((r.inTitle ? r.title : r.body).slice(r.start, r.end)).toBe(r.quote);
    expect(rows[1].quote).toBe("Raid on border post kills 23 guards");
  });

  it("keeps a changed text at a known URL as a new revision, and the old snapshot", async () => {
    const url = "https://example.org/news/brigade";
    const first = await ingestDocument(
      pool,
      doc("", {
        format: "json",
        title: "Brigade",
        body: "About 700 troops held the bridge, officials said.",
        url,
      }),
    );
    const second = await ingestDocument(
      pool,
      doc("", {
        format: "json",
        title: "Brigade",
        body: "About 900 troops held the bridge, officials said on Friday.",
        url,
      }),
    );
    expect(first.status).toBe("created");
    expect(second.status).toBe("revision");
    const { rows } = await pool.query(
      `select id, revision, "previousVersionId" from "Article" where url = $1 order by revision`,
      [url],
    );
    expect(rows).toHaveLength(2);
    expect(rows[1].previousVersionId).toBe(rows[0].id);
    expect(rows[1].revision).toBe(2);
  });

  it("reads HTML pages through the same pipeline", async () => {
    const paragraph =
      "Military officials said about 6,000 soldiers were stationed near the border on Monday. ";
    const html = `<html><head><title>Troops near border</title><meta property="og:site_name" content="Example Daily">
      <meta property="article:published_time" content="2024-04-01T10:00:00Z"></head>
      <body><article><h1>Troops near border</h1><p>${paragraph.repeat(3)}</p></article></body></html>`;
    const [document] = documentsFromText("page.html", "html", html);
    expect(document && !isRejected(document)).toBe(true);
    const outcome = await ingestDocument(pool, document as SourceDocument);
    expect(outcome.status).toBe("created");
    const { rows } = await pool.query(
      `select a."publishedAt"::text as published, e.name as outlet from "Article" a join "Entity" e on e.id = a."outletId"
        where a.id = $1`,
      [(outcome as { articleId: number }).articleId],
    );
    expect(rows[0]).toEqual({ published: "2024-04-01", outlet: "Example Daily" });
  });
});
