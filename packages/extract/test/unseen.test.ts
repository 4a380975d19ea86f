import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../src/index.ts";
import { article, type ClaimCase, claims, expectClaims, only } from "./helpers.ts";

// Wire-style articles written for these tests (other conflicts, other outlets' habits), asserting the claims
// a reader would take from them. Nothing in the engine is keyed to these names, places or numbers.

function fixture(name: string) {
  const text = readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), "utf8");
  return extractArticle(text, { publishedAt: "2024-06-14", precision: "day" });
}

/** The claims a reader takes from each article, found by a fragment of their quote (counted claims only). */
const FIXTURE_CLAIMS: Record<string, (Omit<ClaimCase, "text"> & { quote: string })[]> = {
  sudan: [
    {
      name: "a massing of fighters around a place the gazetteer does not know",
      quote: "10,000",
      claim: {
        valueLow: null,
        valueHigh: 10000,
        qualifier: "up_to",
        metric: "deployed",
        location: "El Fasher",
      },
    },
    {
      name: "a trailing 'according to X' after a date clause",
      quote: "226",
      claim: {
        valueLow: 226,
        valueHigh: null,
        qualifier: "at_least",
        metric: "killed",
        source: "Doctors Without Borders",
        location: "El Fasher",
      },
    },
    {
      name: "'the group' resolves to the organisation named before; 'another' is additional",
      quote: "1,400",
      claim: { source: "Doctors Without Borders", additional: true, metric: "wounded" },
    },
    {
      name: "name particles stay in a person's name",
      quote: "3,000",
      claim: { source: "Abdel Fattah al-Burhan" },
    },
    {
      name: "'analysts estimate X has N fighters' is a force size with a described source",
      quote: "70,000",
      claim: {
        valueLow: 70000,
        valueHigh: 100000,
        qualifier: "range",
        metric: "force_size",
        source: "Analysts",
      },
    },
    {
      name: "a quoted commander's losses",
      quote: "more than 40",
      claim: { valueLow: 40, qualifier: "more_than", metric: "casualties", source: "commander" },
    },
  ],
  gaza: [
    {
      name: "a toll from the health ministry, with its place",
      quote: "47",
      claim: {
        valueLow: 47,
        qualifier: "at_least",
        metric: "killed",
        source: "Gaza health ministry",
        location: "Khan Younis",
      },
    },
    {
      name: "'N others were injured' and 'the ministry said'",
      quote: "112",
      claim: { metric: "wounded", source: "Gaza health ministry" },
    },
    {
      name: "'It said' after 'The Israeli military said'",
      quote: "30 militants",
      claim: { source: "Israeli military" },
    },
    {
      name: "named as the article names it",
      quote: "two soldiers",
      claim: { valueBest: 2, metric: "wounded", source: "Israeli military" },
    },
  ],
  myanmar: [
    {
      name: "a noun modifier before the people noun, and a State region",
      quote: "200 junta soldiers",
      claim: { valueBest: 200, qualifier: "approximate", metric: "captured", location: "Shan State" },
    },
    {
      name: "'fewer than' losses",
      quote: "fewer than 50",
      claim: { valueLow: null, valueHigh: 50, qualifier: "at_most", metric: "casualties" },
    },
    {
      name: "researchers at an institute speak for it",
      quote: "150,000",
      claim: { metric: "force_size", source: "Institute for Strategy and Policy" },
    },
    {
      name: "a village near an unknown town",
      quote: "12 civilians",
      claim: {
        valueLow: 12,
        qualifier: "at_least",
        metric: "killed",
        source: "local media",
        location: "Lashio",
      },
    },
  ],
  tigray: [
    {
      name: "'X quoted Y as saying': Y is the source, X relays",
      quote: "some 300",
      claim: {
        valueBest: 300,
        qualifier: "approximate",
        metric: "killed",
        source: "defence ministry",
        via: ["state media"],
        location: "Alamata",
      },
    },
    {
      name: "'the official' resolves to the official quoted before",
      quote: "600 more",
      claim: { source: "regional official", additional: true, metric: "wounded" },
    },
    {
      name: "'taken N soldiers prisoner' is a capture claimed by a described force",
      quote: "1,200",
      claim: { metric: "captured", source: "Tigrayan forces" },
    },
    {
      name: "an N-strong unit's losses leave N its size",
      quote: "4,000-strong",
      claim: { metric: "force_size" },
    },
  ],
  ukraine: [
    {
      name: "'around the town of X'",
      quote: "40,000",
      claim: {
        valueLow: 40000,
        qualifier: "more_than",
        metric: "deployed",
        location: "Kupiansk",
        source: "General Staff of the Armed Forces of Ukraine",
      },
    },
    {
      name: "a daily loss rate; 'in the area' is the town named before",
      quote: "1,000 soldiers a day",
      claim: { rate: "per_day", metric: "casualties", location: "Kupiansk" },
    },
    {
      name: "'the General Staff' is the General Staff named in full before",
      quote: "1,150",
      claim: { source: "General Staff of the Armed Forces of Ukraine" },
    },
    {
      name: "'the force numbers N' and a person with 'van der'",
      quote: "500,000",
      claim: { metric: "force_size", source: "Anna van der Berg" },
    },
    {
      name: "'mobilise N additional men' is recruitment, additional",
      quote: "160,000",
      claim: {
        valueHigh: 160000,
        qualifier: "up_to",
        metric: "recruited",
        additional: true,
        source: "Rustem Umerov",
      },
    },
  ],
  sahel: [
    {
      name: "security sources told the wire; an unknown town after 'near'",
      quote: "70 soldiers",
      claim: {
        valueLow: 70,
        qualifier: "at_least",
        metric: "killed",
        source: "security sources",
        location: "Djibo",
      },
    },
    {
      name: "'have between N and M fighters' is a force size",
      quote: "6,000",
      claim: {
        valueLow: 6000,
        valueHigh: 8000,
        qualifier: "range",
        metric: "force_size",
        source: "United Nations",
      },
    },
    {
      name: "'the report said' keeps the report's author; 'X province'",
      quote: "3,000 to 4,000",
      claim: {
        valueLow: 3000,
        valueHigh: 4000,
        metric: "deployed",
        source: "United Nations",
        location: "North Kivu",
      },
    },
    { name: "'the town of X'", quote: "more than 200", claim: { location: "Barsalogho" } },
    {
      name: "a toll put at N",
      quote: "toll at 80",
      claim: { valueBest: 80, metric: "killed", source: "government spokesman" },
    },
  ],
};

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

