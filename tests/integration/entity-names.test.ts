import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renameEntity } from "../../apps/api/src/curation/entities.ts";
import { createUser } from "../../apps/api/src/users/users.ts";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";

const prisma = testPrisma();
const { query } = testApi(prisma);
let entityId = 0;

beforeAll(async () => {
  const entity = await prisma.entity.create({
    data: {
      type: "organization",
      name: "US Department of Defense",
      normalizedName: "us department of defense",
    },
  });
  const editor = await createUser(prisma, {
    email: "names-editor@example.org",
    role: "editor",
    password: "a long editor password",
  });
  // Stored the way editors store names: through the rename use case.
  const renamed = await renameEntity(
    prisma,
    { userId: editor.id, requestId: "entity-names" },
    { entityId: entity.id, expectedVersion: entity.version, name: "The Pentagon" },
  );
  entityId = renamed.id;
});
afterAll(() => prisma.$disconnect());

const ENTITIES = /* GraphQL */ `
  query ($search: String!) {
    entities(filter: { search: $search }) { edges { node { id name } } }
  }
`;
const SEARCH = /* GraphQL */ `
  query ($query: String!) {
    search(query: $query) { node { __typename ... on Entity { name } } }
  }
`;

describe("entity names are searched the way they are stored", () => {
  it("finds a renamed entity by the name as written, whatever its case, article or possessive", async () => {
    for (const search of ["The Pentagon", "the pentagon", "Pentagon", "THE PENTAGON's"]) {
      const result = await query<{ entities: { edges: { node: { name: string } }[] } }>(ENTITIES, { search });
      expect(result.errors).toBeUndefined();
      expect(
        result.data!.entities.edges.map((edge) => edge.node.name),
        search,
      ).toEqual(["The Pentagon"]);
    }
  });

  it("full-text search finds it by the name as written too", async () => {
    const result = await query<{ search: { node: { __typename: string; name?: string } }[] }>(SEARCH, {
      query: "The Pentagon",
    });
    expect(result.errors).toBeUndefined();
    const names = result
      .data!.search.filter((hit) => hit.node.__typename === "Entity")
      .map((hit) => hit.node.name);
    expect(names).toContain("The Pentagon");
  });

  it("the stored form is the one lookup form", async () => {
    const stored = await prisma.entity.findUniqueOrThrow({
      where: { id: entityId },
      include: { aliases: true },
    });
    expect(stored.normalizedName).toBe("pentagon");
    expect(stored.aliases.map((alias) => alias.normalized)).toContain("us department of defense");
  });
});
