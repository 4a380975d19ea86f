import { describe, expect, it } from "vitest";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { testApi } from "../support/api.ts";
import { testDatabaseUrl } from "../support/database.ts";
import { globalId, useFixtureCorpus } from "../support/fixtures.ts";

const statements: string[] = [];
const prisma = createPrismaClient(testDatabaseUrl(), { max: 4, onQuery: (sql) => statements.push(sql) });
const { query } = testApi(prisma);
const corpus = useFixtureCorpus(prisma);

type Facets = Record<"sources" | "sides" | "places" | "subjects", [string, number][]>;

const FACETS = /* GraphQL */ `
  query ($filter: ClaimFilter) {
    claimFacets(filter: $filter) {
      sources { ...Choice }
      sides { ...Choice }
      places { ...Choice }
      subjects { ...Choice }
    }
  }
  fragment Choice on ClaimFacet { count entity { id name } }
`;

interface FacetData {
  count: number;
  entity: { id: string; name: string };
}

const NAMES = /* GraphQL */ `
  query ($filter: ClaimFilter) {
    claimFacets(filter: $filter) {
      sources { entity { name } }
      sides { entity { name } }
      places { entity { name } }
      subjects { entity { name } }
    }
  }
`;

/** The lists without counts (the filter form's request). */
async function names(filter?: Record<string, unknown>): Promise<Record<keyof Facets, string[]>> {
  const result = await query<{ claimFacets: Record<keyof Facets, { entity: { name: string } }[]> }>(NAMES, {
    filter,
  });
  expect(result.errors).toBeUndefined();
  const lists = result.data!.claimFacets;
  const of = (list: { entity: { name: string } }[]) => list.map((facet) => facet.entity.name);
  return {
    sources: of(lists.sources),
    sides: of(lists.sides),
    places: of(lists.places),
    subjects: of(lists.subjects),
  };
}
const namesOf = (lists: Facets) => ({
  sources: lists.sources.map(([name]) => name),
  sides: lists.sides.map(([name]) => name),
  places: lists.places.map(([name]) => name),
  subjects: lists.subjects.map(([name]) => name),
});

async function facets(filter?: Record<string, unknown>): Promise<Facets> {
  const result = await query<{ claimFacets: Record<keyof Facets, FacetData[]> }>(FACETS, { filter });
  expect(result.errors).toBeUndefined();
  const lists = result.data!.claimFacets;
  const pairs = (list: FacetData[]) =>
    list.map((facet): [string, number] => [facet.entity.name, facet.count]);
  return {
    sources: pairs(lists.sources),
    sides: pairs(lists.sides),
    places: pairs(lists.places),
    subjects: pairs(lists.subjects),
  };
}

