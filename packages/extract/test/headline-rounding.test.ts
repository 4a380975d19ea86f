import { describe, expect, it } from "vitest";
import { extractArticle } from "../src/index.ts";

const read = (text: string) => extractArticle(text, { publishedAt: "2025-03-08", precision: "day" });

// A headline often rounds the lede's figure or quotes one end of its range: another figure, so a claim of
// its own, with the speaker the headline gives (labelled so on real reporting: no speaker borrowed).
describe("headlines that round the body's figure", () => {
  it("a rounded headline toll is its own claim, and names no speaker the headline does not give", () => {
    const a = read(
      "Over 1,000 killed in two days of clashes\n\nThe death toll from two days of clashes has risen to 1,018, a monitoring group said on Saturday.",
    );
    const headline = a.claims.find((c) => c.inTitle);
    const body = a.claims.find((c) => !c.inTitle);
    expect(body?.source).toBe("monitoring group");
    expect(headline?.duplicateOf).toBeNull();
    expect([headline?.valueLow, headline?.valueHigh]).toEqual([1000, null]);
    expect(headline?.source).toBeNull();
  });

  it("takes no speaker from a figure of another metric or far from the headline's", () => {
    const far = read(
      "Over 1,000 killed in two days of clashes\n\nAt least 600 people were killed, a monitoring group said.",
    );
    expect(far.claims.find((c) => c.inTitle)?.source).toBeNull();
    const other = read(
      "Over 1,000 killed in two days of clashes\n\nMore than 1,100 people were wounded, a monitoring group said.",
    );
    expect(other.claims.find((c) => c.inTitle)?.source).toBeNull();
  });

  it("one end of a range quoted alone in the headline is another figure, with its own hedge", () => {
    const a = read(
      "Up to 15,000 dead in besieged town\n\nBetween 10,000 and 15,000 people were killed in the town, the panel's report said.",
    );
    const headline = a.claims.find((c) => c.inTitle);
    expect(headline?.duplicateOf).toBeNull();
    expect([headline?.valueLow, headline?.valueHigh]).toEqual([null, 15000]);
    const body = a.claims.find((c) => !c.inTitle);
    expect([body?.valueLow, body?.valueHigh]).toEqual([10000, 15000]);
  });
});
