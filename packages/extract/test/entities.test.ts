import { describe, expect, it } from "vitest";
import { type ExtractedEntity, groupEntityVariants, nameVariantScore, normalizeName } from "../src/index.ts";
import { AUTO_MERGE_THRESHOLD, automaticMergeScore } from "../src/variants.ts";
import { article } from "./support/extract.ts";

const entity = (entities: ExtractedEntity[], name: string) => entities.find((e) => e.name === name);

describe("entities", () => {
  const text =
    "Kherson Governor Oleksandr Prokudin said on Monday that the Russian Defence Ministry had moved troops. " +
    "Prokudin told Reuters the Armed Forces of Ukraine were ready. NATO Secretary General Jens Stoltenberg visited Kyiv. " +
    "Pentagon spokesperson Sabine Ortiz said the U.S. Defense Department was monitoring the Sea of Azov.";
  const a = article(text);

  it("finds people, organisations and places with their type", () => {
    expect(entity(a.entities, "Oleksandr Prokudin")?.type).toBe("person");
    expect(entity(a.entities, "Jens Stoltenberg")?.type).toBe("person");
    expect(entity(a.entities, "Sabine Ortiz")?.type).toBe("person");
    expect(entity(a.entities, "Russian Ministry of Defense")?.type).toBe("organization");
    expect(entity(a.entities, "Reuters")?.type).toBe("organization");
    expect(entity(a.entities, "Armed Forces of Ukraine")?.type).toBe("organization");
    expect(entity(a.entities, "NATO")?.type).toBe("organization");
    expect(entity(a.entities, "Kyiv")?.type).toBe("place");
  });

  it("splits titles from names and keeps the role", () => {
    const governor = entity(a.entities, "Oleksandr Prokudin");
    expect(governor?.role).toBe("Kherson Governor");
    expect(governor?.affiliation).toBe("Kherson Oblast");
    expect(governor?.aliases).toContain("Kherson Governor Oleksandr Prokudin");
    expect(entity(a.entities, "Jens Stoltenberg")?.role).toBe("NATO Secretary General");
  });

  it("links a lone surname to the full name and records every mention's offsets", () => {
    const governor = entity(a.entities, "Oleksandr Prokudin");
    expect(governor?.mentions.map((m) => m.text)).toEqual(["Oleksandr Prokudin", "Prokudin"]);
    for (const m of governor?.mentions ?? []) expect(a.body.slice(m.start, m.end)).toBe(m.text);
  });

  it("canonicalises gazetteer aliases", () => {
    expect(entity(a.entities, "Pentagon")?.aliases).toContain("U.S. Defense Department");
  });

  it("takes roles from appositions", () => {
    const b = article("Mira Castell, the defence minister of Portugal, said the brigade was ready.");
    expect(entity(b.entities, "Mira Castell")?.role).toBe("defence minister of Portugal");
  });

  it("does not take capitalised common words for names", () => {
    const b = article(
      "According to the report, Residents fled. However, Analysts disagreed about the Cold War legacy.",
    );
    expect(b.entities.filter((e) => e.type === "person")).toEqual([]);
  });
});

