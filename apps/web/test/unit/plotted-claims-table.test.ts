import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PlottedClaimsTable, TABLE_PAGE_SIZE, tablePage } from "../../components/PlottedClaimsTable";
import type { PlotRow, PlotSeries } from "../../lib/plot";

const claimId = (n: number) => Buffer.from(`Claim:${n}`).toString("base64");
const series: PlotSeries[] = [{ key: "k", label: "Ministry <of> Defence", colour: "#2563eb" }];
/** 250 claims in drawing order: claim n said on day n. */
const rows: PlotRow[] = Array.from({ length: 250 }, (_, i) => [
  claimId(i + 1),
  new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
  "DAY",
  "EXACT",
  1_000 + i,
  1_000 + i,
  1_000 + i,
  0,
  "UNREVIEWED",
  (1_000 + i).toLocaleString("en-US"),
  "DEPLOYED",
]);

function render(page: number) {
  return renderToStaticMarkup(
    createElement(PlottedClaimsTable, {
      rows,
      series,
      groupNoun: "source",
      page,
      pageHref: (n: number) => `/?page=${n}#table-title`,
    }),
  );
}
const rowIds = (html: string) => [...html.matchAll(/<tr data-claim-id="([^"]+)"/g)].map((m) => m[1]);

describe("the plotted-claims table under the chart", () => {
  it("shows the newest claims first, one page at a time, each linked to its quote", () => {
    const html = render(1);
    const ids = rowIds(html);
    expect(ids).toHaveLength(TABLE_PAGE_SIZE);
    expect(ids[0]).toBe(claimId(250));
    expect(ids.at(-1)).toBe(claimId(250 - TABLE_PAGE_SIZE + 1));
    for (const id of ids) expect(html).toContain(`href="/claims/${encodeURIComponent(id!)}"`);
    expect(html).toContain("Rows 1–100 of 250, newest first (page 1 of 3).");
    expect(html).toContain('href="/?page=2#table-title"');
    expect(html).not.toContain("Newer");
    // Text is escaped.
    expect(html).toContain("Ministry &lt;of&gt; Defence");
  });

  it("reaches every plotted claim across its pages, each once", () => {
    const seen = [1, 2, 3].flatMap((page) => rowIds(render(page)));
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    const last = render(3);
    expect(rowIds(last)).toHaveLength(50);
    expect(rowIds(last).at(-1)).toBe(claimId(1));
    expect(last).toContain("Rows 201–250 of 250");
    expect(last).toContain('href="/?page=2#table-title"');
    expect(last).not.toContain("Older");
  });

  it("reads the page from the URL, within the pages there are", () => {
    expect(tablePage(undefined, 250)).toEqual({ page: 1, pages: 3 });
    expect(tablePage("2", 250)).toEqual({ page: 2, pages: 3 });
    expect(tablePage("99", 250)).toEqual({ page: 3, pages: 3 });
    expect(tablePage(["0"], 250)).toEqual({ page: 1, pages: 3 });
    expect(tablePage("two", 250)).toEqual({ page: 1, pages: 3 });
    expect(tablePage("1", 0)).toEqual({ page: 1, pages: 1 });
  });
});