describe.each(Object.keys(FIXTURE_CLAIMS))("unseen article: %s", (name) => {
  const a = fixture(name);
  it.each(FIXTURE_CLAIMS[name] ?? [])("$name", ({ quote, claim }) => {
    const c = a.claims.find((x) => x.quote.includes(quote) && x.duplicateOf === null);
    expect(c, `no claim with "${quote}" in ${JSON.stringify(a.claims.map((x) => x.quote))}`).toBeDefined();
    expect(c && { ...c, via: c.via.map((v) => v.name) }).toMatchObject(claim ?? {});
  });
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
  it.each<ClaimCase>([
    ...[
      [
        "At least 40 people were killed in the town on Sunday, according to the Sahel Rights Monitor.",
        "Sahel Rights Monitor",
      ],
      [
        "Some 300 fighters died in the assault last week, according to Human Rights Watch.",
        "Human Rights Watch",
      ],
      [
        "More than 90 soldiers were killed near the border since Friday, according to Amnesty International.",
        "Amnesty International",
      ],
      ["Defence chief Ahmed bin Salem said 900 troops were deployed.", "Ahmed bin Salem"],
      ["General Pieter van den Broek said 900 troops were deployed.", "Pieter van den Broek"],
      ["Commander Joao da Costa said 900 troops were deployed.", "Joao da Costa"],
      ["Minister Hassan el-Amin said 900 troops were deployed.", "Hassan el-Amin"],
      ["Colonel Sean O'Donnell said 900 troops were deployed.", "Sean O'Donnell"],
      ["The official said 500 soldiers were wounded.", "official"],
    ].map(([text = "", source]) => ({ name: text, text, claim: { source } })),
    {
      name: "the group",
      text: "Save the Children said 30 people were killed in the camp. The group said another 70 were wounded.",
      all: [{ source: "Save the Children" }, { source: "Save the Children", additional: true }],
    },
    {
      name: "the agency picks the latest organisation, not an earlier one",
      text: "The World Food Programme said 12 staff were killed. Later the U.N. refugee agency said 40 people were killed. The agency said 15 more were wounded.",
      at: { 2: { source: "UNHCR" } },
    },
    {
      name: "the official resolves to a named person with that role",
      text: "Senior official Maria Okonkwo said 200 soldiers were killed. The official said 500 were wounded.",
      at: { 1: { source: "Maria Okonkwo" } },
    },
  ])("$name", expectClaims);

  it("the ministry picks a ministry over a later organisation", () => {
    const all = claims(
      "The Ukrainian Defence Ministry said 400 soldiers were killed. NATO said it was watching. The ministry said 300 more were wounded.",
    );
    expect(all[all.length - 1]?.source).toBe("Ukrainian Ministry of Defense");
  });
});

