import { describe, expect, it } from "vitest";
import { api, open, screenshot, seriousViolations } from "./support/browser.ts";
import {
  cellTexts,
  csvRecords,
  drawnChart,
  editorPage,
  facetSources,
  ingest,
  overviewBrowser,
  POINT_FACTS,
  type PointFacts,
  plottedIds,
  rowIds,
  SAME_FIGURE_TWICE,
  TWO_METRICS,
} from "./support/overview.ts";

// The overview keeps one metric per axis, reaches marks drawn on top of each other and keeps colours stable.
const ui = overviewBrowser();

describe("one metric per axis", () => {
  it("plots deployed totals by default and names the metric on the axis, the table, the latest figures and the export", async () => {
    await open(ui.page, "/");
    expect(await ui.page.locator("#filter-metric").inputValue()).toBe("deployed");
    expect(await ui.page.locator("#filter-rate").inputValue()).toBe("total");
    // The corpus holds other metrics and a daily rate: none of them is on this chart.
    const everything = await plottedIds({ metric: undefined, rate: undefined });
    const deployed = await plottedIds({});
    expect(everything.length).toBeGreaterThan(deployed.length);
    expect(await rowIds(ui.page)).toEqual(deployed);
    expect(new Set(await cellTexts(ui.page, 2))).toEqual(new Set(["Deployed"]));
    expect(await ui.page.locator(".chart-caption").first().textContent()).toContain("y: deployed, people");
    const latest = await ui.page.locator(".latest-metric").allTextContents();
    expect(latest.length).toBeGreaterThan(0);
    expect(new Set(latest)).toEqual(new Set(["deployed"]));
    expect(await ui.page.locator("#latest-title").textContent()).toBe(
      "Latest deployed figure from each source",
    );
    expect(await ui.page.locator("[data-testid=latest-meaning]").textContent()).toContain(
      "by the day it was said",
    );
    const csv = await ui.page.request.get(
      new URL(
        (await ui.page.locator("[data-testid=overview-export]").getAttribute("href"))!,
        ui.page.url(),
      ).toString(),
    );
    const [header, ...records] = csvRecords(await csv.text());
    expect(records.length).toBeGreaterThanOrEqual(deployed.length);
    for (const record of records) {
      expect(record[header!.indexOf("metric")]).toBe("deployed");
      expect(record[header!.indexOf("rate")]).toBe("total");
    }
    expect(await seriousViolations(ui.page)).toEqual([]);
  });

  it("keeps rates off an axis of totals, and offers the metrics the filters do match", async () => {
    const rates = await api<{ claimFacets: { metrics: { metric: string; rate: string; count: number }[] } }>(
      `{ claimFacets { metrics { metric rate count } } }`,
    );
    const rate = rates.claimFacets.metrics.find((m) => m.rate !== "TOTAL");
    expect(rate).toBeDefined();
    const metric = rate!.metric.toLowerCase();
    const totals = rates.claimFacets.metrics.find((m) => m.metric === rate!.metric && m.rate === "TOTAL");
    await open(ui.page, `/?metric=${metric}`);
    // Totals of that metric, never its rates.
    expect(await rowIds(ui.page)).toEqual(await plottedIds({ metric: [rate!.metric], rate: ["TOTAL"] }));
    if (!totals) {
      const offered = ui.page.locator("[data-testid=other-metrics] a");
      const names = await offered.allTextContents();
      expect(names.length).toBe(rates.claimFacets.metrics.length);
      await offered
        .filter({ hasText: / per (day|week)|percent/ })
        .first()
        .click();
      await ui.page.waitForURL((url) => url.searchParams.get("rate") === rate!.rate.toLowerCase());
    } else {
      await ui.page.selectOption("#filter-rate", rate!.rate.toLowerCase());
      await ui.page.waitForURL((url) => url.searchParams.get("rate") === rate!.rate.toLowerCase());
    }
    await expect
      .poll(() => rowIds(ui.page))
      .toEqual(await plottedIds({ metric: [rate!.metric], rate: [rate!.rate] }));
    expect(await ui.page.locator(".chart-caption").first().textContent()).toMatch(/ per (day|week)|percent/);
    await screenshot(ui.page, "overview-rate");
  });

  it("never sets a deployment against a death toll in the spread", async () => {
    const editor = await editorPage(ui.browser);
    const ingested = await ingest(editor, TWO_METRICS);
    expect(ingested.length).toBe(3);
    const facts = await Promise.all(ingested.map((id) => api<PointFacts>(POINT_FACTS, { id })));
    expect(facts.map((f) => f.node.metric).sort()).toEqual(["DEPLOYED", "DEPLOYED", "KILLED"]);
    const killedId = ingested[facts.findIndex((f) => f.node.metric === "KILLED")]!;
    let shown = 0;
    for (const [path, metric] of [
      ["/", "DEPLOYED"],
      ["/?metric=killed", "KILLED"],
    ] as const) {
      await open(ui.page, path);
      const spread = ui.page.locator("[data-testid=spread]");
      const compared = ((await spread.getAttribute("data-compared")) ?? "").split(" ").filter(Boolean);
      if (compared.length > 0) shown++;
      const comparedFacts = await Promise.all(compared.map((id) => api<PointFacts>(POINT_FACTS, { id })));
      for (const fact of comparedFacts) {
        expect(fact.node.metric).toBe(metric);
        expect(fact.node.rate).toBe("TOTAL");
        expect(fact.node.subjectEntity?.id).toBe(comparedFacts[0]!.node.subjectEntity?.id);
      }
      if (metric === "DEPLOYED") expect(compared).not.toContain(killedId);
      // The death toll's 2,000 never appears as a side of the comparison ("12,000 (" is a deployment).
      if (metric === "DEPLOYED" && compared.length > 0) {
        expect(await spread.locator("p.spread").textContent()).not.toMatch(/(^|[^\d,])2,000 \(/);
      }
    }
    // The deployed view has figures to compare: the test above could have failed.
    expect(shown).toBeGreaterThan(0);
    await open(ui.page, "/");
    expect(await ui.page.locator("[data-testid=spread]").textContent()).toMatch(
      /^Deployed, .+’s forces, latest figures dated/,
    );
    await screenshot(ui.page, "overview-spread");
    await editor.context().close();
  });
});

describe("marks and colours", () => {
  it("reaches a mark hidden under another: a click lists every claim at that point", async () => {
    const editor = await editorPage(ui.browser);
    const ingested = await ingest(editor, SAME_FIGURE_TWICE);
    expect(ingested.length).toBe(2);
    await editor.context().close();
    await open(ui.page, "/");
    const chart = await drawnChart(ui.page);
    expect(Number(await chart.getAttribute("data-point-count"))).toBeGreaterThan(0);
    await chart.focus();
    await ui.page.keyboard.press("Home");
    // The keyboard walks to one of the two coincident claims; the mouse then clicks where it is drawn.
    for (let presses = 0; presses < 200; presses++) {
      if (ingested.includes((await chart.getAttribute("data-active-claim")) ?? "")) break;
      await ui.page.keyboard.press("ArrowRight");
    }
    expect(ingested).toContain(await chart.getAttribute("data-active-claim"));
    const x = Number(await chart.getAttribute("data-active-x"));
    const y = Number(await chart.getAttribute("data-active-y"));
    await ui.page.keyboard.press("Escape");
    await chart.evaluate((el) => (el as HTMLElement).blur());
    const box = (await chart.boundingBox())!;
    await ui.page.mouse.move(box.x + x, box.y + y);
    await expect.poll(() => chart.getAttribute("data-active-stack")).toBe("2");
    await expect
      .poll(() => ui.page.locator("[data-testid=hover-card]").textContent())
      .toContain("2 claims at this point");
    await ui.page.mouse.click(box.x + x, box.y + y);
    const picker = ui.page.locator("[data-testid=mark-picker]");
    await picker.waitFor();
    const listed = await picker
      .locator("a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("data-claim-id")));
    expect([...listed].sort()).toEqual([...ingested].sort());
    await screenshot(ui.page, "overview-picker");
    expect(await seriousViolations(ui.page)).toEqual([]);
    // The one drawn underneath opens as well as the one on top.
    const hidden = listed[listed.length - 1]!;
    await picker.locator(`a[data-claim-id="${hidden}"]`).click();
    await ui.page.waitForURL((url) => url.pathname === `/claims/${encodeURIComponent(hidden)}`);
  });

  it("keeps each source's colour whatever the filters", async () => {
    const swatches = async () =>
      Object.fromEntries(
        await ui.page
          .locator(".series-legend li")
          .evaluateAll((items) =>
            items.map((li) => [
              li.childNodes[1]?.textContent?.trim() ?? "",
              (li.querySelector(".swatch") as HTMLElement).style.background,
            ]),
          ),
      ) as Record<string, string>;
    await open(ui.page, "/");
    const all = await swatches();
    const sources = await facetSources();
    let compared = 0;
    for (const source of sources.slice(0, 6)) {
      await open(ui.page, `/?source=${encodeURIComponent(source)}`);
      for (const [label, colour] of Object.entries(await swatches())) {
        if (all[label] === undefined) continue;
        expect(colour, label).toBe(all[label]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
