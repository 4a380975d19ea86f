import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, launchBrowser, open, screenshot, seriousViolations, webUrl } from "./support/browser.ts";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A page that records every console error and uncaught exception. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  return { page, errors };
}

/** One of each screen a reader reaches, with real ids from the API. */
async function screens(): Promise<string[]> {
  const data = await api<{
    claims: { edges: { node: { id: string } }[] };
    articles: { edges: { node: { id: string } }[] };
    entities: { edges: { node: { id: string } }[] };
  }>(`{
    claims(first: 1) { edges { node { id } } }
    articles(first: 1) { edges { node { id } } }
    entities(first: 1) { edges { node { id } } }
  }`);
  const id = (edges: { node: { id: string } }[]) => encodeURIComponent(edges[0]!.node.id);
  return [
    "/",
    "/claims",
    "/articles",
    "/entities",
    "/search?q=Pentagon",
    "/signin",
    `/claims/${id(data.claims.edges)}`,
    `/articles/${id(data.articles.edges)}`,
    `/entities/${id(data.entities.edges)}`,
  ];
}

describe("a finished product", () => {
  it("fits every screen on a 390 px phone without horizontal scrolling, free of console errors", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const { page, errors } = await watchedPage(context);
    for (const path of await screens()) {
      await open(page, path);
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
      }));
      expect(widths.scroll, path).toBeLessThanOrEqual(widths.view);
      // Inside a table, no cell's text runs over its neighbours (a squeezed table scrolls in its own box).
      const spilling = await page
        .locator("table.data td")
        .evaluateAll((cells) =>
          cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent),
        );
      expect(spilling, path).toEqual([]);
      const name = path === "/" ? "home" : path.split(/[/?]/)[1];
      await screenshot(page, `phone-${name}${path.split("/").length > 2 ? "-one" : ""}`);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it("has a favicon, so no screen logs a missing one", async () => {
    const context = await browser.newContext();
    const { page, errors } = await watchedPage(context);
    await open(page, "/");
    const icon = await page.locator("link[rel=icon]").first().getAttribute("href");
    expect(icon).toBeTruthy();
    const response = await page.request.get(new URL(icon!, page.url()).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/image\//);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("answers a malformed or unknown id with a real 404 page, not an API error", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const path of ["/claims/abc", "/articles/abc", "/entities/abc", "/claims/Q2xhaW06OTk5OTk5OTk="]) {
      const response = await page.goto(webUrl(path));
      expect(response?.status(), path).toBe(404);
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text, path).not.toMatch(/GraphQL|Invalid global ID|could not answer/);
      expect(text, path).toMatch(/not found|could not be found/i);
      // The dashboard's own page, with a way on, not the framework's bare one.
      expect(await page.title(), path).toBe("Not found · Headcount");
      expect(await page.locator("main a[href='/claims']").count(), path).toBeGreaterThan(0);
    }
    await context.close();
  });

  it("searches articles, claims and entities from the header, with a results page", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const { page, errors } = await watchedPage(context);
    await open(page, "/claims");
    await page.getByLabel("Search articles, claims and entities").fill("Pentagon");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === "Pentagon");
    const expected = await api<{ search: { node: { __typename: string; id: string } }[] }>(
      `{ search(query: "Pentagon", first: 50) { node { __typename ... on Node { id } } } }`,
    );
    expect(expected.search.length).toBeGreaterThan(0);
    const links = await page
      .locator(".search-results li > a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links.length).toBe(expected.search.length);
    expect(links[0]).toContain(encodeURIComponent(expected.search[0]!.node.id));
    expect(await page.locator(".search-results mark").count()).toBeGreaterThan(0);
    expect(await page.locator("#search-q").inputValue()).toBe("Pentagon");
    await screenshot(page, "search");
    expect(await seriousViolations(page)).toEqual([]);
    await open(page, "/search?q=zzzznotaword");
    expect(await page.locator("[data-testid=search-count]").textContent()).toBe(
      "Nothing matches “zzzznotaword”.",
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("leads back from GraphiQL to the dashboard", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(webUrl("/graphql"));
    await page.getByRole("link", { name: "Back to the Headcount dashboard" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await context.close();
  });

  it("follows a dark system theme, still readable", async () => {
    const context = await browser.newContext({
      colorScheme: "dark",
      viewport: { width: 1400, height: 1000 },
    });
    const { page, errors } = await watchedPage(context);
    for (const path of ["/", "/claims", "/search?q=Pentagon"]) {
      await open(page, path);
      const background = await page.evaluate(
        () => getComputedStyle(document.documentElement).backgroundColor,
      );
      const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
      expect((r ?? 255) + (g ?? 255) + (b ?? 255), `${path}: ${background}`).toBeLessThan(120);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await screenshot(page, "dark-search");
    await open(page, "/");
    await screenshot(page, "dark-overview");
    expect(errors).toEqual([]);
    await context.close();
  });
});
