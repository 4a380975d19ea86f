import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, launchBrowser, open, screenshot, seriousViolations } from "./support/browser.ts";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (
    await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })
  ).newPage();
});
afterAll(async () => {
  await browser?.close();
});

interface ArticleSpans {
  articles: {
    edges: {
      node: {
        id: string;
        body: string;
        appearances: {
          edges: { node: { start: number; end: number; quote: string; claim: { id: string } } }[];
        };
      };
    }[];
  };
}

describe("claim page", () => {
  it("shows every appearance with its quote highlighted, the chain and the review status", async () => {
    const data = await api<{
      claims: {
        edges: {
          node: { id: string; display: string; appearances: { edges: { node: { quote: string } }[] } };
        }[];
      };
    }>(
      `{ claims(first: 1, orderBy: VALUE) { edges { node { id display appearances { totalCount edges { node { quote } } } } } } }`,
    );
    const { node } = data.claims.edges[0]!;
    const claim = { ...node, appearances: node.appearances.edges.map((edge) => edge.node) };
    await open(page, `/claims/${encodeURIComponent(claim.id)}`);
    expect(await page.locator("h1").textContent()).toContain(claim.display);
    const marks = await page.locator("mark.claim-span").allTextContents();
    expect(marks).toEqual(claim.appearances.map((a) => a.quote));
    expect(await page.locator(".chain-list").count()).toBe(claim.appearances.length);
    expect(await page.locator(".badge").first().textContent()).toMatch(
      /Unreviewed|Verified|Disputed|Rejected/,
    );
    await screenshot(page, "claim");
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe("article reader", () => {
  it("highlights exactly the claim spans of the stored text and links them", async () => {
    // As many articles as the list's first page shows (50): files that ran before may have ingested more
    // than the seed corpus's ten.
    const data = await api<ArticleSpans>(
      `{ articles(first: 50) { edges { node { id body appearances { totalCount edges { node { start end quote claim { id } } } } } } } }`,
    );
    const article = data.articles.edges
      .map((e) => ({ ...e.node, appearances: e.node.appearances.edges.map((edge) => edge.node) }))
      .find((a) => a.appearances.length > 0)!;
    await open(page, `/articles/${encodeURIComponent(article.id)}`);
    const marks = await page
      .locator(".article-body mark.claim-span")
      .evaluateAll((nodes) =>
        nodes.map((n) => ({ id: n.getAttribute("data-claim-id"), text: n.textContent })),
      );
    const expected = article.appearances
      .toSorted((a, b) => a.start - b.start)
      .map((a) => ({ id: a.claim.id, text: article.body.slice(a.start, a.end) }));
    expect(marks).toEqual(expected);
    // The body is shown unaltered, apart from the numbered links after each claim.
    const shown = await page.locator(".article-body").evaluate((el) =>
      [...el.childNodes]
        .filter((n) => n.nodeName !== "SUP")
        .map((n) => n.textContent)
        .join(""),
    );
    expect(shown).toBe(article.body);
    expect(await page.locator(".article-body a.mention").count()).toBeGreaterThan(0);
    await screenshot(page, "article");
    expect(await seriousViolations(page)).toEqual([]);
    await open(page, "/articles");
    expect(await page.locator("tbody tr").count()).toBe(data.articles.edges.length);
    await screenshot(page, "articles");
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe("claims table", () => {
  it("sorts, filters and exports the current filter as CSV", async () => {
    await open(page, "/claims");
    await screenshot(page, "claims");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: /^Value/ }).click();
    await page.waitForURL((url) => url.searchParams.get("sort") === "value");
    const values = await page.locator("[data-testid=claims-table] tbody tr").count();
    expect(values).toBeGreaterThan(0);

    await page.locator("input[name=metric][value=deployed]").check();
    await page.waitForURL((url) => url.searchParams.get("metric") === "deployed");
    const total = await api<{ claims: { totalCount: number } }>(
      `{ claims(filter: { metric: [DEPLOYED], reviewStatus: [UNREVIEWED, VERIFIED, DISPUTED] }) { totalCount } }`,
    );
    await expect
      .poll(() => page.locator("[data-testid=claims-table] tbody tr").count())
      .toBe(total.claims.totalCount);
    const shownIds = await page
      .locator("[data-testid=claims-table] tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-claim-id")).sort());

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("[data-testid=export-csv]").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,stated_on,/);
    expect(lines.length - 1).toBe(total.claims.totalCount);
    expect(
      lines
        .slice(1)
        .map((line) => line.split(",")[0])
        .sort(),
    ).toEqual(shownIds);
    expect(lines.slice(1).every((line) => line.includes(",deployed,"))).toBe(true);
  });
});

describe("entities", () => {
  it("lists entities and shows one with its aliases, claims and mentions", async () => {
    await open(page, "/entities");
    await screenshot(page, "entities");
    expect(await seriousViolations(page)).toEqual([]);
    const data = await api<{ claimSeries: { series: { entity: { id: string; name: string } | null }[] } }>(
      `{ claimSeries { series { entity { id name } } } }`,
    );
    const source = data.claimSeries.series.find((s) => s.entity)!.entity!;
    await open(page, `/entities/${encodeURIComponent(source.id)}`);
    expect(await page.locator("h1").textContent()).toBe(source.name);
    expect(await page.getByRole("heading", { name: /Claims made \([1-9]/ }).count()).toBe(1);
    // "Also written" lists other spellings, never the name the heading already shows.
    const alsoWritten = (await page.locator("dt:text-is('Also written') + dd").textContent()) ?? "";
    expect(alsoWritten.split(" · ")).not.toContain(source.name);
    await screenshot(page, "entity");
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe("navigation", () => {
  it("links every screen and GraphiQL, which loads through the dashboard's origin", async () => {
    await open(page, "/");
    const links = await page
      .locator("nav[aria-label=Main] a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(["/", "/claims", "/articles", "/entities", "/graphql"]);
    const response = await page.goto(new URL("/graphql", page.url()).toString());
    expect(response?.status()).toBe(200);
    expect(await page.title()).toMatch(/GraphQL/i);
  });
});
