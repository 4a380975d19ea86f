import { describe, expect, it } from "vitest";
import { displayClaimValue } from "../src/display.ts";

const claim = (partial: Partial<Parameters<typeof displayClaimValue>[0]>) =>
  displayClaimValue({ valueLow: null, valueHigh: null, valueBest: null, qualifier: "exact", ...partial });

describe("displayClaimValue", () => {
  it("writes each qualifier the way a reader expects", () => {
    expect(claim({ valueLow: 10_000, valueHigh: 10_000, valueBest: 10_000 })).toBe("10,000");
    expect(claim({ valueLow: 12_000, valueHigh: 12_000, valueBest: 12_000, qualifier: "approximate" })).toBe(
      "about 12,000",
    );
    expect(claim({ valueHigh: 8_000, qualifier: "up_to" })).toBe("as many as 8,000");
    expect(claim({ valueHigh: 3_000, qualifier: "at_most" })).toBe("no more than 3,000");
    expect(claim({ valueLow: 15_000, qualifier: "more_than" })).toBe("more than 15,000");
    expect(claim({ valueLow: 500, qualifier: "at_least" })).toBe("at least 500");
    expect(claim({ valueLow: 10_000, valueHigh: 12_000, qualifier: "range" })).toBe("10,000–12,000");
  });

  it("keeps the words of a vague claim", () => {
    expect(claim({ valueLow: 2_000, valueHigh: 9_999, qualifier: "vague", hedge: "thousands of" })).toBe(
      "thousands",
    );
    expect(claim({ valueLow: 200, valueHigh: 900, qualifier: "vague", hedge: "several hundred" })).toBe(
      "several hundred",
    );
    expect(claim({ valueLow: 2_000, valueHigh: 9_999, qualifier: "vague" })).toBe("between 2,000 and 9,999");
  });

  it("writes rates and percentages", () => {
    expect(claim({ valueBest: 1_200, valueLow: 1_200, valueHigh: 1_200, rate: "per_day" })).toBe(
      "1,200 a day",
    );
    expect(
      claim({ valueBest: 40, valueLow: 40, valueHigh: 40, qualifier: "approximate", rate: "percent" }),
    ).toBe("about 40%");
  });
});
