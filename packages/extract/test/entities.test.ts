import { describe, expect, it } from "vitest";
import { type ExtractedEntity, groupEntityVariants, nameVariantScore, normalizeName } from "../src/index.ts";
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
});
