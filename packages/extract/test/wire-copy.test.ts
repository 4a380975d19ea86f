import { describe, expect, it } from "vitest";
import { article, type ClaimCase, expectClaims, only } from "./helpers.ts";

// Constructions seen in wire copy: datelines, trailing frames with an object, relative clauses and ages
// between a speaker and the verb, quoted fragments, and several speakers in one sentence.
describe("wire-copy constructions", () => {
  it.each<ClaimCase>([
    {
      name: "a relative clause between the speaker and the verb",
      text: "The officials, who spoke on condition of anonymity, said roughly 1,500 soldiers were captured.",
      claim: { source: "officials" },
    },
    {
      name: "an age between commas",
      text: "General Ines Barros, 58, said 2,000 troops would be sent to the island.",
      at: { 0: { source: "Ines Barros" } },
    },
    {
      name: "two speakers in one sentence each keep their own figure",
      text: "Britain's defence ministry put Russian casualties at around 600,000, while U.S. officials have said Moscow suffers roughly 1,200 casualties a day.",
      all: [
        {
          source: "British Ministry of Defence",
          quote: "Britain's defence ministry put Russian casualties at around 600,000",
        },
        { source: "U.S. officials", rate: "per_day" },
      ],
    },
    {
      name: "a quoted fragment keeps its hedge and its clause",
      text: 'The group said in a statement that it had lost "no more than 40 men" and blamed the army for the attack.',
      at: { 0: { valueHigh: 40, qualifier: "at_most", metric: "casualties", source: "group" } },
    },
    {
      name: "a quoted figure with a bare verb",
      text: 'The president said that "at least 3,000" soldiers had been killed or wounded.',
      claim: { valueLow: 3_000, metric: "casualties" },
    },
    {
      name: "a bare verb after a quoted figure",
      text: 'The president said that 3,000 "had been killed or wounded" in the north.',
      claim: { metric: "casualties" },
    },
    {
      name: "losses over the previous 24 hours are a daily rate",
      text: "The general staff said Russia had lost 1,530 soldiers in the previous 24 hours.",
      claim: { rate: "per_day" },
    },
    ...[
      ["The country maintains an army of about 1.2 million soldiers.", "force_size"],
      ["Its military numbering 300,000 troops is the largest in the region.", "force_size"],
      ["The ministry sent a force of 4,000 soldiers to the coast.", "deployed"],
    ].map(([text = "", metric]) => ({
      name: `the size of a force: ${text}`,
      text,
      claim: { metric } as ClaimCase["claim"],
    })),
    {
      name: "'N of the recruits' refers back",
      text: "The militia recruited 5,000 fighters. About 1,500 of the recruits were under 18, officials said.",
      at: { 1: { valueBest: 1_500, source: "officials" } },
    },
    {
      name: "an army 'of bombing' is not a force size",
      text: "The group said it had lost 40 men and accused the army of bombing a market.",
      at: { 0: { metric: "casualties" } },
    },
    {
      name: "a participle phrase between the speaker and the verb",
      text: "A senior Western official, speaking on condition of anonymity, estimated that about 7,000 fighters remained in the city.",
      claim: { source: "senior Western official" },
    },
    {
      name: "a country's military is its armed forces",
      text: "Israel's military said it had killed about 900 fighters.",
      claim: { source: "Israel Defense Forces" },
    },
    {
      name: "'called up' is recruitment",
      text: "The country has called up around 300,000 reservists since March.",
      claim: { metric: "recruited" },
    },
    {
      name: "a running total at the end of a clause",
      text: "The army said 9 soldiers were wounded on Friday, bringing the total number of wounded since May to 1,250.",
      at: { 1: { valueBest: 1_250, metric: "wounded" } },
    },
    {
      name: "'N more could follow' counts more of the same people, planned",
      text: "The Pentagon said about 2,000 Marines were deployed to the region, adding that up to 1,500 more could follow.",
      at: {
        1: {
          valueHigh: 1_500,
          qualifier: "up_to",
          additional: true,
          metric: "planned_deployment",
          subject: "Marines",
        },
      },
    },
    {
      name: "a speaker at work: 'X is claiming that'",
      text: "Moscow is claiming that 2,000 soldiers were killed in the offensive.",
      claim: { source: "Moscow" },
    },
    {
      name: "another name between commas is not the subject: 'X, known as Y, said'",
      text: "The Pakistani Taliban, known as the TTP, said in a statement that 12 soldiers were killed.",
      claim: { source: "Pakistani Taliban" },
    },
    ...[
      "Five soldiers were martyred in the attack, the army said.",
      "Ten soldiers embraced martyrdom in the clash, the military said.",
      "The army confirmed 51 fallen soldiers.",
      "The strikes enabled the neutralization of around a hundred terrorists, the army said.",
    ].map(
      (text): ClaimCase => ({
        name: `martyrdom, the fallen, the neutralised: ${text}`,
        text,
        claim: { metric: "killed" },
      }),
    ),
    {
      name: "soldiers fallen are killed, beside the wounded",
      text: "The provisional toll indicates 12 soldiers fallen and eight wounded.",
      all: [{ metric: "killed" }, { metric: "wounded" }],
    },
    {
      name: "a part of a named group: 'four of the militants were killed'",
      text: "Police said four of the militants were killed.",
      claim: { valueLow: 4, metric: "killed", source: "Police" },
    },
    {
      name: "a part of a group counted for what it is not",
      text: "Three of the hostages are Americans.",
      all: [],
    },
    ...[
      [
        "At least 24 soldiers were killed Monday, the president of Burkina Faso has said.",
        "president of Burkina Faso",
      ],
      ["The governor of Kursk said 24 soldiers were killed.", "governor of Kursk"],
      [
        "At least 24 soldiers were killed, the Ministry of Defence of Ukraine said.",
        "Ministry of Defence of Ukraine",
      ],
    ].map(([text = "", source]) => ({
      name: `an office of a place speaks as a person, never as the place: ${text}`,
      text,
      claim: { source },
    })),
  ])("$name", expectClaims);

  it("a dateline and a trailing 'X told Y on Tuesday' frame", () => {
    const c = only(
      "NAIROBI, March 4 (Example Wire) - The militia has recruited at least 5,000 new fighters since January, two aid officials told Example Wire on Tuesday, as fighting spread.",
    );
    expect(c).toMatchObject({
      source: "aid officials",
      statedOn: { date: "2024-11-05", precision: "day" },
      metric: "recruited",
    });
    expect(c.quote.startsWith("The militia has recruited")).toBe(true);
  });

  it("a capitalised dateline names a known place", () => {
    const a = article("KHARTOUM, May 2 - Officials said 300 soldiers were killed.");
    expect(a.entities.some((e) => e.name === "Khartoum" && e.type === "place")).toBe(true);
  });

  it("markdown headings and emphasis are not text", () => {
    const a = article("**ROME** — About 500 soldiers were sent to the island.");
    expect(a.body.startsWith("ROME — About 500")).toBe(true);
  });

  it("falling back is not falling", () => {
    expect(only("About 5,000 troops have fallen back to the river, officials said.").metric).not.toBe(
      "killed",
    );
  });
});
