import { describe, expect, it } from "vitest";
import type { ExtractedClaim } from "../src/index.ts";
import { type ClaimCase, claims, expectClaims } from "./helpers.ts";

/** A row whose text gives one claim of this metric and low bound. */
const toll = (name: string, text: string, valueLow: number, metric: ExtractedClaim["metric"]): ClaimCase => ({
  name,
  text,
  claim: { valueLow, metric },
});

// How a figure's metric and its reach are read from the words around it: tolls named several clauses before
// the number, captivity, hand-overs, losses of civilians, combined counts of dead and injured; every figure in
// a sentence, a hedge shared by a pair of figures, parts of a figure, a force's size in apposition.
describe("metric and reach per figure", () => {
  it.each<ClaimCase>([
    toll(
      "a toll whose clause holds an abbreviated date ('since Nov. 3 has climbed to N')",
      "The death toll in the province since Nov. 3 has climbed to 412, the governor said.",
      412,
      "killed",
    ),
    toll(
      "'the number of dead is still N'",
      "The mayor said the number of dead in the valley is still 23.",
      23,
      "killed",
    ),
    {
      name: "'could be as high as N'",
      text: "Aid groups believe the number of civilians killed in the siege could be as high as 3,500.",
      claim: { valueLow: null, valueHigh: 3_500, metric: "killed" },
    },
    {
      name: "two counts in one sentence each take the noun nearest to them",
      text: "The agency said the number of martyrs on Friday is 14, while the number of wounded is 318 after checks.",
      all: [
        { valueLow: 14, metric: "killed" },
        { valueLow: 318, metric: "wounded" },
      ],
    },
    toll(
      "'brought the number of people wounded ... to N' counts the wounded",
      "The latest raids brought the number of people wounded since March to 7,420, medics said.",
      7_420,
      "wounded",
    ),
    toll(
      "martyrs are counted as killed",
      "The ministry announced 42 martyrs in the northern districts.",
      42,
      "killed",
    ),
    toll(
      "'deaths and injuries' together are casualties",
      "Officials reported nearly 900 deaths and injuries across the region.",
      900,
      "casualties",
    ),
    {
      name: "'deaths and injuries to N people' are two counts",
      text: "The shelling caused 31 deaths and injuries to 120 people, the hospital said.",
      all: [
        { valueLow: 31, metric: "killed" },
        { valueLow: 120, metric: "wounded" },
      ],
    },
    toll(
      "people detained are captured",
      "Forty aid workers remain detained by the militia, the agency said.",
      40,
      "captured",
    ),
    {
      name: "'wounded or killed' is a count of casualties",
      text: "Up to 2,500 conscripts had been wounded or killed in the offensive, the report said.",
      claim: { valueHigh: 2_500, metric: "casualties" },
    },
    toll(
      "the return of people is a repatriation",
      "The deal secured the return of 75 marines held by the other side.",
      75,
      "repatriated",
    ),
    toll(
      "the freeing of people is a repatriation",
      "Commandos freed six hostages in a dawn raid, the army said.",
      6,
      "repatriated",
    ),
    toll(
      "civilians lost are dead",
      '"We lost eleven people in the night attack," the village chief said.',
      11,
      "killed",
    ),
    {
      name: "a force's losses stay casualties",
      text: "The brigade lost 300 soldiers in the battle for the bridge.",
      claim: { metric: "casualties" },
    },
    toll(
      "a force kept in a region is present there",
      "The regional mission, which has 6,500 troops in the province, will stay until June.",
      6_500,
      "present",
    ),
    toll(
      "new recruits who joined the army were recruited",
      "Some 48,000 new recruits have joined the army as volunteers this year, the minister said.",
      48_000,
      "recruited",
    ),
    {
      name: "a bare figure after a counted one shares its noun and what happened ('… and 700 in the south')",
      text: "Two weeks of fighting left 2,300 people killed in the north and 640 in the coastal towns.",
      all: [
        { valueLow: 2_300, metric: "killed" },
        { valueLow: 640, metric: "killed" },
      ],
    },
    {
      name: "a breakdown by place after a toll ('with 420 in the east, 95 in the capital')",
      text: "The minister said 1,010 people were wounded, with 420 in the east, 95 in the capital, and 495 in the hills.",
      all: [1_010, 420, 95, 495].map((valueLow) => ({ valueLow, metric: "wounded" as const })),
    },
    {
      name: "a list item whose noun has three modifiers ('25 state border guard members')",
      text: "Medics said 60 villagers, 25 state border guard members and 12 rebels were killed.",
      all: [60, 25, 12].map((valueLow) => ({ valueLow, metric: "killed" as const })),
    },
    {
      name: "a bare figure with no place after it is not read as a continuation",
      text: "The raid killed 14 soldiers and 2 vehicles were burnt.",
      all: [{ valueLow: 14 }],
    },
    {
      name: "a people named by nationality closes the phrase ('killed 160 Yemenis, most of them …')",
      text: "The strikes have killed at least 160 Yemenis, most of them fishermen, the monitor said.",
      claim: { valueLow: 160, qualifier: "at_least", metric: "killed", subject: "Yemenis" },
    },
    // A hedge shared by a pair of figures.
    {
      name: "'up to N people dead and M wounded' bounds both",
      text: "Doctors said the siege had left up to 900 people dead and 3,100 wounded.",
      all: [
        { valueLow: null, valueHigh: 900, qualifier: "up_to", metric: "killed" },
        { valueLow: null, valueHigh: 3_100, qualifier: "up_to", metric: "wounded" },
      ],
    },
    {
      name: "'at least N soldiers and M civilians' bounds the first only, and equal parts are two claims",
      text: "The shelling killed at least four soldiers and four civilians near the border.",
      all: [
        { valueLow: 4, valueHigh: null, qualifier: "at_least", duplicateOf: null },
        { valueLow: 4, valueHigh: 4, qualifier: "exact", duplicateOf: null },
      ],
    },
    {
      name: "a second figure with its own verb keeps its own interval",
      text: "The bombing killed at least 12 people and wounded 40, the police said.",
      all: [
        { valueLow: 12, valueHigh: null, qualifier: "at_least" },
        { valueLow: 40, valueHigh: 40, qualifier: "exact" },
      ],
    },
    // Parts of a figure.
    {
      name: "'…, of whom N were children' is a part of the toll before",
      text: "The agency said 310 people had died since the shelling began, of whom 85 were children.",
      all: [
        { valueLow: 310, metric: "killed", subject: "people" },
        { valueLow: 85, metric: "killed", subject: "children" },
      ],
    },
    {
      name: "'Of the N hostages, M were women'",
      text: "Of the 40 hostages, 9 were women.",
      all: [
        { valueLow: 40, metric: "captured" },
        { valueLow: 9, metric: "captured" },
      ],
    },
    {
      name: "'Out of the N soldiers killed, M were officers'",
      text: "Out of the 650 soldiers killed near the dam, 70 were officers.",
      all: [
        { valueLow: 650, metric: "killed" },
        { valueLow: 70, metric: "killed" },
      ],
    },
    {
      name: "a number followed by 'were' and a noun without a subset lead is no part ('12 were students' alone)",
      text: "Last year 12 were students at the college.",
      all: [],
    },
    // A force's size in apposition.
    {
      name: "'the armed forces, estimated at about N' is the size of the force",
      text: "That would outnumber the republic's armed forces, estimated at about 42,000.",
      claim: { valueLow: 42_000, qualifier: "approximate", metric: "force_size" },
    },
    {
      name: "a figure followed by houses is no toll",
      text: "At least 40 people were killed and 12 houses burnt in the raid.",
      all: [{ valueLow: 40 }],
    },
    {
      name: "a figure of people displaced is no toll",
      text: "More than 300 people were killed and 90,000 others were displaced in the clashes.",
      all: [{ valueLow: 300 }],
    },
    {
      name: "'gunned down' counts the dead",
      text: "Three more fighters were gunned down near the bridge.",
      claim: { metric: "killed" },
    },
    {
      name: "'shot and killed' counts the dead",
      text: "Gunmen shot and killed five villagers on Sunday.",
      claim: { metric: "killed" },
    },
    toll(
      "an aside listing three kinds of people does not end the clause",
      "An estimated 12,000 people, including farmers, fighters and police officers, have been killed since 2004.",
      12_000,
      "killed",
    ),
  ])("$name", expectClaims);

  it("people held captive are captured", () => {
    const all = claims("Of the 90 sailors seized in May, 61 continue to be held captive, the company said.");
    expect(all.map((c) => [c.valueLow, c.metric])).toContainEqual([61, "captured"]);
  });
});
