import { describe, expect, it } from "vitest";
import { findQuantities } from "../src/numbers.ts";
import { only } from "./support/extract.ts";

const first = (text: string) => findQuantities(text)[0];

describe("numbers", () => {
  it.each([
    ["10,000 troops", 10_000],
    ["10 000 troops", 10_000],
    ["10\u00a0000 troops", 10_000],
    ["10.000 troops", 10_000],
    ["1,250,000 soldiers", 1_250_000],
    ["1.5 million soldiers", 1_500_000],
    ["1.3 thousand sappers", 1_300],
    ["2 million people", 2_000_000],
    ["five thousand soldiers", 5_000],
    ["twelve hundred troops", 1_200],
    ["a dozen soldiers", 12],
    ["two dozen fighters", 24],
    ["one hundred and fifty marines", 150],
    ["twenty-five thousand reservists", 25_000],
    ["four-thousand-100 troops", 4_100],
    ["47-hundred soldiers", 4_700],
    ["15-thousand troops", 15_000],
    ["a thousand men", 1_000],
  ])("reads %s as %d", (text, value) => {
    const q = first(text);
    expect(q?.value).toBe(value);
    expect(q?.kind).toBe("number");
  });

  it.each([
    ["range", "between 10,000 and 12,000 troops", 10_000, 12_000],
    ["range", "10,000 to 12,000 troops", 10_000, 12_000],
    ["range", "11,000-12,000 troops", 11_000, 12_000],
    ["range", "10,000–12,000 troops", 10_000, 12_000],
    ["range", "from 3,000 to 5,000 soldiers", 3_000, 5_000],
    ["range", "between 10 and 12 thousand soldiers", 10_000, 12_000],
    ["range", "between five and six thousand troops", 5_000, 6_000],
    ["vague", "thousands of troops", 2_000, 9_999],
    ["vague", "hundreds of soldiers", 200, 999],
    ["vague", "tens of thousands of troops", 20_000, 99_999],
    ["vague", "hundreds of thousands of soldiers", 200_000, 999_999],
    ["vague", "several hundred fighters", 300, 900],
    ["vague", "several thousand troops", 3_000, 9_000],
    ["vague", "a few hundred mercenaries", 200, 500],
    ["vague", "dozens of soldiers", 24, 119],
  ])("reads the %s %s", (kind, text, low, high) => {
    const q = first(text);
    expect(q?.kind).toBe(kind);
    expect([q?.low, q?.high]).toEqual([low, high]);
  });

  it("reads percentages", () => {
    expect(first("nearly 40% casualties")?.percent).toBe(true);
    expect(first("40 percent of the force")?.value).toBe(40);
    expect(first("40 per cent of the force")?.percent).toBe(true);
  });

  it.each(["the 61st Brigade", "in the 1990s", "on the 22nd", "$100", "€2 million", "F-16 jets", "at 10:30"])(
    "does not read %s as a count",
    (text) => {
      expect(findQuantities(text).filter((q) => q.value !== null && q.value > 9 && !q.yearLike)).toEqual([]);
    },
  );

  it("keeps the written number in the claim interval", () => {
    expect(only("Officials said 4,000-strong contingent of marines arrived in the port.").valueBest).toBe(
      4_000,
    );
    expect(only("The army sent five thousand soldiers to the border.").valueLow).toBe(5_000);
    expect(only("The ministry said 1.5 million people had been mobilised.").valueHigh).toBe(1_500_000);
  });
});
