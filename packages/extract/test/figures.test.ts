import { describe, expect, it } from "vitest";
import { claims } from "./support/extract.ts";

describe("metric and reach per figure", () => {
  it("people held captive are captured", () => {
    const all = claims("Of the 90 sailors seized in May, 61 continue to be held captive, the company said.");
    expect(all.map((c) => [c.valueLow, c.metric])).toContainEqual([61, "captured"]);
  });
});
