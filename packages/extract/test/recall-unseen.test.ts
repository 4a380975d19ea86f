import { describe, expect, it } from "vitest";
import type { ExtractedClaim } from "../src/index.ts";
import { type ClaimCase, claims, expectClaims } from "./helpers.ts";

type Figure = [number | null, number | null, ExtractedClaim["qualifier"], ExtractedClaim["metric"]];

/** A row expecting the value interval, qualifier and metric of each claim of a text that is not another appearance. */
const figures = (name: string, text: string, ...expected: Figure[]): ClaimCase => ({
  name,
  text,
  counted: expected.map(([valueLow, valueHigh, qualifier, metric]) => ({
    valueLow,
    valueHigh,
    qualifier,
    metric,
  })),
});

// Constructions met in reporting on conflicts the gold sets do not cover; the sentences are invented.
describe("figures in constructions of unseen reporting", () => {
  it.each<ClaimCase>([
    ...[
      ["executed", "Monitors said the militia executed over 300 unarmed villagers after taking the town."],
      ["massacred", "The rebels massacred 45 farmers near the river, residents said."],
      ["slaughtered", "Witnesses said gunmen slaughtered 27 worshippers at the shrine."],
      ["neutralised", 'The army said at least 64 insurgents were "neutralised" in the sweep.'],
    ].map(([verb, text = ""]) => ({
      name: `'${verb} N people' is a toll of the dead`,
      text,
      claim: { metric: "killed" as const },
    })),
    {
      name: "'among the dead were N soldiers' counts the dead, not a deployment",
      text: "Among the dead were four soldiers deployed to guard the convoy, an elder said.",
      claim: { valueLow: 4, metric: "killed" },
    },
    figures(
      "people displaced 'to be internally displaced' are no toll; the deaths beside them are",
      "The war has caused some 2.4 million people to be internally displaced and an estimated 9,300 deaths.",
      [9300, 9300, "approximate", "killed"],
    ),
    figures(
      "people who 'have had to flee' are no toll",
      "Thousands of fighters and villagers have died in the insurgency to date and hundreds of thousands of people have had to flee their farms.",
      [2000, 9999, "vague", "killed"],
    ),
    {
      name: "an aside on who most of them were does not end the clause",
      text: "At least 640 villagers, the vast majority of them herders, were killed in the raids, a monitor said.",
      claim: { valueLow: 640, qualifier: "at_least", metric: "killed" },
    },
    {
      name: "a place in apposition between the people and their verb does not end the clause",
      text: "No fewer than nine traders in the market district of Oldtown, eastern Ruritania, have been killed, police said.",
      claim: { valueLow: 9, qualifier: "at_least", metric: "killed" },
    },
    figures(
      "the people who speak ('two village elders said') are no count",
      "At least 61 people were killed in the raid, two village elders said.",
      [61, null, "at_least", "killed"],
    ),
    figures(
      "people 'reported injured' are still a count",
      "More than 800 individuals reported injured in the strikes, the ministry said.",
      [800, null, "more_than", "wounded"],
    ),
    ...(
      [
        ["the death toll could pass 40, officials said.", [40, null, "more_than", "killed"]],
        ["the death toll has surpassed 1,500, the monitor said.", [1500, null, "more_than", "killed"]],
        ["the death toll is believed to be between 85 and 90, medics said.", [85, 90, "range", "killed"]],
        [
          "the number of people killed has exceeded 700, the ministry said.",
          [700, null, "more_than", "killed"],
        ],
      ] as [string, Figure][]
    ).map(([tail, expected]) =>
      figures(
        `a toll that passes or is believed to be a figure: ${tail}`,
        `With more people missing, ${tail}`,
        expected,
      ),
    ),
    figures(
      "a toll broken down by place ('the toll includes N in X, M in Y and K in Z')",
      "According to the monitor, the death toll by district includes 310 in Eastmoor, 95 in Northgate and 7 in Lowby.",
      [310, 310, "exact", "killed"],
      [95, 95, "exact", "killed"],
      [7, 7, "exact", "killed"],
    ),
    figures(
      "a toll's parts by place after 'including'",
      "At least 90 civilians were killed on Sunday alone, including 52 in Eastmoor and 38 in Northgate, the monitor said.",
      [90, null, "at_least", "killed"],
      [52, 52, "exact", "killed"],
      [38, 38, "exact", "killed"],
    ),
    figures(
      "a toll that 'climbed from N to M' is M, not a range",
      "The minister said the death toll climbed from 212 to 230, medics said.",
      [230, 230, "exact", "killed"],
    ),
    {
      name: "people 'taken hostage' are captured",
      text: "Officials said more than 60 pupils were taken hostage in the raid.",
      claim: { valueLow: 60, qualifier: "more_than", metric: "captured" },
    },
    {
      name: "'kidnapped over N schoolgirls' counts the abducted",
      text: "Gunmen kidnapped over 90 schoolgirls from the dormitory, a teacher said.",
      claim: { valueLow: 90, metric: "captured", subject: "schoolgirls" },
    },
    {
      name: "'the number of those missing ... was N' counts the missing",
      text: "The principal said the total number of those missing after a roll call was 143.",
      claim: { valueLow: 143, metric: "missing" },
    },
    {
      name: "an aside 'both girls and boys' does not end the clause",
      text: "By Sunday, 143 pupils, both girls and boys, were still missing, the principal said.",
      claim: { valueLow: 143, metric: "missing" },
    },
    ...(
      [
        ["has soared past 12,000", [12_000, null, "more_than", "killed"]],
        ["has surged to 9,412", [9412, 9412, "exact", "killed"]],
      ] as [string, Figure][]
    ).map(([verb, expected]) =>
      figures(
        `a toll that ${verb}`,
        `The death toll from the offensive ${verb}, the health ministry said.`,
        expected,
      ),
    ),
    figures(
      "a thousands suffix ('430k') is part of the figure, a kilometre is not",
      "Researchers put the total number of civilian deaths at 430k. The front line is 900km long.",
      [430_000, 430_000, "exact", "killed"],
    ),
    {
      name: "a relative clause between the people and their verb does not end the clause",
      text: "At least 22 people, who had gone to the market at dawn, have been shot dead, residents said.",
      claim: { valueLow: 22, qualifier: "at_least", metric: "killed" },
    },
    {
      name: "people who 'have not been seen' since are missing",
      text: "Another 19 people have not been seen since the raid, the chief said.",
      claim: { metric: "missing" },
    },
    figures(
      "'the injured are approaching N' counts the wounded, approximately",
      "There have been 60 deaths and the injured are approaching 400, he said.",
      [60, 60, "exact", "killed"],
      [400, 400, "approximate", "wounded"],
    ),
    {
      name: "a participle describing the people does not outrank what happened to them",
      text: "The envoy said 70 volunteers fighting on the side of the army have been killed in the valley.",
      claim: { valueLow: 70, metric: "killed" },
    },
    figures(
      "'Of those killed, N were children and M were women': the opening says what happened to each part",
      "Of those killed, 16 were children and 7 were women, the agency said.",
      [16, 16, "exact", "killed"],
      [7, 7, "exact", "killed"],
    ),
    figures(
      "'Among the wounded, N were children' counts wounded children",
      "Among the wounded, 33 were children, doctors said.",
      [33, 33, "exact", "wounded"],
    ),
    {
      name: "'upward of N' is more than N",
      text: "Upward of 4,000 troops were deployed to the province, officials said.",
      claim: { valueLow: 4000, valueHigh: null, qualifier: "more_than" },
    },
  ])("$name", expectClaims);

  it("'Of the N people who …, M are children' repeats N as another appearance and counts M", () => {
    const all = claims(
      "The ministry said the strikes had caused at least 340 deaths. Of the 340 people who have died, 41 are children, the ministry said.",
    );
    const fresh = all.filter((c) => c.duplicateOf === null).map((c) => [c.valueLow, c.valueHigh, c.metric]);
    expect(fresh).toEqual([
      [340, null, "killed"],
      [41, 41, "killed"],
    ]);
    const repeat = all.find((c) => c.duplicateOf !== null);
    expect([repeat?.valueLow, repeat?.valueHigh, repeat?.duplicateOf]).toEqual([340, null, 0]);
  });
});
