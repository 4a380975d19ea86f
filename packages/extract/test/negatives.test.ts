import { describe, expect, it } from "vitest";
import { claims } from "./support/extract.ts";

describe("numbers that are not claims", () => {
  it("a figure that only refers back to an earlier one is at most a low-confidence duplicate", () => {
    const all = claims(
      "The ministry said 10,000 soldiers had been sent to the front. Critics argue that 10,000 soldiers would not be enough to change the war.",
    );
    expect(all).toHaveLength(2);
    expect(all[1]?.duplicateOf).toBe(0);
    expect(all[1]?.confidence).toBeLessThanOrEqual(0.35);
  });

  it("the same figure restated by the same speaker is a duplicate", () => {
    const all = claims(
      "The general said up to 6,000 troops were deployed to the north. “Up to 6,000 of those troops are now in the north,” he said.",
    );
    expect(all[1]?.duplicateOf).toBe(0);
  });

  it("a new figure is not a duplicate", () => {
    const all = claims(
      "The ministry said 10,000 soldiers were sent. Another 10,000 soldiers are expected next month.",
    );
    expect(all[1]?.duplicateOf).toBeNull();
    expect(all[1]?.additional).toBe(true);
  });
});
