import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, launchBrowser, open, screenshot, seriousViolations } from "./support/browser.ts";

interface Series {
  claimSeries: { series: { points: { claimId: string; date: string | null }[] }[] };
}

const SERIES = /* GraphQL */ `
  query ($filter: ClaimFilter) {
    claimSeries(filter: $filter) {
      series {
        points {
          claimId
          date
        }
      }
    }
  }
`;

/** The claims the chart should draw: every dated point the API plots for the filter. */
async function plottedIds(filter: Record<string, unknown>): Promise<string[]> {
  const data = await api<Series>(SERIES, {
    filter: { reviewStatus: ["UNREVIEWED", "VERIFIED", "DISPUTED"], ...filter },
  });
  return data.claimSeries.series
    .flatMap((s) => s.points.filter((p) => p.date !== null).map((p) => p.claimId))
    .sort();
}

const rowIds = (page: Page) =>
  page
    .locator("[data-testid=chart-table] tbody tr")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-claim-id") ?? "").sort());

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe("overview", () => {
  it("has one table row, with its data-claim-id, per claim drawn in the chart", async () => {
    await open(page, "/");
    const expected = await plottedIds({});
    expect(expected.length).toBeGreaterThan(0);
    expect(await rowIds(page)).toEqual(expected);
    await expect
      .poll(() => page.locator("[data-testid=overview-chart]").getAttribute("data-point-count"))
      .toBe(String(expected.length));
    expect(await page.locator("[data-testid=overview-chart] canvas").count()).toBeGreaterThan(0);
    await screenshot(page, "overview");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("applies a filter to the marks, the rows and the URL", async () => {
    await open(page, "/");
    const before = await rowIds(page);
    const sources = await page
      .locator("#filter-source option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    // The source with the fewest plotted claims, so the view visibly changes.
    let chosen = "";
    let chosenIds: string[] = [];
    for (const source of sources) {
      const ids = await plottedIds({ source });
      if (ids.length > 0 && ids.length < before.length && (!chosen || ids.length < chosenIds.length)) {
        chosen = source;
        chosenIds = ids;
      }
    }
    expect(chosen).not.toBe("");
    await page.selectOption("#filter-source", chosen);
    await page.waitForURL((url) => url.searchParams.get("source") === chosen);
    await expect.poll(() => rowIds(page)).toEqual(chosenIds);
    await expect
      .poll(() => page.locator("[data-testid=overview-chart]").getAttribute("data-point-count"))
      .toBe(String(chosenIds.length));
    // The URL alone reproduces the view.
    await open(page, `/?source=${encodeURIComponent(chosen)}`);
    expect(await rowIds(page)).toEqual(chosenIds);
    expect(await page.locator("#filter-source").inputValue()).toBe(chosen);
  });

  it("shows the value, source and quote on hover, and opens the claim on click", async () => {
    await open(page, "/");
    const chart = page.locator("[data-testid=overview-chart]");
    // The keyboard selects the first mark; its position is then pointed at with the mouse.
    await chart.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => chart.getAttribute("data-active-x")).not.toBeNull();
    const claimId = (await chart.getAttribute("data-active-claim")) ?? "";
    const x = Number(await chart.getAttribute("data-active-x"));
    const y = Number(await chart.getAttribute("data-active-y"));
    await page.keyboard.press("Escape");
    await chart.evaluate((el) => (el as HTMLElement).blur());
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + x, box.y + y);
    const card = page.locator("[data-testid=hover-card]");
    await card.waitFor();
    const claim = await api<{ node: { display: string; appearances: { quote: string }[] } }>(
      `query ($id: ID!) { node(id: $id) { ... on Claim { display appearances { quote } } } }`,
      { id: claimId },
    );
    await expect
      .poll(() => card.locator("blockquote").textContent())
      .toContain(claim.node.appearances[0]!.quote.slice(0, 60));
    expect(await card.textContent()).toContain(claim.node.display);
    await screenshot(page, "overview-hover");
    await page.mouse.click(box.x + x, box.y + y);
    await page.waitForURL((url) => url.pathname === `/claims/${encodeURIComponent(claimId)}`);
  });

  it("works from the keyboard: arrows move between claims and Enter opens one", async () => {
    await open(page, "/");
    const chart = page.locator("[data-testid=overview-chart]");
    await chart.focus();
    await page.keyboard.press("End");
    await expect.poll(() => chart.getAttribute("data-active-claim")).not.toBeNull();
    const claimId = (await chart.getAttribute("data-active-claim")) ?? "";
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === `/claims/${encodeURIComponent(claimId)}`);
  });

  it("draws on a logarithmic scale and colours by side, from the URL", async () => {
    await open(page, "/?scale=log&group=side");
    expect(await page.locator("#filter-scale").inputValue()).toBe("log");
    expect(await page.locator("#filter-group").inputValue()).toBe("side");
    expect(await rowIds(page)).toEqual(await plottedIds({}));
  });

  it("plots only the newest claims when asked to, and says what was left out and how to see it", async () => {
    const all = await plottedIds({});
    expect(all.length).toBeGreaterThan(3);
    const bounded = await api<{
      claimSeries: { totalPoints: number; truncated: boolean; series: { points: { claimId: string }[] }[] };
    }>(
      `query ($filter: ClaimFilter) { claimSeries(filter: $filter, maxPoints: 3) { totalPoints truncated series { points { claimId } } } }`,
      { filter: { reviewStatus: ["UNREVIEWED", "VERIFIED", "DISPUTED"] } },
    );
    expect(bounded.claimSeries.truncated).toBe(true);
    const newest = bounded.claimSeries.series.flatMap((s) => s.points.map((p) => p.claimId)).sort();
    const total = bounded.claimSeries.totalPoints.toLocaleString("en-US");

    // The default view holds every claim of the demo corpus: no notice.
    await open(page, "/");
    expect(await page.locator("[data-testid=truncation-notice]").count()).toBe(0);

    // "Claims plotted" applies with Enter and goes into the URL.
    await page.fill("#filter-points", "3");
    await page.press("#filter-points", "Enter");
    await page.waitForURL((url) => url.searchParams.get("points") === "3");
    await expect.poll(() => rowIds(page)).toEqual(newest);
    const notice = page.locator("[data-testid=truncation-notice]");
    await expect
      .poll(() => notice.textContent())
      .toContain(`The chart shows the newest 3 of ${total} matching claims`);
    expect(await notice.textContent()).toContain("narrow the dates");
    expect(await page.locator("[data-testid=overview-chart]").getAttribute("data-point-count")).toBe("3");

    // The URL alone reproduces the view; the notice links to the claims table with the same filters.
    await open(page, "/?points=3&group=side");
    expect(await rowIds(page)).toEqual(newest);
    expect(await page.locator("#filter-points").inputValue()).toBe("3");
    const table = page.locator("[data-testid=truncation-notice] a", { hasText: "claims table" });
    expect(await table.getAttribute("href")).toBe("/claims?group=side");
    // The latest figure of every source stays listed, plotted or not.
    const sources = await api<{ claimSeries: { latestBySource: { label: string }[] } }>(
      `query ($filter: ClaimFilter) { claimSeries(filter: $filter) { latestBySource { label } } }`,
      { filter: { reviewStatus: ["UNREVIEWED", "VERIFIED", "DISPUTED"] } },
    );
    expect(await page.locator(".latest li").count()).toBe(sources.claimSeries.latestBySource.length);
    await screenshot(page, "overview-newest");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("opens a live-update stream to the API", async () => {
    const streamed = page.waitForResponse(
      (response) =>
        response.url().endsWith("/graphql") &&
        (response.headers()["content-type"] ?? "").includes("text/event-stream"),
    );
    await open(page, "/");
    expect((await streamed).status()).toBe(200);
  });
});
