import { describe, expect, it } from "vitest";
import { nameVariantScore } from "../src/index.ts";
import { article, type ClaimCase, claims, counted, expectClaims, only } from "./helpers.ts";

// Speakers as conflict reporting names them: described, carried across a paragraph, written surname first,
// or standing for a government; one figure printed twice is one claim.
describe("who said it, as conflict reporting writes it", () => {
  it.each<ClaimCase>([
    // Who said it.
    {
      name: "a name followed by descriptions between commas",
      text: "Amadou Keita, head of a local rights group, based in Mopti, said 25 civilians had been killed.",
      claim: { source: "Amadou Keita" },
    },
    {
      name: "described speakers: rescuers, a resident of a village",
      text: "The airstrike killed at least 20 people, rescuers said.",
      claim: { source: "rescuers" },
    },
    {
      name: "a title before the name, a role after it, and 'told Reuters that'",
      text: "Colonel Jean Mbala, administrator of the territory, told Reuters that two soldiers were killed.",
      claim: { source: "Jean Mbala", via: ["Reuters"] },
    },
    {
      name: "a speaker carries over to the next sentence of the same paragraph",
      text: "The army said on Monday that 40 soldiers were killed in the attack on the base. Another 25 were wounded and 12 remain missing.",
      counted: [{ source: "army" }, { source: "army" }, { source: "army" }],
    },
    {
      name: "but not into the next paragraph",
      text: "The army said on Monday that 40 soldiers were killed.\n\nIn 2019, an attack nearby killed 89 soldiers.",
      counted: [{ source: "army" }, { source: null }],
    },
    {
      name: "'It said' is the organisation that spoke last, not one merely named",
      text: "Sudan's army said it killed 300 RSF fighters in the city. It said another 50 were captured.",
      counted: [{ source: "Sudanese Armed Forces" }, { source: "Sudanese Armed Forces" }],
    },
    {
      name: "'the general staff' is a staff named before, in any case",
      text: "Ukraine's General Staff said 1,350 Russian soldiers were killed. The general staff said 300 more were wounded.",
      counted: [
        { source: "General Staff of the Armed Forces of Ukraine" },
        { source: "General Staff of the Armed Forces of Ukraine" },
      ],
    },
    {
      name: "'the officials' are the described officials named just before",
      text: "Casualties are approaching 500,000 soldiers, US officials have told the Daily Herald. Russian casualties are approaching 300,000, the officials said.",
      counted: [{ source: "US officials" }, { source: "US officials" }],
    },
    {
      name: "'the agency said' is an agency named before",
      text: "The U.N. refugee agency UNHCR said on Monday that 300 people were killed. The agency said 40 more were missing.",
      counted: [{ source: "UNHCR" }, { source: "UNHCR" }],
    },
    {
      name: "where a body is based is not part of its name",
      text: "Forty fighters were killed, the Britain-based Syrian Observatory for Human Rights said.",
      claim: { source: "Syrian Observatory for Human Rights" },
    },
    {
      name: "'a new toll by X' is X's",
      text: "More than 70 people were killed, according to a new toll by activists.",
      claim: { source: "activists" },
    },
    // One figure printed twice is one claim.
    {
      name: "a paraphrase and the quote of the same figure",
      text: 'The commander said 40 of his men had been killed. "We have lost 40 men killed in two days," he told reporters.',
      all: [{}, { duplicateOf: 0 }],
    },
    {
      name: "a lede's described speaker and the body's name for it are one speaker",
      text: "At least 52 villagers were killed on Sunday, a local rights group said.\n\nThe Kerem Valley Resistance Committee said in a statement that an attack on the village killed at least 52 villagers.",
      all: [{}, { duplicateOf: 0 }],
    },
    {
      name: "'the defence ministry' and 'the Ministry of Defence' are one speaker",
      text: "Gunmen killed 23 soldiers near the border, the defence ministry said.\n\nThe Ministry of Defence said the attack killed 23 soldiers.",
      at: { 1: { duplicateOf: 0 } },
    },
    {
      name: "two bodies named in full that give the same figure are two claims",
      text: "The Kerem Valley Resistance Committee said 52 villagers were killed.\n\nThe Northern Relief Agency said 52 villagers were killed.",
      at: { 1: { duplicateOf: null } },
    },
    {
      name: "a lede and its detail credited to someone else",
      text: "Fifteen soldiers were killed in an attack on Saturday.\n\nThe defence ministry said 15 soldiers were killed when gunmen stormed the post.",
      at: { 1: { duplicateOf: 0 } },
    },
    {
      name: "a statement or figures are credited to the body that issued them",
      text: "The Israeli army said on Monday that two soldiers were killed in the north. According to army figures, 22 soldiers have been killed since October.",
      countedAt: { 1: { source: "Israeli army" } },
    },
    {
      name: "'on Friday' is the Friday before publication",
      text: "Gunmen killed 31 villagers on Friday, officials said.",
      claim: { refersFrom: { date: "2024-11-01" } },
    },
    // Places are not speakers; a territory's ministry is named whole.
    {
      name: "a province that 'reported' deaths says nothing; the agency before the colon does",
      text: "The state news agency Vantor Press listed the dead by area: the Kelso province reported 9 deaths and 14 injuries; the Marrow district recorded 6 fatalities.",
      counted: [
        { valueLow: 9, source: "Vantor Press" },
        { valueLow: 14, source: "Vantor Press" },
        { valueLow: 6, source: "Vantor Press" },
      ],
    },
    {
      name: "'the capital of X State' before 'local doctors said' is where, not who",
      text: "Five civilians were killed in shelling of Tawila, the capital of North Darfur State in western Sudan, local doctors said on Monday.",
      claim: { source: "local doctors" },
    },
    {
      name: "a capital stands for its government: 'Kyiv said'",
      text: "About 400 soldiers were captured near the border, Kyiv said.",
      claim: { source: "Kyiv" },
    },
    {
      name: "a town named as the subject of 'said' is no speaker",
      text: "Twelve fighters were killed in the raid, Tawila said.",
      claim: { source: null },
    },
    ...[
      "according to the Health Ministry in Transnistria",
      "the Transnistria-based Health Ministry said",
      "the health ministry in separatist-run Transnistria said",
    ].map((frame) => ({
      name: frame,
      text: `At least 31 people were killed in strikes overnight, ${frame}.`,
      claim: { source: "Transnistria Health Ministry" },
    })),
    {
      name: "the short form later in the article is the same ministry",
      text: "At least 31 people were killed overnight, according to the Health Ministry in Transnistria.\n\nThe Ministry said on Monday that 120 people had been wounded.",
      counted: [{ source: "Transnistria Health Ministry" }, { source: "Transnistria Health Ministry" }],
    },
    // Speakers named by surname or as a sentence's subject.
    {
      name: "a surname written with its particle is the person named in full before",
      text: "Interior Minister Samir Al-Hadi spoke on Tuesday.\nAl-Hadi explained that the death toll has risen to 17.",
      counted: [{ source: "Samir Al-Hadi" }],
    },
    {
      name: "'X gave an update, reporting N killed' is X's figure",
      text: "Governor Lena Varga spoke to reporters on Monday.\nVarga provided an update on the shelling, reporting 44 people killed.",
      counted: [{ valueLow: 44, source: "Lena Varga" }],
    },
    {
      name: "'gave chase' reports no figure",
      text: "Police gave chase after 14 soldiers were killed at the checkpoint.",
      claim: { source: null },
    },
    {
      name: "an abbreviation in brackets after the name does not hide the speaker",
      text: "Late on Thursday the Kordan Defence Forces (KDF) said on Friday that 140 fighters were killed in the battle.",
      claim: { source: "Kordan Defence Forces" },
    },
    {
      name: "'X, <a description>, has claimed that …' is X's",
      text: "Pavel Dorin, deputy chairman of the national security council, has claimed that 64,000 volunteers were recruited this year.",
      claim: { source: "Pavel Dorin" },
    },
    {
      name: "a day named as an event's ('Tuesday's attack') is not the day the figure was given",
      text: "Governor Lena Varga spoke on Saturday.\nRegarding Tuesday's attack, Varga noted that the death toll remains at 12.",
      options: { publishedAt: "2024-09-21" },
      at: { 0: { statedOn: { date: "2024-09-21", precision: "day" } } },
    },
    // Described and qualified speakers.
    {
      name: "'sources told <outlet>': the sources speak, the outlet relays",
      text: "Air strikes on three villages killed 41 people, sources told Reuters.",
      claim: { source: "sources", via: ["Reuters"] },
    },
    {
      name: "who backs a group is not part of its name: 'the Iran-backed Hezbollah movement'",
      text: "The Iran-backed Hezbollah movement said 19 of its fighters were killed.",
      claim: { source: "Hezbollah" },
    },
    {
      name: "'according to the military release' is the military named before",
      text: "The Israeli military said four soldiers were killed on Sunday.\nAccording to the military release, 312 other troops were also injured.",
      counted: [{ source: "Israeli military" }, { source: "Israeli military" }],
    },
    // One person described by where they work speaks as that person.
    {
      name: "'…, said a source at the ministry on Monday': the inverted speaker, without the day",
      text: "Casualties from the strikes on the border villages rose to 40 and 310 injuries, said a source at the regional health ministry on Monday.",
      all: [
        { source: "source at the regional health ministry" },
        { source: "source at the regional health ministry" },
      ],
    },
    {
      name: "'an official from the local administration said'",
      text: "At least 30 people were killed by the rebels overnight, an official from the local administration said.",
      claim: { source: "official from the local administration" },
    },
    {
      name: "'A resident of <town> told <agency>': the resident, not the town",
      text: "A resident of Port Verin also told AFP that eight people had been killed in the raid.",
      claim: { source: "resident of Port Verin", via: ["Agence France-Presse"] },
    },
    {
      name: "researchers at an institute still speak for it",
      text: "Researchers at the Institute for Strategy and Policy estimate that 150,000 fighters remain.",
      claim: { source: "Institute for Strategy and Policy" },
    },
    // Possessive and descriptive forms name the whole speaker, never a fragment.
    {
      name: "'according to Hamas officials' is the officials",
      text: "More than 500 prisoners are expected to be released, according to Hamas officials.",
      claim: { source: "Hamas officials" },
    },
    {
      name: "'a senior NATO military officer says'",
      text: "A senior NATO military officer says 900 soldiers were killed in the assault.",
      claim: { source: "senior NATO military officer" },
    },
    {
      name: "'the rebels' health ministry said' is the ministry",
      text: "The Houthi rebels' health ministry said new strikes killed at least 14 people and wounded 35.",
      all: [{ source: "Houthi rebels' health ministry" }, { source: "Houthi rebels' health ministry" }],
    },
    {
      name: "'<leader>'s office announced' is the office",
      text: "Prime Minister Anton Veyrel’s office announced that the army had recovered the bodies of six hostages.",
      claim: { source: "Prime Minister Anton Veyrel’s office" },
    },
    {
      name: "the lede's officials and the body's ministry of one group give one claim",
      text: "At least 14 people have been killed in airstrikes on the capital, according to Houthi officials.\n\nThe Houthi rebels' health ministry said the strikes killed at least 14 people.",
      counted: [{}],
    },
    // A document, a pronoun or a kind of body refers back to the speaker named before.
    {
      name: "'The updated figures reveal' after the ministry announced: the ministry",
      text: "On Wednesday, the Regional Ministry of Health announced a rise in fatalities. The updated figures reveal that the death toll has reached 1,250.",
      all: [{ source: "Regional Ministry of Health" }],
    },
    {
      name: "'It added' continues the ministry, not the agency that relayed it",
      text: "The ministry of health said the army killed 40 people, Xinhua news agency reported.\n\nIt added that 90 people were wounded.",
      all: [{ source: "ministry of health" }, { source: "ministry of health" }],
    },
    {
      name: "'the medical group said' is the medical body named before, not the armed group",
      text: "The Sudan Doctors Network blamed the Rapid Support Forces for the shelling.\n\nThe medical group said that 24 people were killed.",
      all: [{ source: "Sudan Doctors Network" }],
    },
  ])("$name", expectClaims);
});

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
