import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { EDITOR } from "./accounts.ts";
import { api, apiAs, launchBrowser, signIn } from "./browser.ts";

// What the overview tests share: the API's view of what the chart should draw, readers of the page's
// table, and editors' writes through the dashboard's own API route.

export interface Series {
  claimSeries: { series: { points: { claimId: string; date: string | null }[] }[] };
}

export const SERIES = /* GraphQL */ `
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
export const DEFAULT_VIEW = { metric: ["DEPLOYED"], rate: ["TOTAL"] };

/** The claims the chart should draw: every dated point the API plots for the filter. */
export async function plottedIds(filter: Record<string, unknown>): Promise<string[]> {
  const data = await api<Series>(SERIES, {
    filter: { reviewStatus: ["UNREVIEWED", "VERIFIED", "DISPUTED"], ...DEFAULT_VIEW, ...filter },
  });
  return data.claimSeries.series
    .flatMap((s) => s.points.filter((p) => p.date !== null).map((p) => p.claimId))
    .sort();
}

/** The sources live claims name (what the source filter used to list), and their names. */
export const names = new Map<string, string>();
export async function facetSources(): Promise<string[]> {
  const data = await api<{ claimFacets: { sources: { entity: { id: string; name: string } }[] } }>(
    "{ claimFacets { sources { entity { id name } } } }",
  );
  for (const { entity } of data.claimFacets.sources) names.set(entity.id, entity.name);
  return data.claimFacets.sources.map(({ entity }) => entity.id);
}

/** The overview's chart once it has drawn every claim it carries: its keys and pointer work from then on
 * (the server sends an empty frame, the canvas is drawn after hydration). */
export async function drawnChart(page: Page) {
  const chart = page.locator("[data-testid=overview-chart]");
  await expect
    .poll(async () => {
      const [count, drawn] = await Promise.all([
        chart.getAttribute("data-point-count"),
        chart.getAttribute("data-drawn"),
      ]);
      return count !== null && count === drawn;
    })
    .toBe(true);
  return chart;
}

export const rowIds = (page: Page) =>
  page
    .locator("[data-testid=chart-table] tbody tr")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-claim-id") ?? "").sort());

/** A browser with one desktop-sized page, opened before the file's tests and closed after them. */
export function overviewBrowser(): { browser: Browser; page: Page } {
  const ui = {} as { browser: Browser; page: Page };
  beforeAll(async () => {
    ui.browser = await launchBrowser();
    ui.page = await (await ui.browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  });
  afterAll(async () => {
    await ui.browser?.close();
  });
  return ui;
}

export interface PointFacts {
  node: {
    metric: string;
    rate: string;
    subjectEntity: { id: string } | null;
    source: { name: string } | null;
  };
}

export const POINT_FACTS = /* GraphQL */ `
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

export const cellTexts = (page: Page, column: number) =>
  page
    .locator("[data-testid=chart-table] tbody tr")
    .evaluateAll(
      (rows, index) => rows.map((row) => row.querySelectorAll("td")[index]?.textContent ?? ""),
      column,
    );

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
export function csvRecords(text: string): string[][] {
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
export async function editorPage(browser: Browser): Promise<Page> {
  const editor = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await signIn(editor, EDITOR.email, EDITOR.password);
  return editor;
}

export async function ingest(editor: Page, text: string): Promise<string[]> {
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

export const TWO_METRICS = `Two counts from the front
Source: The Test Herald
Date: 2026-05-04

The Pentagon said on Monday that 10,000 North Korean soldiers had been deployed to the Kursk region.
Ukraine's military intelligence said on Monday that 2,000 North Korean soldiers had been killed in Kursk.
South Korea's National Intelligence Service said on Monday that 12,000 North Korean soldiers had been deployed to the Kursk region.
`;

export const SAME_FIGURE_TWICE = `Same figure twice
Source: The Test Herald
Date: 2026-06-08

The Pentagon said on Monday that 11,500 North Korean soldiers had been deployed to the Kursk region.
South Korea's National Intelligence Service said on Monday that 11,500 North Korean soldiers had been deployed to the Kursk region.
`;

export const RECRUITMENT = `Recruitment drive
Source: The Test Herald
Date: 2026-07-06

The interior ministry said on Monday that 4,321 reservists had been recruited since January.
`;
