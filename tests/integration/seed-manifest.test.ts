import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { loadSeeds, SEEDS_DIR } from "../support/seeds.ts";

const prisma = testPrisma();
const { query } = testApi(prisma);

interface ManifestEntry {
  file: string;
  outlet: string | null;
  title?: string | null;
  publishedAt: string | null;
  precision: string | null;
}

interface ArticleFacts {
  title: string;
  body: string;
  outlet: { name: string } | null;
  publishedAt: string | null;
  publishedPrecision: string;
}

let manifest: ManifestEntry[] = [];
let articles: ArticleFacts[] = [];

beforeAll(async () => {
  await loadSeeds();
  manifest = (
    JSON.parse(await readFile(path.join(SEEDS_DIR, "manifest.json"), "utf8")) as {
      articles: ManifestEntry[];
    }
  ).articles;
  const result = await query<{ articles: { edges: { node: ArticleFacts }[] } }>(
    `{ articles(first: 100) { edges { node { title body outlet { name } publishedAt publishedPrecision } } } }`,
  );
  expect(result.errors).toBeUndefined();
  articles = result.data!.articles.edges.map(({ node }) => node);
});
afterAll(() => prisma.$disconnect());

/** The stored article read from a seed file: the one whose body opens with the file's first paragraph. */
async function articleOf(entry: ManifestEntry): Promise<ArticleFacts> {
  const text = await readFile(path.join(SEEDS_DIR, entry.file), "utf8");
  const found = articles.filter((article) => text.includes(article.body.slice(0, 200)));
  expect(found, entry.file).toHaveLength(1);
  return found[0]!;
}

/** What the manifest says of each seed article is what the dashboard shows of it. */
describe("the seed manifest's metadata on the stored articles", () => {
  it("has a manifest naming at least one outlet (else this test proves nothing about outlets)", () => {
    expect(manifest.length).toBeGreaterThanOrEqual(5);
    expect(manifest.some((entry) => entry.outlet)).toBe(true);
  });

  it("stores the outlet the manifest names, and none where it names none", async () => {
    for (const entry of manifest) {
      const article = await articleOf(entry);
      if (entry.outlet) expect(article.outlet?.name, entry.file).toBe(entry.outlet);
      else expect(article.outlet, entry.file).toBeNull();
    }
  });

  it("keeps the manifest's title when it gives one, else the file's own headline", async () => {
    for (const entry of manifest) {
      const article = await articleOf(entry);
      const text = await readFile(path.join(SEEDS_DIR, entry.file), "utf8");
      const lines = text
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
      if (entry.title) expect(article.title, entry.file).toBe(entry.title.trim());
      // The headline is one of the file's opening lines (page furniture above it is skipped), not body text.
      else if (article.title) {
        expect(lines.slice(0, 5), entry.file).toContain(article.title);
        expect(article.body.includes(article.title), entry.file).toBe(false);
      }
      // A file that opens with prose has no headline: the body starts there, and no title is made up.
      else expect(article.body.startsWith(lines[0]!.slice(0, 60)), entry.file).toBe(true);
    }
  });

  it("dates each article as the manifest does, to the manifest's precision", async () => {
    for (const entry of manifest) {
      const article = await articleOf(entry);
      if (!entry.publishedAt) continue;
      expect(article.publishedPrecision.toLowerCase(), entry.file).toBe(entry.precision ?? "day");
      expect(article.publishedAt?.slice(0, 4), entry.file).toBe(entry.publishedAt.slice(0, 4));
    }
  });
});
