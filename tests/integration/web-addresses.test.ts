import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { collectDocuments } from "../../apps/api/src/ingest/documents.ts";
import { ingestDocuments } from "../../apps/api/src/ingest/pipeline.ts";
import { testApi } from "../support/api.ts";
import { testDatabaseUrl, testPrisma } from "../support/database.ts";

const pool = createPool(testDatabaseUrl(), { max: 4 });
const prisma = testPrisma();
const { query } = testApi(prisma, { pool });
let folder = "";
afterAll(async () => {
  await pool.end();
  await prisma.$disconnect();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const BAD = [
  "javascript:alert(document.cookie)",
  " JaVaScRiPt:alert(1)",
  "data:text/html,<b>x</b>",
  "vbscript:x",
  "file:///etc/passwd",
];
const body = (n: number) =>
  `Officials said on Monday that about ${1000 + n} soldiers were sent to the northern border region, according to the defence ministry, which gave no further detail about the deployment.`;

async function storedAddresses(): Promise<string[]> {
  const rows = await prisma.article.findMany({ where: { url: { not: null } }, select: { url: true } });
  return rows.map((row) => row.url ?? "");
}

describe("an article's address is an http(s) URL on every path", () => {
  it("HTML, JSON and manifest ingest store no other kind of address", async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "headcount-addresses-"));
    await chmod(folder, 0o755);
    let n = 0;
    for (const bad of BAD) {
      n++;
      await writeFile(
        path.join(folder, `og-${n}.html`),
        `<html><head><title>Page ${n}</title><meta property="og:url" content="${bad}"></head><body><article><p>${body(n)}</p></article></body></html>`,
      );
      n++;
      await writeFile(
        path.join(folder, `ld-${n}.html`),
        `<html><head><title>Page ${n}</title><script type="application/ld+json">${JSON.stringify({ "@type": "NewsArticle", headline: `Page ${n}`, url: bad })}</script><link rel="canonical" href="${bad}"></head><body><article><p>${body(n)}</p></article></body></html>`,
      );
      n++;
      await writeFile(
        path.join(folder, `item-${n}.json`),
        JSON.stringify({ title: `Item ${n}`, body: body(n), url: bad }),
      );
    }
    const sub = path.join(folder, "crawl");
    await import("node:fs/promises").then((fs) => fs.mkdir(sub, { mode: 0o755 }));
    await writeFile(path.join(sub, "a.txt"), body(100));
    await writeFile(
      path.join(sub, "manifest.json"),
      JSON.stringify({ articles: [{ file: "a.txt", url: "javascript:alert(1)" }] }),
    );
    const { documents, rejected } = await collectDocuments([folder]);
    await ingestDocuments(pool, documents, { trigger: "test", rejected });
    expect(await storedAddresses()).toEqual([]);
    const reasons = rejected.map((r) => `${path.basename(r.origin)}: ${r.reason}`).join("\n");
    for (let i = 3; i <= 3 * BAD.length; i += 3)
      expect(reasons).toMatch(new RegExp(`item-${i}\\.json.*http\\(s\\)`));
    expect(reasons).toMatch(/manifest\.json.*http\(s\)/);
  });

  it("ingestArticle stores no such address read from pasted HTML", async () => {
    for (const bad of BAD) {
      const result = await query<{ ingestArticle: { __typename: string } }>(
        `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { __typename } }`,
        {
          input: {
            html: `<html><head><meta property="og:url" content="${bad}"><title>Pasted</title></head><body><article><p>${body(200 + bad.length)}</p></article></body></html>`,
          },
        },
        { "x-test-role": "editor" },
      );
      expect(result.errors).toBeUndefined();
    }
    expect(await storedAddresses()).toEqual([]);
  });
});

describe("an address's length is counted in bytes, as its index stores it", () => {
  // 2,000 CJK characters are 6 kB of UTF-8, more than PostgreSQL can index.
  const long = `https://example.org/${Array.from({ length: 2_000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000))).join("")}`;
  it.each([
    [
      "ingestArticle",
      `mutation ($u: String!) { ingestArticle(input: { text: "Long address\\n\\nAbout 1,700 soldiers were sent north, officials said.", url: $u }) { __typename } }`,
    ],
    ["addFeed", `mutation ($u: String!) { addFeed(url: $u) { __typename } }`],
  ])("%s refuses a 6 kB address as a ValidationError", async (field, document) => {
    const result = await query<Record<string, { __typename: string }>>(
      document,
      { u: long },
      { "x-test-role": "admin" },
    );
    expect(result.data?.[field]?.__typename, JSON.stringify(result)).toBe("ValidationError");
  });
});
