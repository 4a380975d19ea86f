import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { api, open, useBrowser } from "./support/browser.ts";
import { drawnChart } from "./support/overview.ts";

const browser = useBrowser();
let page: Page;

beforeAll(async () => {
  page = await browser.newPage({ width: 1280, height: 900 });
});

/** The overview's plotted claims of the default view, as the API plots them. */
async function plottedIds(): Promise<string[]> {
  const data = await api<{
    claimSeries: { series: { points: { claimId: string; date: string | null }[] }[] };
  }>(`query ($filter: ClaimFilter) { claimSeries(filter: $filter) { series { points { claimId date } } } }`, {
    filter: {
      reviewStatus: ["UNREVIEWED", "VERIFIED", "DISPUTED"],
      metric: ["DEPLOYED"],
      rate: ["TOTAL"],
    },
  });
  return data.claimSeries.series.flatMap((s) => s.points.filter((p) => p.date).map((p) => p.claimId));
}

describe("overview: the chart arrives after the first paint", () => {
  it("draws every plotted claim once it arrives, each mark one click (or Enter) from its quote", async () => {
    const ids = await plottedIds();
    expect(ids.length).toBeGreaterThan(0);
    await open(page, "/");
    const chart = await drawnChart(page);
    expect(await page.locator("[data-testid=chart-loading]").count()).toBe(0);
    expect(Number(await chart.getAttribute("data-point-count"))).toBe(ids.length);
    expect(await page.locator("[data-testid=chart-window]").textContent()).toContain(
      `${ids.length} claim${ids.length === 1 ? "" : "s"} plotted`,
    );
    // Every mark is reachable: the arrow keys visit each claim the API plots, and Enter opens one.
    await chart.focus();
    const visited = new Set<string>();
    await page.keyboard.press("Home");
    let previous: string | null = null;
    for (let i = 0; i < ids.length; i++) {
      if (i > 0) await page.keyboard.press("ArrowRight");
      await expect.poll(() => chart.getAttribute("data-active-claim")).not.toBe(previous);
      previous = await chart.getAttribute("data-active-claim");
      visited.add(previous ?? "");
    }
    expect([...visited].sort()).toEqual([...ids].sort());
    const last = (await chart.getAttribute("data-active-claim")) ?? "";
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === `/claims/${encodeURIComponent(last)}`);
    await expect.poll(() => page.locator("blockquote").count()).toBeGreaterThan(0);
  });
});