describe("name variants", () => {
  const person = (name: string, role: string | null = null) => ({ name, type: "person" as const, role });

  it("normalises names for alias look-ups", () => {
    expect(normalizeName("President Andriy Kovalenko")).toBe("andriy kovalenko");
    expect(normalizeName("  Gen. Valeriy Zaluzhnyi's ")).toBe("valeriy zaluzhnyi");
    expect(normalizeName("Émile Brûlé")).toBe("emile brule");
    expect(normalizeName("The Pentagon")).toBe("pentagon");
  });

  // Two names, and whether they are one person: transliterations are, different people stay apart (a
  // score of 0.75 is where a variant is suggested).
  it.each([
    { a: "Valeriy Zaluzhnyi", b: "Valerii Zaluzhny", same: true },
    { a: "Zaluzhnyi", b: "Valeriy Zaluzhniy", same: true },
    { a: "Sergei Shoigu", b: "Sergey Shoygu", same: true },
    { a: "Dmitry Peskov", b: "Dmitri Peskov", same: true },
    { a: "Kim Yong Ho", b: "Kim Yong-nam", same: false },
    { a: "Mark Carney", b: "Mark Rowley", same: false },
    { a: "Dmitry Kozak", b: "Dmitry Peskov", same: false },
    { a: "Sergei Lavrov", b: "Sergei Shoigu", same: false },
  ])("$a and $b are one person: $same", ({ a, b, same }) => {
    expect(nameVariantScore(person(a), person(b)) >= 0.75).toBe(same);
  });

  it("the same title with a variant name", () => {
    const a = person("Ri Yong Gil", "North Korean Defence Minister");
    const b = person("Ri Yong Kil", "Defense Minister of North Korea");
    expect(nameVariantScore(a, b)).toBeGreaterThanOrEqual(0.75);
    const c = person("Pak Jong Chon", "Defense Minister of North Korea");
    const d = person("Pak Jun Chol", "North Korean Defense Minister");
    expect(nameVariantScore(c, d)).toBeGreaterThanOrEqual(0.75);
  });

  it("different names with different roles stay apart even when similar", () => {
    expect(
      nameVariantScore(person("Kim Yong Chol", "spy chief"), person("Kim Yong Nam", "head of state")),
    ).toBeLessThan(0.75);
  });

  it("groups variants across articles with a score", () => {
    const e = (name: string, role: string | null = null): ExtractedEntity => ({
      name,
      type: "person",
      aliases: [],
      role,
      affiliation: null,
      mentions: [{ start: 0, end: name.length, text: name }],
    });
    const groups = groupEntityVariants([
      e("Valeriy Zaluzhnyi"),
      e("Sergei Shoigu"),
      e("Valerii Zaluzhny"),
      e("Zaluzhniy"),
      e("Sergey Shoygu"),
      e("Dmitry Peskov"),
    ]);
    const sizes = groups.map((g) => g.members.length).sort();
    expect(sizes).toEqual([1, 2, 3]);
    for (const g of groups) expect(g.score).toBeGreaterThan(0);
  });

  it("organisations: acronyms and gazetteer aliases", () => {
    const org = (name: string) => ({ name, type: "organization" as const });
    expect(nameVariantScore(org("NIS"), org("National Intelligence Service"))).toBeGreaterThanOrEqual(0.75);
    expect(nameVariantScore(org("Pentagon"), org("U.S. Department of Defense"))).toBe(1);
    expect(nameVariantScore(org("Reuters"), org("TASS"))).toBe(0);
  });

  // Bodies that differ in a country or an acronym are different bodies however alike the rest is; the
  // same country or acronym written another way is not a difference.
  it.each([
    { a: "Chilean Navy", b: "Peruvian Navy", apart: true },
    { a: "Office of the Ombudsman of Chile", b: "Office of the Ombudsman of Peru", apart: true },
    { a: "EU observers", b: "AU observers", apart: true },
    { a: "NBC News", b: "CBC News", apart: true },
    { a: "MINUSTAH", b: "MINUSMA", apart: true },
    { a: "Chile Navy", b: "Chilean Navy", apart: false },
    { a: "U.K. Border Force", b: "UK Border Force", apart: false },
  ])("$a and $b are told apart: $apart", ({ a, b, apart }) => {
    const org = (name: string) => ({ name, type: "organization" as const });
    expect(nameVariantScore(org(a), org(b)) === 0).toBe(apart);
  });

  it("merges automatically only close variants with a name of their own, never places", () => {
    const org = (name: string) => ({ name, type: "organization" as const });
    expect(AUTO_MERGE_THRESHOLD).toBeGreaterThan(0.75);
    expect(automaticMergeScore(person("Sergei Shoigu"), person("Sergey Shoygu"))).toBeGreaterThanOrEqual(
      AUTO_MERGE_THRESHOLD,
    );
    expect(
      automaticMergeScore(
        org("Coordinating Staff for Civilian Relief"),
        org("Coordination Staff for Civilian Relief"),
      ),
    ).not.toBeNull();
    // Close enough to suggest, not to merge unasked.
    expect(nameVariantScore(person("Zaluzhnyi"), person("Valeriy Zaluzhniy"))).toBeGreaterThanOrEqual(0.75);
    expect(automaticMergeScore(person("Zaluzhnyi"), person("Valeriy Zaluzhniy"))).toBeNull();
    // Descriptions name no one in particular: "Defense Forces" in one article is not those of another.
    expect(nameVariantScore(org("Defense Forces"), org("Defense Force"))).toBeGreaterThanOrEqual(
      AUTO_MERGE_THRESHOLD,
    );
    expect(automaticMergeScore(org("Defense Forces"), org("Defense Force"))).toBeNull();
    expect(automaticMergeScore(org("local authorities"), org("local authority"))).toBeNull();
    const place = (name: string) => ({ name, type: "place" as const });
    expect(automaticMergeScore(place("Kharkiv"), place("Kharkov"))).toBeNull();
  });
});
