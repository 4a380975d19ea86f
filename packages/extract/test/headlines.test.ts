import { describe, expect, it } from "vitest";
import { extractArticle } from "../src/index.ts";

const read = (text: string) => extractArticle(text, { publishedAt: "2024-11-05", precision: "day" });

// A headline is read with its article: a figure only the headline gives is a claim, a figure the body
// repeats is the headline appearance of the body's claim, and every offset indexes the part it is printed in.
describe("headlines", () => {
  it("a headline figure the body repeats is one claim printed twice, with the body's hedge", () => {
    const a = read(
      "Militia kills 12 villagers in dawn raid\n\nAt least 12 villagers were killed in a dawn raid on Tuesday, local officials said.",
    );
    const [body, headline] = a.claims;
    expect(a.claims).toHaveLength(2);
    expect(body?.inTitle).toBe(false);
    expect(body?.source).toBe("local officials");
    expect(headline?.inTitle).toBe(true);
    expect(headline?.duplicateOf).toBe(0);
    expect(headline?.quote).toBe("Militia kills 12 villagers in dawn raid");
    expect(a.title.slice(headline?.start, headline?.end)).toBe(headline?.quote);
    expect([headline?.valueLow, headline?.valueHigh, headline?.hedge]).toEqual([12, null, "At least"]);
    expect(a.body.slice(body?.start, body?.end)).toBe(body?.quote);
  });

  it("a figure only the headline gives is a claim, its speaker named after a colon or a dash", () => {
    for (const title of ["Up to 900 dead in port city: UN", "Up to 900 dead in port city – UN"]) {
      const a = read(`${title}\n\nAid workers described streets full of rubble after the fighting.`);
      expect(a.claims).toHaveLength(1);
      const c = a.claims[0];
      expect(c?.inTitle).toBe(true);
      expect(c?.source).toBe("United Nations");
      expect(c?.metric).toBe("killed");
      expect([c?.valueLow, c?.valueHigh]).toEqual([null, 900]);
    }
  });

  it("a place before a headline's colon is not its speaker", () => {
    const a = read("Sudan: 40 killed in market shelling\n\nWitnesses described the shelling.");
    expect(a.claims[0]?.source).toBeNull();
  });

  it("present-tense verbs of headlines count: kills, injures", () => {
    const a = read("Airstrikes kill 9 people, injure 30 in northern town\n\nResidents fled the town.");
    expect(a.claims.map((c) => [c.metric, c.valueLow])).toEqual([
      ["killed", 9],
      ["wounded", 30],
    ]);
  });

  it("'X reports killing N': a frame, not a noun", () => {
    const a = read("Army reports killing 300 insurgents\n\nThe operation lasted a week.");
    expect(a.claims[0]?.source).toBe("Army");
  });

  it("a headline printed again above the text (another case, an HTML entity) is page furniture", () => {
    const a = read(
      "Army&#39;s toll: 40 soldiers killed\n\nArmy's Toll: 40 Soldiers Killed\n\nThe army said 40 soldiers were killed on Monday.",
    );
    expect(a.body.startsWith("The army said")).toBe(true);
    expect(a.claims.filter((c) => !c.inTitle)).toHaveLength(1);
  });

  it("entity mentions index the body only", () => {
    const a = read("Kenya says 15 soldiers killed\n\nKenya said 15 soldiers were killed in Mandera.");
    for (const entity of a.entities)
      for (const m of entity.mentions) expect(a.body.slice(m.start, m.end)).toBe(m.text);
  });

  it("a headline that words the figure differently still restates the lede's claim", () => {
    const a = read(
      "Army lost 1,500 men in the offensive: general\n\nThe general said around 1,500 soldiers were killed in the offensive. Another 1,500 were wounded, medics said.",
    );
    const headline = a.claims.find((c) => c.inTitle);
    expect(headline?.duplicateOf).toBe(0);
    expect(a.claims[0]?.metric).toBe("killed");
  });
});
