import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR } from "./support/accounts.ts";
import { api, apiAs, launchBrowser, open, screenshot, seriousViolations, signIn } from "./support/browser.ts";

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

/** What the overview shows unless asked otherwise: one metric, deployed troops, as totals. */
const DEFAULT_VIEW = { metric: ["DEPLOYED"], rate: ["TOTAL"] };

/** The claims the chart should draw: every dated point the API plots for the filter. */
async function plottedIds(filter: Record<string, unknown>): Promise<string[]> {
  const data = await api<Series>(SERIES, {
    filter: { reviewStatus: ["UNREVIEWED", "VERIFIED", "DISPUTED"], ...DEFAULT_VIEW, ...filter },
  });
  return data.claimSeries.series
    .flatMap((s) => s.points.filter((p) => p.date !== null).map((p) => p.claimId))
    .sort();
}

/** The sources live claims name (what the source filter used to list), and their names. */
const names = new Map<string, string>();
async function facetSources(): Promise<string[]> {
  const data = await api<{ claimFacets: { sources: { entity: { id: string; name: string } }[] } }>(
    "{ claimFacets { sources { entity { id name } } } }",
  );
  for (const { entity } of data.claimFacets.sources) names.set(entity.id, entity.name);
  return data.claimFacets.sources.map(({ entity }) => entity.id);
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
    await page.locator("#filter-source").fill(name);
    await page
      .getByRole("option", { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(`) })
      .first()
      .click();
    await page.waitForURL((url) => url.searchParams.get("source") === chosen);
    await expect.poll(() => rowIds(page)).toEqual(chosenIds);
    await expect
      .poll(() => page.locator("[data-testid=overview-chart]").getAttribute("data-point-count"))
      .toBe(String(chosenIds.length));
    // The URL alone reproduces the view.
    await open(page, `/?source=${encodeURIComponent(chosen)}`);
    expect(await rowIds(page)).toEqual(chosenIds);
    expect(await page.locator("#filter-source").inputValue()).toBe(name);
    expect(await page.locator("input[name=source]").inputValue()).toBe(chosen);
  });

  it("shows the value, source and quote on hover, and opens the claim on click", async () => {
    await open(page, "/");
    const chart = page.locator("[data-testid=overview-chart]");
    const box = (await chart.boundingBox())!;
    // The keyboard selects each mark in turn; the first one drawn alone is pointed at with the mouse
    // (marks drawn on top of each other open a list instead, tested below).
    let claimId = "";
    let x = 0;
    let y = 0;
    const count = Number(await chart.getAttribute("data-point-count"));
    for (let index = 0; index < count && !claimId; index++) {
      await chart.focus();
      await page.keyboard.press("Home");
      for (let step = 0; step < index; step++) await page.keyboard.press("ArrowRight");
      await expect.poll(() => chart.getAttribute("data-active-x")).not.toBeNull();
      const selected = (await chart.getAttribute("data-active-claim")) ?? "";
      const at = [
        Number(await chart.getAttribute("data-active-x")),
        Number(await chart.getAttribute("data-active-y")),
      ];
      await page.keyboard.press("Escape");
      await chart.evaluate((el) => (el as HTMLElement).blur());
      await page.mouse.move(box.x + at[0]!, box.y + at[1]!);
      await expect.poll(() => chart.getAttribute("data-active-stack")).not.toBeNull();
      if ((await chart.getAttribute("data-active-stack")) === "1") {
        expect(await chart.getAttribute("data-active-claim")).toBe(selected);
        [claimId, x, y] = [selected, at[0]!, at[1]!];
      }
      await page.mouse.move(0, 0);
    }
    expect(claimId).not.toBe("");
    await page.mouse.move(box.x + x, box.y + y);
    const card = page.locator("[data-testid=hover-card]");
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
      { filter: { reviewStatus: ["UNREVIEWED", "VERIFIED", "DISPUTED"], ...DEFAULT_VIEW } },
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
    expect(await table.getAttribute("href")).toBe("/claims?metric=deployed&rate=total&group=side");
    // The latest figure of every source stays listed, plotted or not.
    const sources = await api<{ claimSeries: { latestBySource: { label: string }[] } }>(
      `query ($filter: ClaimFilter) { claimSeries(filter: $filter) { latestBySource { label } } }`,
      { filter: { reviewStatus: ["UNREVIEWED", "VERIFIED", "DISPUTED"], ...DEFAULT_VIEW } },
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

interface PointFacts {
  node: {
    metric: string;
    rate: string;
    subjectEntity: { id: string } | null;
    source: { name: string } | null;
  };
}

const POINT_FACTS = /* GraphQL */ `
  query ($id: ID!) {
    node(id: $id) {
      ... on Claim {
        metric
        rate
        subjectEntity {
          id
        }
        source {
          name
        }
      }
    }
  }
`;

const cellTexts = (page: Page, column: number) =>
  page
    .locator("[data-testid=chart-table] tbody tr")
    .evaluateAll(
      (rows, index) => rows.map((row) => row.querySelectorAll("td")[index]?.textContent ?? ""),
      column,
    );

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  return records;
}

/** An editor's page, for writes through the dashboard's own API route. */
async function editorPage(): Promise<Page> {
  const editor = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await signIn(editor, EDITOR.email, EDITOR.password);
  return editor;
}

async function ingest(editor: Page, text: string): Promise<string[]> {
  const result = await apiAs<{
    ingestArticle: {
      __typename: string;
      article: { appearances: { edges: { node: { claim: { id: string } } }[] } } | null;
    };
  }>(
    editor,
    `mutation ($input: IngestArticleInput!) {
      ingestArticle(input: $input) {
        __typename
        ... on IngestArticleSuccess { article { appearances(first: 100) { edges { node { claim { id } } } } } }
      }
    }`,
    { input: { text } },
  );
  expect(result.ingestArticle.__typename).toBe("IngestArticleSuccess");
  return (result.ingestArticle.article?.appearances.edges ?? []).map((edge) => edge.node.claim.id);
}

const TWO_METRICS = `Two counts from the front
Source: The Test Herald
Date: 2026-05-04

The Pentagon said on Monday that 10,000 North Korean soldiers had been deployed to the Kursk region.
Ukraine's military intelligence said on Monday that 2,000 North Korean soldiers had been killed in Kursk.
South Korea's National Intelligence Service said on Monday that 12,000 North Korean soldiers had been deployed to the Kursk region.
`;

const SAME_FIGURE_TWICE = `Same figure twice
Source: The Test Herald
Date: 2026-06-08

The Pentagon said on Monday that 11,500 North Korean soldiers had been deployed to the Kursk region.
South Korea's National Intelligence Service said on Monday that 11,500 North Korean soldiers had been deployed to the Kursk region.
`;

const RECRUITMENT = `Recruitment drive
Source: The Test Herald
Date: 2026-07-06

The interior ministry said on Monday that 4,321 reservists had been recruited since January.
`;

describe("one metric per axis", () => {
  it("plots deployed totals by default and names the metric on the axis, the table, the latest figures and the export", async () => {
    await open(page, "/");
    expect(await page.locator("#filter-metric").inputValue()).toBe("deployed");
    expect(await page.locator("#filter-rate").inputValue()).toBe("total");
    // The corpus holds other metrics and a daily rate: none of them is on this chart.
    const everything = await plottedIds({ metric: undefined, rate: undefined });
    const deployed = await plottedIds({});
    expect(everything.length).toBeGreaterThan(deployed.length);
    expect(await rowIds(page)).toEqual(deployed);
    expect(new Set(await cellTexts(page, 2))).toEqual(new Set(["Deployed"]));
    expect(await page.locator(".chart-caption").first().textContent()).toContain("y: deployed, people");
    const latest = await page.locator(".latest-metric").allTextContents();
    expect(latest.length).toBeGreaterThan(0);
    expect(new Set(latest)).toEqual(new Set(["deployed"]));
    expect(await page.locator("#latest-title").textContent()).toBe("Latest deployed figure from each source");
    expect(await page.locator("[data-testid=latest-meaning]").textContent()).toContain(
      "by the day it was said",
    );
    const csv = await page.request.get(
      new URL(
        (await page.locator("[data-testid=overview-export]").getAttribute("href"))!,
        page.url(),
      ).toString(),
    );
    const [header, ...records] = csvRecords(await csv.text());
    expect(records.length).toBeGreaterThanOrEqual(deployed.length);
    for (const record of records) {
      expect(record[header!.indexOf("metric")]).toBe("deployed");
      expect(record[header!.indexOf("rate")]).toBe("total");
    }
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("keeps rates off an axis of totals, and offers the metrics the filters do match", async () => {
    const rates = await api<{ claimFacets: { metrics: { metric: string; rate: string; count: number }[] } }>(
      `{ claimFacets { metrics { metric rate count } } }`,
    );
    const rate = rates.claimFacets.metrics.find((m) => m.rate !== "TOTAL");
    expect(rate).toBeDefined();
    const metric = rate!.metric.toLowerCase();
    const totals = rates.claimFacets.metrics.find((m) => m.metric === rate!.metric && m.rate === "TOTAL");
    await open(page, `/?metric=${metric}`);
    // Totals of that metric, never its rates.
    expect(await rowIds(page)).toEqual(await plottedIds({ metric: [rate!.metric], rate: ["TOTAL"] }));
    if (!totals) {
      const offered = page.locator("[data-testid=other-metrics] a");
      const names = await offered.allTextContents();
      expect(names.length).toBe(rates.claimFacets.metrics.length);
      await offered
        .filter({ hasText: / per (day|week)|percent/ })
        .first()
        .click();
      await page.waitForURL((url) => url.searchParams.get("rate") === rate!.rate.toLowerCase());
    } else {
      await page.selectOption("#filter-rate", rate!.rate.toLowerCase());
      await page.waitForURL((url) => url.searchParams.get("rate") === rate!.rate.toLowerCase());
    }
    await expect
      .poll(() => rowIds(page))
      .toEqual(await plottedIds({ metric: [rate!.metric], rate: [rate!.rate] }));
    expect(await page.locator(".chart-caption").first().textContent()).toMatch(/ per (day|week)|percent/);
    await screenshot(page, "overview-rate");
  });

  it("never sets a deployment against a death toll in the spread", async () => {
    const editor = await editorPage();
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
      await open(page, path);
      const spread = page.locator("[data-testid=spread]");
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
    await open(page, "/");
    expect(await page.locator("[data-testid=spread]").textContent()).toMatch(
      /^Deployed, .+’s forces, latest figures dated/,
    );
    await screenshot(page, "overview-spread");
    await editor.context().close();
  });
});

describe("marks and colours", () => {
  it("reaches a mark hidden under another: a click lists every claim at that point", async () => {
    const editor = await editorPage();
    const ingested = await ingest(editor, SAME_FIGURE_TWICE);
    expect(ingested.length).toBe(2);
    await editor.context().close();
    await open(page, "/");
    const chart = page.locator("[data-testid=overview-chart]");
    await chart.focus();
    await page.keyboard.press("Home");
    // The keyboard walks to one of the two coincident claims; the mouse then clicks where it is drawn.
    for (let presses = 0; presses < 200; presses++) {
      if (ingested.includes((await chart.getAttribute("data-active-claim")) ?? "")) break;
      await page.keyboard.press("ArrowRight");
    }
    expect(ingested).toContain(await chart.getAttribute("data-active-claim"));
    const x = Number(await chart.getAttribute("data-active-x"));
    const y = Number(await chart.getAttribute("data-active-y"));
    await page.keyboard.press("Escape");
    await chart.evaluate((el) => (el as HTMLElement).blur());
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + x, box.y + y);
    await expect.poll(() => chart.getAttribute("data-active-stack")).toBe("2");
    await expect
      .poll(() => page.locator("[data-testid=hover-card]").textContent())
      .toContain("2 claims at this point");
    await page.mouse.click(box.x + x, box.y + y);
    const picker = page.locator("[data-testid=mark-picker]");
    await picker.waitFor();
    const listed = await picker
      .locator("a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("data-claim-id")));
    expect([...listed].sort()).toEqual([...ingested].sort());
    await screenshot(page, "overview-picker");
    expect(await seriousViolations(page)).toEqual([]);
    // The one drawn underneath opens as well as the one on top.
    const hidden = listed[listed.length - 1]!;
    await picker.locator(`a[data-claim-id="${hidden}"]`).click();
    await page.waitForURL((url) => url.pathname === `/claims/${encodeURIComponent(hidden)}`);
  });

  it("keeps each source's colour whatever the filters", async () => {
    const swatches = async () =>
      Object.fromEntries(
        await page
          .locator(".series-legend li")
          .evaluateAll((items) =>
            items.map((li) => [
              li.childNodes[1]?.textContent?.trim() ?? "",
              (li.querySelector(".swatch") as HTMLElement).style.background,
            ]),
          ),
      ) as Record<string, string>;
    await open(page, "/");
    const all = await swatches();
    const sources = await facetSources();
    let compared = 0;
    for (const source of sources.slice(0, 6)) {
      await open(page, `/?source=${encodeURIComponent(source)}`);
      for (const [label, colour] of Object.entries(await swatches())) {
        if (all[label] === undefined) continue;
        expect(colour, label).toBe(all[label]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});

describe("feedback", () => {
  it("says the view is updating while new filters load", async () => {
    await open(page, "/");
    // The next view's data is held back a moment, as on a slow connection.
    await page.route("**/*", async (route) => {
      if (route.request().headers().rsc) await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.selectOption("#filter-scale", "log");
    await expect.poll(() => page.locator("form.filters").getAttribute("aria-busy")).toBe("true");
    expect(await page.locator("[data-testid=filters-busy]").textContent()).toBe("Updating…");
    await page.waitForURL((url) => url.searchParams.get("scale") === "log");
    await expect.poll(() => page.locator("form.filters").getAttribute("aria-busy")).toBe("false");
    await page.unrouteAll({ behavior: "wait" });
  });

  it("brings in a newly ingested article's claims while the page is open, without a reload", async () => {
    await open(page, "/?metric=recruited");
    const before = await rowIds(page);
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    const editor = await editorPage();
    const ingested = await ingest(editor, RECRUITMENT);
    expect(ingested.length).toBe(1);
    await expect.poll(() => rowIds(page), { timeout: 15_000 }).toEqual([...before, ...ingested].sort());
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    expect(await page.locator("[data-testid=live-status]").textContent()).toMatch(/update(s)? received/);
    await editor.context().close();
  });

  it("follows verdicts in the review queue's count as they happen", async () => {
    const editor = await editorPage();
    await open(editor, "/review");
    const waiting = async () =>
      Number((await editor.locator("main > p.muted").first().textContent())?.match(/(\d+) waiting/)?.[1]);
    const count = await waiting();
    expect(count).toBeGreaterThan(0);
    const first = await api<{ reviewQueue: { edges: { node: { id: string; version: number } }[] } }>(
      `{ reviewQueue(first: 1) { edges { node { id version } } } }`,
    ).catch(() => null);
    const queue =
      first ??
      (await apiAs<{ reviewQueue: { edges: { node: { id: string; version: number } }[] } }>(
        editor,
        `{ reviewQueue(first: 1) { edges { node { id version } } } }`,
      ));
    const claim = queue.reviewQueue.edges[0]!.node;
    // Another editor's verdict, through the API: this page is not touched.
    const verdict = await apiAs<{ reviewClaim: { __typename: string } }>(
      editor,
      `mutation ($id: ID!, $v: Int!) { reviewClaim(id: $id, expectedVersion: $v, status: VERIFIED) { __typename } }`,
      { id: claim.id, v: claim.version },
    );
    expect(verdict.reviewClaim.__typename).not.toMatch(/Error$/);
    await expect.poll(waiting, { timeout: 15_000 }).toBe(count - 1);
    await editor.context().close();
  });
});
