import { describe, expect, it } from "vitest";
import { fixture } from "./support/cases.ts";
import { article, claims, only } from "./support/extract.ts";

// Wire-style articles written for these tests (other conflicts, other outlets' habits), asserting the claims
// a reader would take from them. Nothing in the engine is keyed to these names, places or numbers.

/** What must not be read from each article: values that are no claims, names that are no people. */
const FIXTURE_NON_CLAIMS: Record<
  string,
  { name: string; values?: number[]; quotes?: string[]; notPeople?: string[] }
> = {
  sudan: {
    name: "money and a year are not claims; places are not people",
    values: [2023],
    quotes: ["$15 billion"],
    notPeople: ["El Fasher"],
  },
  gaza: { name: "ages are not claims", values: [10] },
  tigray: { name: "'one in five' is no count", values: [5, 52] },
};

// The claims a reader takes from each article are rows of cases/unseen-articles.yaml.
describe.each(Object.keys(FIXTURE_NON_CLAIMS))("unseen article: %s", (name) => {
  const a = fixture(name);
  const nonClaims = FIXTURE_NON_CLAIMS[name];
  if (nonClaims)
    it(nonClaims.name, () => {
      for (const value of nonClaims.values ?? [])
        expect(a.claims.some((c) => c.valueBest === value)).toBe(false);
      for (const quote of nonClaims.quotes ?? [])
        expect(a.claims.some((c) => c.quote.includes(quote))).toBe(false);
      for (const place of nonClaims.notPeople ?? [])
        expect(a.entities.some((e) => e.name === place && e.type === "person")).toBe(false);
    });
});

describe("named in the unseen articles", () => {
  it("name particles stay in a person's name", () => {
    const a = fixture("sudan");
    expect(a.entities.some((e) => e.name === "Abdel Fattah al-Burhan" && e.type === "person")).toBe(true);
  });
  it("the money beside a recruitment is not a claim", () => {
    const a = fixture("ukraine");
    expect(a.claims.some((x) => x.quote.includes("hryvnias") && x.valueBest === 500)).toBe(false);
  });
});

describe("trailing 'according to', coreference of 'the group', 'the agency', 'the ministry', 'the official'", () => {
  it("the ministry picks a ministry over a later organisation", () => {
    const all = claims(
      "The Ukrainian Defence Ministry said 400 soldiers were killed. NATO said it was watching. The ministry said 300 more were wounded.",
    );
    expect(all[all.length - 1]?.source).toBe("Ukrainian Ministry of Defense");
  });
});

describe("force size constructions", () => {
  it("'has N troops stationed in X' is still presence", () => {
    expect(only("The United States has 28,500 troops stationed in South Korea.").metric).not.toBe(
      "force_size",
    );
  });
});

describe("places the gazetteer does not know", () => {
  it("a place from the construction is less certain than a gazetteer place", () => {
    const guessed = only("At least 20 soldiers were killed near Kabalo, officials said.");
    const known = only("At least 20 soldiers were killed near Goma, officials said.");
    expect(guessed.confidence).toBeLessThan(known.confidence);
  });
  it("a place is not an entity of type person", () => {
    const a = article(
      "Fighters killed 30 people around El Geneina, the capital of West Darfur, aid workers said.",
    );
    expect(a.entities.some((e) => e.name === "El Geneina" && e.type === "person")).toBe(false);
  });
});

describe("more wire constructions; speakers described with a place, a name in apposition, or a possessive", () => {
  it("'bringing the total to N' keeps the metric of the figure before", () => {
    const all = claims(
      "The UN said at least 1,200 civilians had been killed in the first half of the year, bringing the total since the coup to 6,000.",
    );
    const total = all.find((c) => c.valueBest === 6000);
    expect(total?.metric).toBe("killed");
    expect(total?.source).toBe("United Nations");
  });
});
