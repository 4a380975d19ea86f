import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { testApi } from "../support/api.ts";
import { testDatabaseUrl } from "../support/database.ts";
import { createBulkClaims } from "../support/fixtures.ts";

/**
 * The entity list's `claimsMade(first: 0) { totalCount }` (the dashboard's entity list) is answered by the
 * count alone, without reading the listed entities' claims, and agrees with a direct count of live claims;
 * a `claimsMade` that asks for its items still gets them.
 */
const statements: string[] = [];
const prisma = createPrismaClient(testDatabaseUrl(), { max: 4, onQuery: (sql) => statements.push(sql) });
const { query } = testApi(prisma);

const TAG = "listcount";
const COUNT_ONLY = /* GraphQL */ `
  query ($search: String) {
    entities(first: 50, filter: { search: $search }) {
      edges { node { name ...Made } }
    }
  }
  fragment Made on Entity { claimsMade(first: 0) { __typename totalCount } }
`;
const WITH_ITEMS = /* GraphQL */ `
  query ($search: String) {
    entities(first: 50, filter: { search: $search }) {
      edges { node { name
        counted: claimsMade(first: 0) { totalCount }
        claimsMade(first: 1) { totalCount pageInfo { hasNextPage } edges { node { id } } }
      } }
    }
  }
`;

interface Listed {
  name: string;
  claimsMade?: { totalCount: number; pageInfo?: { hasNextPage: boolean }; edges?: unknown[] };
  counted?: { totalCount: number };
}

async function list(document: string): Promise<Listed[]> {
  statements.length = 0;
  const result = await query<{ entities: { edges: { node: Listed }[] } }>(document, {
    search: `Speaker ${TAG}`,
  });
  expect(result.errors).toBeUndefined();
  return (result.data?.entities.edges ?? []).map((edge) => edge.node);
}

async function liveClaimsBySource(): Promise<Map<string, number>> {
  const rows = await prisma.$queryRaw<{ name: string; n: number }[]>`
    select e.name, count(c.id)::int as n
    from "Entity" e left join "Claim" c on c."sourceId" = e.id and c."deletedAt" is null
    where e.name like ${`Speaker ${TAG} %`} group by e.name`;
  return new Map(rows.map((row) => [row.name, row.n]));
}

const readsClaimRows = (sql: string) => /from "public"\."Claim"/i.test(sql);
// The relation kept in the query with no rows to read: Prisma still sends it, as a statement that is false
// before it reads anything.
const readsNothing = (sql: string) => /where \(1=0 and /i.test(sql);

beforeAll(async () => {
  await createBulkClaims(prisma, 6, TAG);
  // Speaker 0 makes three claims, speaker 1 none, one of speaker 0's is deleted.
  const speakers = await prisma.entity.findMany({
    where: { name: { startsWith: `Speaker ${TAG} ` } },
    orderBy: { name: "asc" },
  });
  const [first, second, third] = speakers;
  if (!first || !second || !third) throw new Error("fixtures missing");
  await prisma.claim.updateMany({
    where: { sourceId: { in: [second.id, third.id] } },
    data: { sourceId: first.id },
  });
  const deleted = await prisma.claim.findFirstOrThrow({
    where: { sourceId: first.id },
    orderBy: { id: "asc" },
  });
  await prisma.claim.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
});
afterAll(() => prisma.$disconnect());

describe("the entity list's claim counts", () => {
  it("counts live claims without reading the listed entities' claims", async () => {
    const listed = await list(COUNT_ONLY);
    const expected = await liveClaimsBySource();
    expect(listed).toHaveLength(6);
    expect(new Map(listed.map((node) => [node.name, node.claimsMade?.totalCount]))).toEqual(expected);
    expect([...expected.values()].sort()).toEqual([0, 0, 1, 1, 1, 2]);
    expect(statements.filter((sql) => readsClaimRows(sql) && !readsNothing(sql))).toEqual([]);
  });

  it("still reads the items when a claimsMade beside the count asks for them", async () => {
    const listed = await list(WITH_ITEMS);
    const expected = await liveClaimsBySource();
    expect(statements.some((sql) => readsClaimRows(sql) && !readsNothing(sql))).toBe(true);
    for (const node of listed) {
      const live = expected.get(node.name) ?? -1;
      expect(node.counted?.totalCount).toBe(live);
      expect(node.claimsMade?.totalCount).toBe(live);
      expect(node.claimsMade?.edges).toHaveLength(Math.min(live, 1));
      expect(node.claimsMade?.pageInfo?.hasNextPage).toBe(live > 1);
    }
  });
});
