import { describe, expect, it } from "vitest";
import { article, claims, only } from "./helpers.ts";

// Constructions seen in wire copy: datelines, trailing frames with an object, relative clauses and ages
// between a speaker and the verb, quoted fragments, and several speakers in one sentence.
describe("wire-copy constructions", () => {
  it("a dateline and a trailing 'X told Y on Tuesday' frame", () => {
    const c = only(
      "NAIROBI, March 4 (Example Wire) - The militia has recruited at least 5,000 new fighters since January, two aid officials told Example Wire on Tuesday, as fighting spread.",
    );
    expect(c.source).toBe("aid officials");
    expect(c.statedOn).toEqual({ date: "2024-11-05", precision: "day" });
    expect(c.metric).toBe("recruited");
    expect(c.quote.startsWith("The militia has recruited")).toBe(true);
  });

  it("a capitalised dateline names a known place", () => {
    const a = article("KHARTOUM, May 2 - Officials said 300 soldiers were killed.");
    expect(a.entities.some((e) => e.name === "Khartoum" && e.type === "place")).toBe(true);
  });

  it("a relative clause between the speaker and the verb", () => {
    expect(
      only("The officials, who spoke on condition of anonymity, said roughly 1,500 soldiers were captured.")
        .source,
    ).toBe("officials");
  });

  it("an age between commas", () => {
    const all = claims("General Ines Barros, 58, said 2,000 troops would be sent to the island.");
    expect(all[0]?.source).toBe("Ines Barros");
  });

  it("two speakers in one sentence each keep their own figure", () => {
    const all = claims(
      "Britain's defence ministry put Russian casualties at around 600,000, while U.S. officials have said Moscow suffers roughly 1,200 casualties a day.",
    );
    expect(all.map((c) => c.source)).toEqual(["British Ministry of Defence", "U.S. officials"]);
    expect(all[1]?.rate).toBe("per_day");
    expect(all[0]?.quote).toBe("Britain's defence ministry put Russian casualties at around 600,000");
  });

  it("a quoted fragment keeps its hedge and its clause", () => {
    const all = claims(
      'The group said in a statement that it had lost "no more than 40 men" and blamed the army for the attack.',
    );
    expect(all[0]).toMatchObject({
      valueHigh: 40,
      qualifier: "at_most",
      metric: "casualties",
      source: "group",
    });
  });

  it("a quoted figure with a bare verb", () => {
    const c = only('The president said that "at least 3,000" soldiers had been killed or wounded.');
    expect([c.valueLow, c.metric]).toEqual([3_000, "casualties"]);
    const d = only('The president said that 3,000 "had been killed or wounded" in the north.');
    expect(d.metric).toBe("casualties");
  });

  it("losses over the previous 24 hours are a daily rate", () => {
    expect(only("The general staff said Russia had lost 1,530 soldiers in the previous 24 hours.").rate).toBe(
      "per_day",
    );
  });

  it("the size of a force", () => {
    expect(only("The country maintains an army of about 1.2 million soldiers.").metric).toBe("force_size");
    expect(only("Its military numbering 300,000 troops is the largest in the region.").metric).toBe(
      "force_size",
    );
    expect(only("The ministry sent a force of 4,000 soldiers to the coast.").metric).toBe("deployed");
  });

  it("'N of the recruits' refers back", () => {
    const all = claims(
      "The militia recruited 5,000 fighters. About 1,500 of the recruits were under 18, officials said.",
    );
    expect(all[1]?.valueBest).toBe(1_500);
    expect(all[1]?.source).toBe("officials");
  });

  it("an army 'of bombing' is not a force size", () => {
    const all = claims("The group said it had lost 40 men and accused the army of bombing a market.");
    expect(all[0]?.metric).toBe("casualties");
  });
});

describe("more constructions", () => {
  it.each([
    [
      "a participle phrase between the speaker and the verb",
      "A senior Western official, speaking on condition of anonymity, estimated that about 7,000 fighters remained in the city.",
      "senior Western official",
    ],
    [
      "a country's military is its armed forces",
      "Israel's military said it had killed about 900 fighters.",
      "Israel Defense Forces",
    ],
  ])("%s", (_name, text, expected) => {
    expect(only(text).source).toBe(expected);
  });

  it("'called up' is recruitment", () => {
    expect(only("The country has called up around 300,000 reservists since March.").metric).toBe("recruited");
  });

  it("a running total at the end of a clause", () => {
    const all = claims(
      "The army said 9 soldiers were wounded on Friday, bringing the total number of wounded since May to 1,250.",
    );
    expect(all[1]).toMatchObject({ valueBest: 1_250, metric: "wounded" });
  });

  it("'N more could follow' counts more of the same people, planned", () => {
    const all = claims(
      "The Pentagon said about 2,000 Marines were deployed to the region, adding that up to 1,500 more could follow.",
    );
    expect(all[1]).toMatchObject({
      valueHigh: 1_500,
      qualifier: "up_to",
      additional: true,
      metric: "planned_deployment",
    });
    expect(all[1]?.subject).toBe("Marines");
  });

  it("markdown headings and emphasis are not text", () => {
    const a = article("**ROME** — About 500 soldiers were sent to the island.");
    expect(a.body.startsWith("ROME — About 500")).toBe(true);
  });

  it("a speaker at work: 'X is claiming that'", () => {
    expect(only("Moscow is claiming that 2,000 soldiers were killed in the offensive.").source).toBe(
      "Moscow",
    );
  });

  it("another name between commas is not the subject: 'X, known as Y, said'", () => {
    expect(
      only("The Pakistani Taliban, known as the TTP, said in a statement that 12 soldiers were killed.")
        .source,
    ).toBe("Pakistani Taliban");
  });

  it("martyrdom is a death", () => {
    expect(only("Five soldiers were martyred in the attack, the army said.").metric).toBe("killed");
    expect(only("Ten soldiers embraced martyrdom in the clash, the military said.").metric).toBe("killed");
  });

  it("a part of a named group: 'four of the militants were killed'", () => {
    const c = only("Police said four of the militants were killed.");
    expect([c.valueLow, c.metric, c.source]).toEqual([4, "killed", "Police"]);
    expect(claims("Three of the hostages are Americans.")).toHaveLength(0);
  });

  it("the fallen are the dead, and so are the neutralised", () => {
    expect(only("The army confirmed 51 fallen soldiers.").metric).toBe("killed");
    expect(
      claims("The provisional toll indicates 12 soldiers fallen and eight wounded.").map((c) => c.metric),
    ).toEqual(["killed", "wounded"]);
    expect(only("About 5,000 troops have fallen back to the river, officials said.").metric).not.toBe(
      "killed",
    );
    expect(
      only("The strikes enabled the neutralization of around a hundred terrorists, the army said.").metric,
    ).toBe("killed");
  });

  it("an office of a place speaks as a person, never as the place", () => {
    expect(
      only("At least 24 soldiers were killed Monday, the president of Burkina Faso has said.").source,
    ).toBe("president of Burkina Faso");
    expect(only("The governor of Kursk said 24 soldiers were killed.").source).toBe("governor of Kursk");
    expect(only("At least 24 soldiers were killed, the Ministry of Defence of Ukraine said.").source).toBe(
      "Ministry of Defence of Ukraine",
    );
  });
});
