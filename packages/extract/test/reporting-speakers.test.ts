import { describe, expect, it } from "vitest";
import { nameVariantScore } from "../src/index.ts";
import { article, claims, counted, only } from "./support/extract.ts";

describe("who said it", () => {
  it("'the agency said' is never an armed group", () => {
    const other = counted(
      "The RSF said on Monday that 300 soldiers were killed. The agency said 40 more were captured.",
    );
    expect(other[1]?.source).not.toBe("Rapid Support Forces");
  });

  it("'The Ministry of X of Y said' is the whole organisation, on Y's side", () => {
    const a = article("The Ministry of Defence of Ukraine said 1,500 Russian troops were killed.");
    expect(a.claims[0]?.source).toBe("Ministry of Defence of Ukraine");
    const ministry = a.entities.find((e) => e.name === "Ministry of Defence of Ukraine");
    expect(ministry).toMatchObject({ type: "organization", affiliation: "Ukraine" });
    expect(a.entities.some((e) => e.name === "Defence of Ukraine")).toBe(false);
    const gaza = article("The Ministry of Health in Gaza said 45 people were killed overnight.");
    expect(gaza.claims[0]?.source).toBe("Ministry of Health in Gaza");
  });

  it("a title that names a country gives the speaker its side", () => {
    const a = article("The U.S. Secretary of State said 8,000 troops had been deployed.");
    expect(a.entities.find((e) => e.name === a.claims[0]?.source)?.affiliation).toBe("United States");
  });
});

describe("speakers as the article names them", () => {
  it("a known body keeps the name the article writes", () => {
    const a = article("Sudan's army said 300 RSF fighters were killed, AFP reported.");
    expect(a.claims[0]?.source).toBe("Sudanese Armed Forces");
    const b = article("The Sudanese army said 300 RSF fighters were killed, AFP reported.");
    expect(b.claims[0]?.source).toBe("Sudanese army");
    // An abbreviation stands for the reference name.
    expect(b.claims[0]?.via.map((v) => v.name)).toEqual(["Agence France-Presse"]);
    const army = b.entities.find((e) => e.name === "Sudanese Armed Forces");
    expect(army?.aliases).toContain("Sudanese army");
  });

  it("'Health Minister X' is a person with a portfolio", () => {
    const a = article("Health Minister Amal Haddad announced that 31 people were killed in the strike.");
    expect(a.claims[0]?.source).toBe("Amal Haddad");
    expect(a.entities.find((e) => e.name === "Amal Haddad")?.role).toBe("Health Minister");
  });
});

describe("names written surname first", () => {
  it("one person in one article, named first name first", () => {
    const a = article(
      "Goremykin Viktor, a spokesman for the ministry, said 300 troops had arrived. Viktor Goremykin later said 200 more had been sent.",
    );
    const people = a.entities.filter((e) => e.type === "person");
    expect(people.map((p) => p.name)).toEqual(["Viktor Goremykin"]);
    expect(people[0]?.aliases).toContain("Goremykin Viktor");
  });

  it("across articles, surname-first is a close variant", () => {
    const score = nameVariantScore(
      { name: "Goremykin Viktor", type: "person", role: null },
      { name: "Viktor Goremykin", type: "person", role: null },
    );
    expect(score).toBeGreaterThan(0.8);
    // Another person sharing only a first name is not even suggested.
    expect(
      nameVariantScore(
        { name: "Goremykin Viktor", type: "person", role: null },
        { name: "Viktor Petrov", type: "person", role: null },
      ),
    ).toBeLessThan(0.75);
  });
});

describe("speakers named by surname or as a sentence's subject", () => {
  it("'X gave a toll of N killed' reports the figure", () => {
    const all = counted(
      "The Kordan Defence Forces said four soldiers died on Monday.\n\nThe army on Tuesday afternoon gave a toll of 31 soldiers killed since the offensive began.",
    );
    expect(all.find((c) => c.valueLow === 31)?.source).toBe("Kordan Defence Forces");
  });

  it("'The ministry on Wednesday gave its first estimate, claiming N killed' is the ministry's", () => {
    const c = only(
      "The Defense Ministry on Wednesday offered its first estimate of losses, claiming 312 soldiers have been killed.",
    );
    expect(c.source).toMatch(/Defen[cs]e Ministry|Ministry of Defen[cs]e/);
  });

  it("a body's spokesman giving its figure again is the same claim printed twice", () => {
    const all = claims(
      "The Defense Ministry said 312 soldiers had been killed.\n\nAt a briefing, Defense Ministry spokesman Lev Arkin claimed 312 soldiers have been killed since the offensive began.",
    );
    expect(all.filter((c) => c.valueLow === 312).map((c) => c.duplicateOf)).toEqual([null, 0]);
  });
});
