import { METRICS, QUALIFIERS, RATES } from "@headcount/shared";
import { describe, expect, it } from "vitest";
import { EXTRACTOR_VERSION, extractArticle } from "../src/index.ts";

const text = `Troops head north

The defence ministry said on Monday that about 4,000 soldiers had been sent to the northern border. A further 1,000 troops were reportedly assigned to logistics.
“As many as 600 of them have been wounded,” said Colonel Dana Whitfield, a spokeswoman for the army.
Thousands of civilians have fled the area, according to the Red Cross. Losses ran at 200 soldiers a day in the first week.`;

describe("public contract", () => {
  const a = extractArticle(text, { publishedAt: "2024-05-08", precision: "day", outlet: "Test Outlet" });

  it("every quote is the body between its offsets, with up to 32 characters of context", () => {
    expect(a.claims.length).toBeGreaterThanOrEqual(4);
    for (const c of a.claims) {
      expect(a.body.slice(c.start, c.end)).toBe(c.quote);
      expect(c.prefix).toBe(a.body.slice(Math.max(0, c.start - 32), c.start));
      expect(c.suffix).toBe(a.body.slice(c.end, c.end + 32));
      expect(c.prefix.length).toBeLessThanOrEqual(32);
      expect(c.suffix.length).toBeLessThanOrEqual(32);
    }
  });

  it("uses the shared vocabulary and honest confidences", () => {
    for (const c of a.claims) {
      expect(METRICS).toContain(c.metric);
      expect(QUALIFIERS).toContain(c.qualifier);
      expect(RATES).toContain(c.rate);
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      if (c.duplicateOf !== null) expect(c.duplicateOf).toBeLessThan(a.claims.indexOf(c));
    }
  });

  it("entity mentions are offsets into the body", () => {
    for (const e of a.entities) for (const m of e.mentions) expect(a.body.slice(m.start, m.end)).toBe(m.text);
  });

  it("is deterministic and versioned", () => {
    const again = extractArticle(text, {
      publishedAt: "2024-05-08",
      precision: "day",
      outlet: "Test Outlet",
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(a));
    expect(a.extractorVersion).toBe(EXTRACTOR_VERSION);
    expect(a.outlet).toBe("Test Outlet");
    expect(a.publishedAt).toBe("2024-05-08");
  });

  it("reads the claims of the sample article", () => {
    const summary = a.claims.map((c) => [c.valueLow, c.valueHigh, c.qualifier, c.metric, c.rate, c.source]);
    expect(summary).toEqual([
      [4000, 4000, "approximate", "deployed", "total", "defence ministry"],
      [1000, 1000, "exact", "deployed", "total", "defence ministry"],
      [null, 600, "up_to", "wounded", "total", "Dana Whitfield"],
      [200, 200, "exact", "casualties", "per_day", null],
    ]);
    expect(a.claims[1]?.additional).toBe(true);
    expect(a.claims[0]?.statedOn).toEqual({ date: "2024-05-06", precision: "day" });
    expect(a.claims[2]?.quote.startsWith("As many as 600")).toBe(true);
  });
});
