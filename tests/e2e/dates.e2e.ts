import { MONTH_NAMES } from "@headcount/shared";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { api, open, useBrowser } from "./support/browser.ts";

const MONTH = MONTH_NAMES.join("|");
/** The dashboard's one date format, at day, week, month or year precision, or no date at all. */
const ONE_FORMAT = new RegExp(
  `^(?:(?:week of )?\\d{1,2} (?:${MONTH}) \\d{4}(?: \\(uncertain\\))?|(?:${MONTH}) \\d{4}|\\d{4}|date unknown)$`,
);
/** Dates written any other way: ISO days, day/month numbers, abbreviated months. */
const OTHER_FORMATS =
  /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d/;

interface ClaimDates {
  claims: { edges: { node: { id: string; statedOn: string | null } }[] };
}

const CLAIM_DATES = /* GraphQL */ `
  query {
    claims(first: 100, filter: { reviewStatus: [UNREVIEWED, VERIFIED, DISPUTED] }) {
      edges {
        node {
          id
          statedOn
        }
      }
    }
  }
`;

interface ArticleIds {
  articles: { edges: { node: { id: string } }[] };
}

const browser = useBrowser();
let page: Page;

beforeAll(async () => {
  page = await browser.newPage();
});

/** The text of one column of a table, by its header. */
async function column(page: Page, table: string, header: string): Promise<string[]> {
  return page.locator(table).evaluate((element, name) => {
    const headers = [...element.querySelectorAll("thead th")].map((th) => th.textContent?.trim() ?? "");
    const index = headers.findIndex((text) => text.startsWith(name));
    if (index < 0) throw new Error(`no column ${name} in ${headers.join(", ")}`);
    return [...element.querySelectorAll("tbody tr")].map(
      (row) => row.querySelectorAll("td")[index]?.textContent?.trim() ?? "",
    );
  }, header);
}

/**
 * The text the dashboard writes in the page's main content: quoted article text (blockquotes, the article's
 * body) is the outlet's, written as the outlet wrote it, and is left out.
 */
const mainText = (page: Page) =>
  page.locator("main").evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    for (const quoted of copy.querySelectorAll("blockquote, .article-body, select")) quoted.remove();
    return copy.textContent ?? "";
  });

describe("dates", () => {
  it("writes every displayed date one way: 31 October 2024", async () => {
    await open(page, "/claims");
    const said = await column(page, "[data-testid=claims-table]", "Said");
    const updated = await column(page, "[data-testid=claims-table]", "Changed");
    expect(said.length).toBeGreaterThan(0);
    for (const text of [...said, ...updated]) expect(text).toMatch(ONE_FORMAT);
    expect(await mainText(page)).not.toMatch(OTHER_FORMATS);

    await open(page, "/articles");
    const published = await column(page, "table", "Published");
    expect(published.length).toBeGreaterThan(0);
    for (const text of published) expect(text).toMatch(ONE_FORMAT);
    expect(await mainText(page)).not.toMatch(OTHER_FORMATS);

    // A claim page and an article page, and the overview's table and latest figures.
    const { claims } = await api<ClaimDates>(CLAIM_DATES);
    const dated = claims.edges.find(({ node }) => node.statedOn !== null)?.node;
    expect(dated).toBeDefined();
    await open(page, `/claims/${encodeURIComponent(dated?.id ?? "")}`);
    expect(await mainText(page)).not.toMatch(OTHER_FORMATS);
    const { articles } = await api<ArticleIds>("{ articles(first: 1) { edges { node { id } } } }");
    await open(page, `/articles/${encodeURIComponent(articles.edges[0]?.node.id ?? "")}`);
    expect(await mainText(page)).not.toMatch(OTHER_FORMATS);
    await open(page, "/");
    const chartDates = await column(page, "[data-testid=chart-table]", "Said");
    for (const text of chartDates) expect(text).toMatch(ONE_FORMAT);
    expect(await mainText(page)).not.toMatch(OTHER_FORMATS);
  });

  it("filters by a typed day in any accepted form, and refuses an impossible one beside the field", async () => {
    const { claims } = await api<ClaimDates>(CLAIM_DATES);
    const days = [...new Set(claims.edges.map(({ node }) => node.statedOn).filter((d) => d !== null))].sort();
    expect(days.length).toBeGreaterThan(1);
    // A day in the middle of the corpus, so the filter visibly drops claims.
    const day = days[Math.floor(days.length / 2)] as string;
    const [year, month, date] = day.split("-").map(Number) as [number, number, number];
    const typed = `${date} ${MONTH_NAMES[month - 1]?.slice(0, 3)} ${year}`;

    await open(page, "/claims");
    const before = Number(((await page.getByTestId("claim-count").textContent()) ?? "").split(" ")[0]);
    const from = page.getByLabel("Said from");
    await from.fill(typed);
    await from.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("from") === day);
    await expect
      .poll(async () => Number(((await page.getByTestId("claim-count").textContent()) ?? "").split(" ")[0]))
      .toBeLessThan(before);
    const said = await column(page, "[data-testid=claims-table]", "Said");
    for (const text of said) {
      const shown = new Date(`${text.replace(/^week of /, "").replace(/ \(uncertain\)$/, "")} UTC`);
      if (text !== "date unknown" && /^\d/.test(text))
        expect(shown.getTime()).toBeGreaterThanOrEqual(Date.parse(day));
    }

    // The same day written the other ways gives the same filter.
    for (const form of [`${String(date).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`, day]) {
      await open(page, "/claims");
      await page.getByLabel("Said from").fill(form);
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL((url) => url.searchParams.get("from") === day);
    }

    // An impossible day is refused beside the field, and the view does not change.
    await open(page, "/claims?from=2024-01-01");
    const field = page.getByLabel("Said until");
    await field.fill("2024-02-30");
    await field.press("Enter");
    const alert = page.locator("#filter-to-error");
    await expect
      .poll(() => alert.textContent())
      .toBe('"2024-02-30" is not a date: February 2024 has 29 days.');
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(new URL(page.url()).searchParams.get("to")).toBeNull();
    expect(new URL(page.url()).searchParams.get("from")).toBe("2024-01-01");
    // The typed day is shown back in the one format.
    expect(await page.getByLabel("Said from").inputValue()).toBe("1 January 2024");

    await field.fill("soon");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => alert.textContent()).toContain('"soon" is not a date: use "31 Oct 2024"');
  });
});
