import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPHIQL_EXAMPLES_DIR } from "../../apps/api/src/server/graphiql-tabs.ts";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { createFixtureCorpus } from "../support/fixtures.ts";
import { loadSeeds } from "../support/seeds.ts";

const prisma = testPrisma();
const { query } = testApi(prisma);
const examples = readdirSync(GRAPHIQL_EXAMPLES_DIR).filter((file) => file.endsWith(".graphql"));

beforeAll(async () => {
  await loadSeeds();
  // Whatever the extractor finds in the seeds, the fixture corpus makes every example find something.
  await createFixtureCorpus(prisma);
});
afterAll(() => prisma.$disconnect());

describe("GraphiQL example queries", () => {
  it("there are examples to open with", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)("%s runs without errors and returns data", async (file) => {
    const document = readFileSync(path.join(GRAPHIQL_EXAMPLES_DIR, file), "utf8");
    const result = await query(document);
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).not.toBe("{}");
    // The list each example is about has something in it.
    const top = Object.values(result.data ?? {})[0] as unknown[] | { edges?: unknown[]; series?: unknown[] };
    const list = Array.isArray(top) ? top : (top.edges ?? top.series ?? []);
    expect(list.length).toBeGreaterThan(0);
  });
});
