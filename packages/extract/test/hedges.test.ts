import { describe, it } from "vitest";
import { type ClaimCase, expectClaims } from "./helpers.ts";

const approximate = (text: string, hedge: string): ClaimCase => ({
  name: `approximate: ${text}`,
  text,
  claim: { qualifier: "approximate", valueLow: 3_000, valueHigh: 3_000, valueBest: 3_000, hedge },
});
const upTo = (text: string, hedge: string, qualifier: "up_to" | "at_most"): ClaimCase => ({
  name: `upper bound: ${text}`,
  text,
  claim: { qualifier, valueLow: null, valueHigh: 8_000, hedge },
});
const from = (text: string, hedge: string, qualifier: "more_than" | "at_least"): ClaimCase => ({
  name: `lower bound: ${text}`,
  text,
  claim: { qualifier, valueLow: 15_000, valueHigh: null, hedge },
});
const vague = (text: string, hedge: string, valueLow: number, valueHigh: number): ClaimCase => ({
  name: `vague: ${text}`,
  text,
  claim: { qualifier: "vague", valueLow, valueHigh, valueBest: null, hedge },
});
const range = (text: string, valueLow: number, valueHigh: number): ClaimCase => ({
  name: `range: ${text}`,
  text,
  claim: { qualifier: "range", valueLow, valueHigh },
});
// The sentence after "The ministry sent 5,000 troops to the coast."
const additional = (text: string): ClaimCase => ({
  name: `additional: ${text}`,
  text,
  claim: { additional: true, valueLow: 1_000, valueHigh: 1_000, qualifier: "exact" },
});

describe("hedges become an interval and a qualifier, words kept as written", () => {
  it.each<ClaimCase>([
    approximate("The army said about 3,000 troops were sent to the border.", "about"),
    approximate("Around 3,000 troops were sent to the border, officials said.", "Around"),
    approximate("Approximately 3,000 troops were sent to the border.", "Approximately"),
    approximate("Officials said some 3,000 troops were sent to the border.", "some"),
    approximate("Roughly 3,000 troops have been sent to the border.", "Roughly"),
    approximate("Nearly 3,000 troops have been deployed near the border.", "Nearly"),
    approximate("Almost 3,000 soldiers were deployed near the border.", "Almost"),
    approximate("An estimated 3,000 soldiers were deployed near the border.", "An estimated"),
    approximate("The ministry estimated that close to 3,000 soldiers were deployed.", "close to"),
    upTo("As many as 8,000 soldiers may have crossed the river.", "As many as", "up_to"),
    upTo("The government plans to send up to 8,000 soldiers.", "up to", "up_to"),
    upTo("No more than 8,000 soldiers remain in the city, the mayor said.", "No more than", "at_most"),
    upTo("Fewer than 8,000 soldiers remain in the city.", "Fewer than", "at_most"),
    from("More than 15,000 troops were sent to the front.", "More than", "more_than"),
    from("Over 15,000 troops were sent to the front.", "Over", "more_than"),
    from("Upwards of 15,000 troops were sent to the front.", "Upwards of", "more_than"),
    from("Just over 15,000 troops were sent to the front.", "Just over", "more_than"),
    from("At least 15,000 troops were sent to the front, the monitor said.", "At least", "at_least"),
    vague("Thousands of soldiers were sent to the region.", "Thousands of", 2_000, 9_999),
    vague("Several hundred fighters arrived in the town on Sunday.", "Several hundred", 300, 900),
    vague("Hundreds of soldiers were killed in the offensive.", "Hundreds of", 200, 999),
    vague("Tens of thousands of troops have massed on the frontier.", "Tens of thousands of", 20_000, 99_999),
    vague("Dozens of soldiers were wounded in the shelling.", "Dozens of", 24, 119),
    range("Between 10,000 and 12,000 troops were deployed to the island.", 10_000, 12_000),
    range("Some officials said 10,000 to 12,000 troops were deployed.", 10_000, 12_000),
    range("An estimated 11,000-12,000 troops were deployed.", 11_000, 12_000),
    additional("An additional 1,000 troops will follow next month."),
    additional("Another 1,000 soldiers arrived on Friday."),
    additional("A further 1,000 soldiers are expected."),
    {
      name: "marks '1,000 more troops' as additional",
      text: "Moscow will send 1,000 more troops to the enclave.",
      claim: { additional: true },
    },
    {
      name: "an exact number has no hedge",
      text: "The defence ministry said 2,500 soldiers were deployed to the border.",
      claim: { qualifier: "exact", hedge: null, valueBest: 2_500 },
    },
  ])("$name", expectClaims);
});
