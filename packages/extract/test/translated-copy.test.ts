import { describe, expect, it } from "vitest";
import { extractArticle } from "../src/index.ts";

describe("translated and wire copy: the first line", () => {
  it("a headline names its speaker before a colon, or after a dash before a media tag", () => {
    const first = extractArticle("NIS: some 3,000 North Korean troops killed or wounded\n\nNothing more.");
    expect(first.claims[0]).toMatchObject({
      valueLow: 3000,
      inTitle: true,
      source: "National Intelligence Service",
    });
    const tagged = extractArticle(
      "Russia's losses are the largest since 1945: 250,000 servicemen killed - UK intelligence. INFOGRAPHICS\n\nNothing more.",
    );
    expect(tagged.title.endsWith("UK intelligence")).toBe(true);
    expect(tagged.claims[0]?.source).toBe("UK intelligence");
    const topic = extractArticle("Kursk operation: 3,000 North Korean troops killed\n\nNothing more.");
    const body = extractArticle(
      "100 North Koreans dead in Ukraine war\n\nSouth Korea's spy agency said 100 North Korean soldiers died.",
    );
    expect(body.claims.find((c) => c.inTitle)).toMatchObject({
      duplicateOf: 0,
      source: "National Intelligence Service",
    });
    const harms = extractArticle(
      "Five killed in strikes\n\nDoctors said five children were among the wounded.",
    );
    expect(harms.claims.find((c) => c.inTitle)?.duplicateOf).toBeNull();
    expect(topic.claims[0]?.source).toBeNull();
  });

  it("a long first sentence closed by a full stop is the lead, not a headline", () => {
    const lead =
      "At least 12 soldiers have been killed in the east of the country by suspected militants, security sources told reporters on Sunday, the sixth attack of its kind in ten days.";
    const read = extractArticle(`${lead}\n\nThe provisional toll is 12 soldiers, a source said.`);
    expect(read.title).toBe("");
    expect(read.claims[0]).toMatchObject({ valueLow: 12, valueHigh: null, inTitle: false });
  });

  it("a dateline before a photo credit leaves the credit out of the headline", () => {
    const read = extractArticle(
      "date 2025-01-13 Photo : YONHAP News\n\n40 soldiers killed\n\nThe army said 40 soldiers were killed.",
    );
    expect(read.title).toBe("40 soldiers killed");
    expect(read.claims[0]?.valueLow).toBe(40);
  });

  it("a dateline printed before the first paragraph is the date, not text", () => {
    const read = extractArticle(
      "date 2025-08-04 At least 14 civilians were killed and dozens injured in the city, the capital of the state, a rights group said on Monday.",
    );
    expect(read.claims[0]?.quote.startsWith("At least 14")).toBe(true);
    expect(read.claims[0]?.statedOn?.date).toBe("2025-08-04");
  });
});
