import { describe, expect, it } from "vitest";
import { api, open, screenshot, seriousViolations } from "./support/browser.ts";
import {
  DEFAULT_VIEW,
  drawnChart,
  facetSources,
  names,
  overviewBrowser,
  plottedIds,
  rowIds,
} from "./support/overview.ts";

// The overview chart and its table: one row per mark, filters in the URL, hover, keyboard and the point limit.
const ui = overviewBrowser();

describe("overview", () => {
  it("has one table row, with its data-claim-id, per claim drawn in the chart", async () => {
    await open(ui.page, "/");
    const expected = await plottedIds({});
    expect(expected.length).toBeGreaterThan(0);
    expect(await rowIds(ui.page)).toEqual(expected);
    await expect
      .poll(() => ui.page.locator("[data-testid=overview-chart]").getAttribute("data-point-count"))
      .toBe(String(expected.length));
    // The canvas comes once the chart has drawn its marks (after hydration), not with the page's HTML.
    const chart = await drawnChart(ui.page);
    expect(await chart.locator("canvas").count()).toBeGreaterThan(0);
    await screenshot(ui.page, "overview");
    expect(await seriousViolations(ui.page)).toEqual([]);
  });

  it("applies a filter to the marks, the rows and the URL", async () => {
    await open(ui.page, "/");
    const before = await rowIds(ui.page);
    const sources = await facetSources();
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
    // The source picker asks the API for the names typed; the suggestion taken applies the filter.
    const name = names.get(chosen) ?? "";
    await ui.page.locator("#filter-source").fill(name);
    await ui.page
      .getByRole("option", { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(`) })
      .first()
      .click();
    await ui.page.waitForURL((url) => url.searchParams.get("source") === chosen);
    await expect.poll(() => rowIds(ui.page)).toEqual(chosenIds);
    await expect
      .poll(() => ui.page.locator("[data-testid=overview-chart]").getAttribute("data-point-count"))
      .toBe(String(chosenIds.length));
    // The URL alone reproduces the view.
    await open(ui.page, `/?source=${encodeURIComponent(chosen)}`);
    expect(await rowIds(ui.page)).toEqual(chosenIds);
    expect(await ui.page.locator("#filter-source").inputValue()).toBe(name);
    expect(await ui.page.locator("input[name=source]").inputValue()).toBe(chosen);
  });

  it("shows the value, source and quote on hover, and opens the claim on click", async () => {
    await open(ui.page, "/");
    const chart = await drawnChart(ui.page);
    const box = (await chart.boundingBox())!;
    // The keyboard selects each mark in turn; the first one drawn alone is pointed at with the mouse
    // (marks drawn on top of each other open a list instead, tested below).
    let claimId = "";
    let x = 0;
    let y = 0;
    const count = Number(await chart.getAttribute("data-point-count"));
    for (let index = 0; index < count && !claimId; index++) {
      await chart.focus();
      await ui.page.keyboard.press("Home");
      for (let step = 0; step < index; step++) await ui.page.keyboard.press("ArrowRight");
      await expect.poll(() => chart.getAttribute("data-active-x")).not.toBeNull();
      const selected = (await chart.getAttribute("data-active-claim")) ?? "";
      const at = [
        Number(await chart.getAttribute("data-active-x")),
        Number(await chart.getAttribute("data-active-y")),
      ];
      await ui.page.keyboard.press("Escape");
      await chart.evaluate((el) => (el as HTMLElement).blur());
      await ui.page.mouse.move(box.x + at[0]!, box.y + at[1]!);
      await expect.poll(() => chart.getAttribute("data-active-stack")).not.toBeNull();
      if ((await chart.getAttribute("data-active-stack")) === "1") {
        expect(await chart.getAttribute("data-active-claim")).toBe(selected);
        [claimId, x, y] = [selected, at[0]!, at[1]!];
      }
      await ui.page.mouse.move(0, 0);
    }
    expect(claimId).not.toBe("");
    await ui.page.mouse.move(box.x + x, box.y + y);
    const card = ui.page.locator("[data-testid=hover-card]");
    await card.waitFor();
    const claim = await api<{
      node: { display: string; appearances: { edges: { node: { quote: string } }[] } };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Claim { display appearances { totalCount edges { node { quote } } } } } }`,
      { id: claimId },
    );
    await expect
      .poll(() => card.locator("blockquote").textContent())
      .toContain(claim.node.appearances.edges[0]!.node.quote.slice(0, 60));
    expect(await card.textContent()).toContain(claim.node.display);
    expect(await card.locator("[data-testid=hover-metric]").textContent()).toBe("Deployed");
    await screenshot(ui.page, "overview-hover");
    await ui.page.mouse.click(box.x + x, box.y + y);
    await ui.page.waitForURL((url) => url.pathname === `/claims/${encodeURIComponent(claimId)}`);
  });

  it("works from the keyboard: arrows move between claims and Enter opens one", async () => {
    await open(ui.page, "/");
    const chart = await drawnChart(ui.page);
    await chart.focus();
    await ui.page.keyboard.press("End");
    await expect.poll(() => chart.getAttribute("data-active-claim")).not.toBeNull();
    const claimId = (await chart.getAttribute("data-active-claim")) ?? "";
    await ui.page.keyboard.press("Enter");
    await ui.page.waitForURL((url) => url.pathname === `/claims/${encodeURIComponent(claimId)}`);
  });

  it("draws on a logarithmic scale and colours by side, from the URL", async () => {
    await open(ui.page, "/?scale=log&group=side");
    expect(await ui.page.locator("#filter-scale").inputValue()).toBe("log");
    expect(await ui.page.locator("#filter-group").inputValue()).toBe("side");
    expect(await rowIds(ui.page)).toEqual(await plottedIds({}));
  });

  it("plots only the newest claims when asked to, and says what was left out and how to see it", async () => {
    const all = await plottedIds({});
    expect(all.length).toBeGreaterThan(3);
    const bounded = await api<{
      claimSeries: { totalPoints: number; truncated: boolean; series: { points: { claimId: string }[] }[] };
    }>(
      `query ($filter: ClaimFilter) { claimSeries(filter: $filter, maxPoints: 3) { totalPoints truncated series { points { claimId } } } }`,
      { filter: { reviewStatus: ["UNREVIEWED", "VERIFIED", "DISPUTED"], ...DEFAULT_VIEW } },
    );
    expect(bounded.claimSeries.truncated).toBe(true);
    const newest = bounded.claimSeries.series.flatMap((s) => s.points.map((p) => p.claimId)).sort();
    const total = bounded.claimSeries.totalPoints.toLocaleString("en-US");

    // The default view holds every claim of the demo corpus: no notice.
    await open(ui.page, "/");
    expect(await ui.page.locator("[data-testid=truncation-notice]").count()).toBe(0);

    // "Claims plotted" applies with Enter and goes into the URL.
    await ui.page.fill("#filter-points", "3");
    await ui.page.press("#filter-points", "Enter");
    await ui.page.waitForURL((url) => url.searchParams.get("points") === "3");
    await expect.poll(() => rowIds(ui.page)).toEqual(newest);
    const notice = ui.page.locator("[data-testid=truncation-notice]");
    await expect
      .poll(() => notice.textContent())
      .toContain(`The chart shows the newest 3 of ${total} matching claims`);
    expect(await notice.textContent()).toContain("narrow the dates");
    expect(await ui.page.locator("[data-testid=overview-chart]").getAttribute("data-point-count")).toBe("3");

    // The URL alone reproduces the view; the notice links to the claims table with the same filters.
    await open(ui.page, "/?points=3&group=side");
    expect(await rowIds(ui.page)).toEqual(newest);
    expect(await ui.page.locator("#filter-points").inputValue()).toBe("3");
    const table = ui.page.locator("[data-testid=truncation-notice] a", { hasText: "claims table" });
    expect(await table.getAttribute("href")).toBe("/claims?metric=deployed&rate=total&group=side");
    // The latest figure of every source stays listed, plotted or not.
    const sources = await api<{ claimSeries: { latestBySource: { label: string }[] } }>(
      `query ($filter: ClaimFilter) { claimSeries(filter: $filter) { latestBySource { label } } }`,
      { filter: { reviewStatus: ["UNREVIEWED", "VERIFIED", "DISPUTED"], ...DEFAULT_VIEW } },
    );
    expect(await ui.page.locator(".latest li").count()).toBe(sources.claimSeries.latestBySource.length);
    await screenshot(ui.page, "overview-newest");
    expect(await seriousViolations(ui.page)).toEqual([]);
  });

  it("opens a live-update stream to the API", async () => {
    const streamed = ui.page.waitForResponse(
      (response) =>
        response.url().endsWith("/graphql") &&
        (response.headers()["content-type"] ?? "").includes("text/event-stream"),
    );
    await open(ui.page, "/");
    expect((await streamed).status()).toBe(200);
  });
});
