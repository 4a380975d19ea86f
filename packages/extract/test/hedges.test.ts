import { describe, expect, it } from "vitest";
import { only } from "./helpers.ts";

describe("hedges become an interval and a qualifier, words kept as written", () => {
  it.each([
    ["The army said about 3,000 troops were sent to the border.", "about"],
    ["Around 3,000 troops were sent to the border, officials said.", "Around"],
    ["Approximately 3,000 troops were sent to the border.", "Approximately"],
    ["Officials said some 3,000 troops were sent to the border.", "some"],
    ["Roughly 3,000 troops have been sent to the border.", "Roughly"],
    ["Nearly 3,000 troops have been deployed near the border.", "Nearly"],
    ["Almost 3,000 soldiers were deployed near the border.", "Almost"],
    ["An estimated 3,000 soldiers were deployed near the border.", "An estimated"],
    ["The ministry estimated that close to 3,000 soldiers were deployed.", "close to"],
  ])("approximate: %s", (text, hedge) => {
    const c = only(text);
    expect(c.qualifier).toBe("approximate");
    expect([c.valueLow, c.valueHigh, c.valueBest]).toEqual([3_000, 3_000, 3_000]);
    expect(c.hedge).toBe(hedge);
  });

  it.each([
    ["As many as 8,000 soldiers may have crossed the river.", "As many as", "up_to"],
    ["The government plans to send up to 8,000 soldiers.", "up to", "up_to"],
    ["No more than 8,000 soldiers remain in the city, the mayor said.", "No more than", "at_most"],
    ["Fewer than 8,000 soldiers remain in the city.", "Fewer than", "at_most"],
  ])("upper bound: %s", (text, hedge, qualifier) => {
    const c = only(text);
    expect(c.qualifier).toBe(qualifier);
    expect([c.valueLow, c.valueHigh]).toEqual([null, 8_000]);
    expect(c.hedge).toBe(hedge);
  });

  it.each([
    ["More than 15,000 troops were sent to the front.", "More than", "more_than"],
    ["Over 15,000 troops were sent to the front.", "Over", "more_than"],
    ["Upwards of 15,000 troops were sent to the front.", "Upwards of", "more_than"],
    ["Just over 15,000 troops were sent to the front.", "Just over", "more_than"],
    ["At least 15,000 troops were sent to the front, the monitor said.", "At least", "at_least"],
  ])("lower bound: %s", (text, hedge, qualifier) => {
    const c = only(text);
    expect(c.qualifier).toBe(qualifier);
    expect([c.valueLow, c.valueHigh]).toEqual([15_000, null]);
    expect(c.hedge).toBe(hedge);
  });

  it.each([
    ["Thousands of soldiers were sent to the region.", "Thousands of", 2_000, 9_999],
    ["Several hundred fighters arrived in the town on Sunday.", "Several hundred", 300, 900],
    ["Hundreds of soldiers were killed in the offensive.", "Hundreds of", 200, 999],
    ["Tens of thousands of troops have massed on the frontier.", "Tens of thousands of", 20_000, 99_999],
    ["Dozens of soldiers were wounded in the shelling.", "Dozens of", 24, 119],
  ])("vague: %s", (text, hedge, low, high) => {
    const c = only(text);
    expect(c.qualifier).toBe("vague");
    expect([c.valueLow, c.valueHigh, c.valueBest]).toEqual([low, high, null]);
    expect(c.hedge).toBe(hedge);
  });

  it.each([
    ["Between 10,000 and 12,000 troops were deployed to the island.", 10_000, 12_000],
    ["Some officials said 10,000 to 12,000 troops were deployed.", 10_000, 12_000],
    ["An estimated 11,000-12,000 troops were deployed.", 11_000, 12_000],
  ])("range: %s", (text, low, high) => {
    const c = only(text);
    expect(c.qualifier).toBe("range");
    expect([c.valueLow, c.valueHigh]).toEqual([low, high]);
  });

  it.each([
    [
      "The ministry sent 5,000 troops to the coast. An additional 1,000 troops will follow next month.",
      "An additional",
    ],
    ["The ministry sent 5,000 troops to the coast. Another 1,000 soldiers arrived on Friday.", "Another"],
    ["The ministry sent 5,000 troops to the coast. A further 1,000 soldiers are expected.", "A further"],
  ])("additional: %s", (text) => {
    const all = only(text.split(". ")[1] ?? "");
    expect(all.additional).toBe(true);
    expect([all.valueLow, all.valueHigh]).toEqual([1_000, 1_000]);
    expect(all.qualifier).toBe("exact");
  });

  it("marks '1,000 more troops' as additional", () => {
    expect(only("Moscow will send 1,000 more troops to the enclave.").additional).toBe(true);
  });

  it("an exact number has no hedge", () => {
    const c = only("The defence ministry said 2,500 soldiers were deployed to the border.");
    expect([c.qualifier, c.hedge, c.valueBest]).toEqual(["exact", null, 2_500]);
  });
});
