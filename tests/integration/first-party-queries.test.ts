import { complexityFromQuery } from "@pothos/plugin-complexity";
import {
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type OperationDefinitionNode,
  parse,
  typeFromAST,
} from "graphql";
import { describe, expect, it } from "vitest";
import { PAGED_COST_LIMIT } from "../../apps/api/src/graphql/pagination.ts";
import { schema } from "../../apps/api/src/graphql/schema/index.ts";
import { QUERY_LIMITS } from "../../apps/api/src/server/limits.ts";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { firstPartyQueries, measure } from "../support/first-party-queries.ts";
import { globalId, useFixtureCorpus } from "../support/fixtures.ts";

const prisma = testPrisma();
const { query } = testApi(prisma);
const corpus = useFixtureCorpus(prisma);

const queries = firstPartyQueries();

/** A value of the variable's type, from the fixture corpus for IDs, so the operation runs as written. */
function sampleValue(name: string, type: GraphQLInputType, operation: string): unknown {
  if (isNonNullType(type)) return sampleValue(name, type.ofType, operation);
  if (isListType(type)) return [sampleValue(name, type.ofType, operation)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]?.name;
  if (isInputObjectType(named)) return {};
  switch (named.name) {
    case "ID": {
      const of = `${name} ${operation}`;
      if (/claim/i.test(of)) return globalId("Claim", corpus.claims.pentagon10k);
      if (/article/i.test(of)) return globalId("Article", corpus.articles[0] as number);
      return globalId("Entity", corpus.entities.pentagon);
    }
    case "Int":
      return 10;
    case "Float":
      return 0.5;
    case "Boolean":
      return false;
    case "Date":
      return "2024-11-01";
    default:
      return /email/i.test(name) ? "nobody@example.org" : "Kursk";
  }
}

function variablesFor(operation: OperationDefinitionNode): Record<string, unknown> {
  const name = operation.name?.value ?? "";
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (!isNonNullType(typeFromAST(schema, definition.type))) continue;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType;
    variables[definition.variable.name.value] = sampleValue(definition.variable.name.value, type, name);
  }
  return variables;
}

const LIMIT_REFUSAL = /limit|exceed/i;

describe("every committed query (GraphiQL tabs, dashboard, docs, benchmarks)", () => {
  it("is found in each place queries are written", () => {
    const origins = queries.map((q) => q.origin);
    for (const place of ["apps/api/graphiql/", "apps/web/", "docs/api.md#", "bench/"]) {
      expect(
        origins.some((origin) => origin.startsWith(place)),
        place,
      ).toBe(true);
    }
    // Pieces interpolated into a document are filled in, so the dashboard's mutations are measured too.
    expect(origins).toContain("apps/web/lib/claim-edit.ts:UPDATE_CLAIM_MUTATION");
  });

  it.each(queries.map((q) => [q.origin, q.document] as const))(
    "%s stays within half the cost budget and 3 levels of the depth limit",
    (_origin, document) => {
      const { depth, cost } = measure(document);
      expect(cost).toBeGreaterThan(0);
      expect(cost * 2).toBeLessThanOrEqual(QUERY_LIMITS.cost);
      expect(depth + 3).toBeLessThanOrEqual(QUERY_LIMITS.depth);
      // And within half the cost that counts every item of every page (variables as the test runs them).
      const operation = parse(document).definitions.find(
        (definition): definition is OperationDefinitionNode => definition.kind === "OperationDefinition",
      ) as OperationDefinitionNode;
      const paged = complexityFromQuery(document, { schema, variables: variablesFor(operation) });
      expect(paged.complexity * 2).toBeLessThanOrEqual(PAGED_COST_LIMIT);
    },
  );

  it.each(queries.map((q) => [q.origin, q.document] as const))(
    "%s runs through the API's limits",
    async (_origin, document) => {
      const operation = parse(document).definitions.find(
        (definition): definition is OperationDefinitionNode => definition.kind === "OperationDefinition",
      ) as OperationDefinitionNode;
      // A subscription streams over server-sent events; its document is measured above.
      if (operation.operation === "subscription") return;
      // Reads run as an admin, who may read everything (the review queue, the feeds); writes anonymously,
      // so they change nothing.
      const reads = operation.operation === "query";
      const result = await query(document, variablesFor(operation), reads ? { "x-test-role": "admin" } : {});
      const refusals = (result.errors ?? []).filter((error) => LIMIT_REFUSAL.test(error.message));
      expect(refusals).toEqual([]);
      if (reads) {
        expect(result.errors).toBeUndefined();
        expect(result.data).toBeTruthy();
      } else {
        // Past the limits, a write is refused for its caller or its sample input, never by a crash.
        const codes = (result.errors ?? []).map((error) => error.extensions?.code);
        expect(codes).not.toContain("INTERNAL_SERVER_ERROR");
      }
    },
  );
});
