import { describe, expect, it } from "vitest";
import { claims, only } from "./support/extract.ts";

// Constructions that carry figures in reporting on many conflicts: tolls phrased through a noun, figures
// whose noun has several modifiers, running totals "brought ... to N", and hard-wrapped lines.
describe("recall on real reporting", () => {
  it("'claimed the lives of N' is a toll of the dead", () => {
    const c = only("The raid claimed the lives of 18 villagers, witnesses said.");
    expect([c.valueLow, c.valueHigh, c.metric, c.source]).toEqual([18, 18, "killed", "witnesses"]);
  });

  it("a people noun after several modifiers ('14 senior rebel commanders')", () => {
    const c = only(
      "A strike on the capital last month killed 14 senior rebel commanders, according to the group.",
    );
    expect([c.valueLow, c.metric]).toEqual([14, "killed"]);
    expect(c.subject).toBe("senior rebel commanders");
  });

  it("'killed more than N victims'", () => {
    const c = only("The war has killed more than 30,000 victims, according to the UN.");
    expect([c.valueLow, c.valueHigh, c.qualifier, c.metric]).toEqual([30_000, null, "more_than", "killed"]);
  });

  it("'the new deaths brought the toll of slain soldiers ... to N'", () => {
    const c = only(
      "The statement said the new deaths brought the toll of slain soldiers in the offensive to 77.",
    );
    expect([c.valueLow, c.valueHigh, c.metric]).toEqual([77, 77, "killed"]);
  });

  it("a line that ends a sentence stays its own paragraph", () => {
    const all = claims("Officials said 40 soldiers were killed.\nthe rebels said 12 fighters were captured.");
    expect(all.map((c) => c.metric)).toEqual(["killed", "captured"]);
  });

  it("a list item with an 'of' phrase does not end the list ('seven members of an allied militia, and 16 civilians')", () => {
    const all = claims(
      "The toll has now risen to 84, including 61 fighters, seven members of an allied militia, and 16 civilians including a nurse.",
    );
    expect(all.map((c) => [c.valueLow, c.metric])).toEqual([
      [84, "killed"],
      [61, "killed"],
      [7, "killed"],
      [16, "killed"],
    ]);
  });

  it("a long organisation name with its own 'and' inside a list item", () => {
    const all = claims(
      "The toll has now risen to 90, including 70 fighters, nine members of the Red Star and the Blue Crescent (BC) movement, and 11 civilians.",
    );
    expect(all.map((c) => c.valueLow)).toEqual([90, 70, 9, 11]);
    expect(all.every((c) => c.metric === "killed")).toBe(true);
  });

  it("'N children were among the victims' counts the dead", () => {
    const c = only("Aid groups said over 17 children were among the victims of the raid.");
    expect([c.valueLow, c.qualifier, c.metric, c.source]).toEqual([17, "more_than", "killed", "Aid groups"]);
  });
});
