import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LATEST_SHOWN, type LatestFigure, LatestFigureList } from "../../components/LatestFigureList";

function figure(n: number): LatestFigure {
  return {
    key: `source-${n}`,
    label: `Source ${n}`,
    point: {
      claimId: `claim-${n}`,
      date: "2025-03-01",
      precision: "DAY",
      qualifier: "APPROXIMATE",
      low: n * 100,
      high: n * 100,
      best: n * 100,
      display: `about ${n * 100}`,
      rate: n === 3 ? "PER_DAY" : "TOTAL",
      metric: n === 2 ? "KILLED" : "DEPLOYED",
      reviewStatus: "UNREVIEWED",
      subjectEntity: null,
      additional: false,
      refersFrom: null,
      refersTo: null,
    },
  } as LatestFigure;
}

describe("the latest figure of each source beside the chart", () => {
  it("lists a few sources in full, with each figure linked to its claim", () => {
    const html = renderToStaticMarkup(createElement(LatestFigureList, { figures: [1, 2, 3].map(figure) }));
    expect(html.match(/<li>/g)).toHaveLength(3);
    expect(html).not.toContain("<details");
    expect(html).toContain('href="/claims/claim-2"');
    expect(html).toContain("about 200");
  });

  it("names the metric and rate of every figure", () => {
    const html = renderToStaticMarkup(createElement(LatestFigureList, { figures: [1, 2, 3].map(figure) }));
    const items = html.split("<li>").slice(1);
    expect(items[0]).toContain('about 100 <span class="latest-metric">deployed</span>');
    expect(items[1]).toContain('about 200 <span class="latest-metric">killed</span>');
    expect(items[2]).toContain('about 300 <span class="latest-metric">deployed per day</span>');
  });

  it("keeps the sources after the first ones behind a summary that says how many there are, in order", () => {
    const figures = Array.from({ length: 2_000 }, (_, i) => figure(i + 1));
    const html = renderToStaticMarkup(createElement(LatestFigureList, { figures }));
    const [shown, rest] = html.split("<details");
    expect(shown?.match(/<li>/g)).toHaveLength(LATEST_SHOWN);
    expect(rest?.match(/<li>/g)).toHaveLength(2_000 - LATEST_SHOWN);
    expect(rest).toContain("<summary>All 2,000 sources</summary>");
    expect(rest).toContain(`start="${LATEST_SHOWN + 1}"`);
    expect(shown).toContain(`Source ${LATEST_SHOWN}<`);
    expect(rest?.indexOf(`Source ${LATEST_SHOWN + 1}<`)).toBeGreaterThan(0);
  });

  it("links to the view listing all sources instead of sending them all, when given that link", () => {
    const figures = Array.from({ length: 2_000 }, (_, i) => figure(i + 1));
    const html = renderToStaticMarkup(
      createElement(LatestFigureList, { figures, allHref: "/?sources=all#latest-title" }),
    );
    expect(html.match(/<li>/g)).toHaveLength(LATEST_SHOWN);
    expect(html).not.toContain("<details");
    expect(html).toContain('href="/?sources=all#latest-title"');
    expect(html).toContain("All 2,000 sources");
    const all = renderToStaticMarkup(
      createElement(LatestFigureList, { figures, all: true, allHref: "/?sources=all#latest-title" }),
    );
    expect(all.match(/<li>/g)).toHaveLength(2_000);
    expect(all).toMatch(/<details [^>]*open/);
  });

  it("says so when no source has a dated figure", () => {
    expect(renderToStaticMarkup(createElement(LatestFigureList, { figures: [] }))).toContain("None.");
  });
});