describe("claimFacets", () => {
  it("lists exactly the entities that live claims refer to, with their counts, by name", async () => {
    // Live: not deleted (the NIS's wounded figure) and not rejected (Kyiv's 50,000).
    expect(await facets()).toEqual({
      sources: [
        ["National Intelligence Service", 2],
        ["Pentagon", 2],
        ["Volodymyr Zelenskyy", 1],
      ],
      sides: [
        ["South Korea", 2],
        ["Ukraine", 1],
        ["United States", 2],
      ],
      places: [["Kursk", 5]],
      subjects: [["North Korea", 6]],
    });
  });

  it("lists the same entities when no count is asked for (a skip scan of the index)", async () => {
    statements.length = 0;
    expect(await names()).toEqual(namesOf(await facets()));
    expect(statements.filter((sql) => /with recursive/.test(sql))).toHaveLength(4);
    const live = { reviewStatus: ["UNREVIEWED", "VERIFIED", "DISPUTED"] };
    expect(await names(live)).toEqual(namesOf(await facets()));
    // With any other condition, the lists are grouped and filtered as with counts.
    for (const filter of [
      { metric: ["DEPLOYED"] },
      { reviewStatus: ["REJECTED"] },
      { statedTo: "2024-11-30" },
    ]) {
      expect(await names(filter)).toEqual(namesOf(await facets(filter)));
    }
  });

  it("counts what the claims list finds for each choice", async () => {
    const live = { reviewStatus: ["UNREVIEWED", "VERIFIED", "DISPUTED"] };
    const result = await query<{ claimFacets: Record<keyof Facets, FacetData[]> }>(FACETS);
    const argument = {
      sources: "source",
      sides: "sourceAffiliation",
      places: "location",
      subjects: "subjectEntity",
    };
    for (const [list, facetList] of Object.entries(result.data!.claimFacets)) {
      for (const facet of facetList) {
        const counted = await query<{ claims: { totalCount: number } }>(
          `query ($filter: ClaimFilter) { claims(filter: $filter) { totalCount } }`,
          { filter: { ...live, [argument[list as keyof Facets]]: facet.entity.id } },
        );
        expect(counted.data?.claims.totalCount, `${list}: ${facet.entity.name}`).toBe(facet.count);
      }
    }
  });

  it("honours the filter", async () => {
    expect(await facets({ metric: ["DEPLOYED"] })).toEqual({
      sources: [
        ["National Intelligence Service", 2],
        ["Pentagon", 1],
      ],
      sides: [
        ["South Korea", 2],
        ["United States", 1],
      ],
      places: [["Kursk", 3]],
      subjects: [["North Korea", 3]],
    });
    expect(
      await facets({
        sourceAffiliation: globalId("Entity", corpus.entities.unitedStates),
        statedFrom: "2025-01-01",
      }),
    ).toEqual({
      sources: [["Pentagon", 1]],
      sides: [["United States", 1]],
      places: [["Kursk", 1]],
      subjects: [["North Korea", 1]],
    });
    // Rejected claims count when the filter asks for them; deleted ones never do.
    expect((await facets({ reviewStatus: ["REJECTED"] })).sources).toEqual([["Volodymyr Zelenskyy", 1]]);
    expect((await facets({ metric: ["WOUNDED"] })).sources).toEqual([]);
    expect(await facets({ search: "no claim says this" })).toEqual({
      sources: [],
      sides: [],
      places: [],
      subjects: [],
    });
  });

  it("follows edits: a deleted claim's source leaves the list", async () => {
    await prisma.claim.update({
      where: { id: corpus.claims.zelenskyyMoreThan15k },
      data: { deletedAt: new Date() },
    });
    try {
      // Left: only the rejected claim, which does not count.
      const { sources, sides } = await facets();
      expect(sources.map(([name]) => name)).not.toContain("Volodymyr Zelenskyy");
      expect(sides.map(([name]) => name)).not.toContain("Ukraine");
      expect(await names()).toEqual(namesOf(await facets()));
    } finally {
      await prisma.claim.update({
        where: { id: corpus.claims.zelenskyyMoreThan15k },
        data: { deletedAt: null },
      });
    }
  });

  it("computes each list with one GROUP BY statement, only the lists asked for", async () => {
    statements.length = 0;
    const result = await query(`{ claimFacets { places { count entity { id name } } } }`);
    expect(result.errors).toBeUndefined();
    // The list, and its entities in one batch.
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/group by/i);
  });

  it("refuses a filter naming something that is not an entity, with a clear message", async () => {
    const result = await query(FACETS, { filter: { source: globalId("Claim", corpus.claims.pentagon10k) } });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.message).toBe("`filter.source` must be the ID of a Entity.");
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("counts the live claims of each metric and rate, most first, as the database does", async () => {
    const sourceId = globalId("Entity", corpus.entities.pentagon);
    for (const filter of [{}, { source: sourceId }]) {
      const response = await query<{
        claimFacets: { metrics: { metric: string; rate: string; count: number }[] };
      }>(`query ($filter: ClaimFilter) { claimFacets(filter: $filter) { metrics { metric rate count } } }`, {
        filter,
      });
      const grouped = await prisma.claim.groupBy({
        by: ["metric", "rate"],
        where: {
          deletedAt: null,
          reviewStatus: { not: "rejected" },
          ...("source" in filter ? { sourceId: corpus.entities.pentagon } : {}),
        },
        _count: true,
      });
      const metrics = response.data?.claimFacets.metrics ?? [];
      expect(metrics.length).toBeGreaterThan(0);
      expect(metrics.map((m) => m.count)).toEqual(metrics.map((m) => m.count).toSorted((a, b) => b - a));
      expect(metrics.map((m) => `${m.metric}/${m.rate}=${m.count}`).sort()).toEqual(
        grouped.map((g) => `${g.metric.toUpperCase()}/${g.rate.toUpperCase()}=${g._count}`).sort(),
      );
    }
  });
});