describe("force size constructions", () => {
  it.each([
    "Analysts say the militia has about 20,000 fighters.",
    "The rebels have some 8,000 troops, experts estimate.",
    "The junta fields roughly 150,000 soldiers, researchers said.",
    "The group's force numbers about 12,000, officials said.",
    "The army of some 90,000 troops is stretched thin, officials said.",
  ])("%s", (text) => {
    expect(only(text).metric).toBe("force_size");
  });
  it("'has N troops stationed in X' is still presence", () => {
    expect(only("The United States has 28,500 troops stationed in South Korea.").metric).not.toBe(
      "force_size",
    );
  });
});

describe("places the gazetteer does not know", () => {
  it.each<ClaimCase>([
    ...(
      [
        ["At least 20 soldiers were killed near Kabalo, officials said.", "Kabalo"],
        ["Some 400 troops were sent into Nimba province, officials said.", "Nimba province"],
        ["Gunmen killed 35 people in the village of Tondibiah, officials said.", "Tondibiah"],
        [
          "About 3,000 fighters were massed outside Wad Medani, the capital of Gezira, officials said.",
          "Wad Medani",
        ],
        ["In Beni Suef, at least 12 people were killed, officials said.", "Beni Suef"],
        ["At least 20 soldiers were killed in March, officials said.", null],
        ["At least 20 soldiers were killed on Monday in Operation Desert Wind, officials said.", null],
        ["At least 20 soldiers were killed in Tuesday's raid, officials said.", null],
        ["At least 20 soldiers were killed at NATO headquarters, officials said.", null],
        ["At least 20 soldiers were killed at Hezbollah positions, officials said.", null],
      ] as [string, string | null][]
    ).map(([text = "", location = null]) => ({
      name: location ? text : `no false place: ${text}`,
      text,
      claim: { location },
    })),
  ])("$name", expectClaims);

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
  it.each<ClaimCase>([
    {
      name: "a death toll that rose, with a trailing described source",
      text: "The death toll from the strikes rose to 87, the civil defence agency said.",
      claim: { valueBest: 87, metric: "killed", source: "civil defence agency" },
    },
    {
      name: "'killed N and wounded M others': each number takes its own verb",
      text: "The shelling killed 14 people and wounded 31 others, local officials said.",
      all: [
        { valueBest: 14, metric: "killed" },
        { valueBest: 31, metric: "wounded" },
      ],
    },
    {
      name: "arrests are captures",
      text: "Police said a dozen gunmen were arrested.",
      claim: { metric: "captured" },
    },
    {
      name: "a percentage of a unit's soldiers",
      text: "About 40% of the battalion's soldiers were wounded, the officer said.",
      claim: { valueBest: 40, rate: "percent", metric: "wounded" },
    },
    ...[
      ["More than 150,000 people were killed, according to estimates by the U.S. envoy.", "U.S. envoy"],
      ["More than 150,000 people were killed, according to U.S. officials.", "U.S. officials"],
      ["More than 150,000 people were killed, according to the U.N.", "United Nations"],
    ].map(([text = "", source]) => ({
      name: `abbreviations inside 'according to': ${text}`,
      text,
      claim: { source },
    })),
    {
      name: "word numbers",
      text: "Twenty-three soldiers were killed in the ambush, the army said in a statement.",
      claim: { valueBest: 23, metric: "killed", source: "army" },
    },
    {
      name: "'a further'",
      text: "A further 500 paratroopers will be deployed next week, Mr. Ndlovu said.",
      claim: { valueBest: 500, additional: true, metric: "planned_deployment" },
    },
    {
      name: "'the agency quoted X as saying'",
      text: "The state news agency quoted Colonel Musa Diarra as saying that 40 militants were killed near Gao.",
      claim: { source: "Musa Diarra", via: [expect.any(String)] },
    },
    {
      name: "'Hospital officials in Rafah said': the place does not name the speakers",
      text: "Hospital officials in Rafah said 25 bodies had been brought in.",
      claim: { source: "Hospital officials", location: "Rafah" },
    },
    {
      name: "a name in apposition to a description",
      text: "A spokesperson for the Sudanese army, Brigadier Nabil Abdallah, said 300 fighters were killed.",
      claim: { source: "Nabil Abdallah" },
    },
    {
      name: "the owner of the figures",
      text: "The Gaza health ministry's figures, which do not distinguish between civilians and combatants, put the death toll at 35,000.",
      claim: { valueBest: 35000, metric: "killed", source: "Gaza health ministry" },
    },
  ])("$name", expectClaims);

  it("'bringing the total to N' keeps the metric of the figure before", () => {
    const all = claims(
      "The UN said at least 1,200 civilians had been killed in the first half of the year, bringing the total since the coup to 6,000.",
    );
    const total = all.find((c) => c.valueBest === 6000);
    expect(total?.metric).toBe("killed");
    expect(total?.source).toBe("United Nations");
  });
});
