import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { parse, validate } from "graphql";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import { schema } from "../../apps/api/src/graphql/schema/index.ts";
import { GRAPHIQL_EXAMPLES_DIR } from "../../apps/api/src/server/graphiql-tabs.ts";
import { QUERY_LIMITS } from "../../apps/api/src/server/limits.ts";

/** A GraphQL operation Headcount itself ships, and where it is written. */
export interface FirstPartyQuery {
  origin: string;
  document: string;
}

function filesUnder(folder: string, pattern: RegExp): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((file) => pattern.test(file) && !file.split(path.sep).includes("node_modules"))
    .map((file) => path.join(folder, file));
}

function isOperation(document: string): boolean {
  try {
    return parse(document).definitions.some((definition) => definition.kind === "OperationDefinition");
  } catch {
    return false;
  }
}

const TEMPLATE = /(?:const|let)\s+([A-Z][A-Z0-9_]*)\s*=\s*\/\* GraphQL \*\/\s*`((?:[^`\\]|\\.)*)`/g;

/**
 * Every `/* GraphQL *\/` template of a source tree, with the pieces it interpolates (`${CLAIM_RESULT}`)
 * filled in from the templates of the same name, as the application assembles them at run time.
 */
function templateDocuments(root: string, folders: string[]): FirstPartyQuery[] {
  const files = folders.flatMap((folder) => filesUnder(path.join(root, folder), /\.tsx?$/));
  const pieces = new Map<string, string>();
  const found: { origin: string; name: string }[] = [];
  for (const file of files) {
    for (const match of readFileSync(file, "utf8").matchAll(TEMPLATE)) {
      const name = match[1] as string;
      pieces.set(name, match[2] as string);
      found.push({ origin: `${path.relative(REPO_ROOT, file)}:${name}`, name });
    }
  }
  const expand = (text: string, seen: string[] = []): string =>
    text.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (whole, name: string) => {
      const piece = pieces.get(name);
      if (piece === undefined || seen.includes(name)) throw new Error(`cannot expand ${whole}`);
      return expand(piece, [...seen, name]);
    });
  return found
    .map(({ origin, name }) => ({ origin, document: expand(pieces.get(name) as string) }))
    .filter(({ document }) => isOperation(document));
}

const TADA =
  /(?:const|let)\s+([A-Za-z][A-Za-z0-9_]*)\s*=\s*graphql\(\s*`((?:[^`\\]|\\.)*)`\s*(?:,\s*\[([^\]]*)\]\s*,?\s*)?\)/g;

/**
 * Every gql.tada `graphql()` document of a source tree, with the fragments it lists appended (each once),
 * as gql.tada assembles it at run time; its client-only `@_unmask` directive is left out as gql.tada does.
 */
function tadaDocuments(root: string, folders: string[]): FirstPartyQuery[] {
  const files = folders.flatMap((folder) => filesUnder(path.join(root, folder), /\.tsx?$/));
  const pieces = new Map<string, { text: string; uses: string[] }>();
  const found: { origin: string; name: string }[] = [];
  for (const file of files) {
    for (const match of readFileSync(file, "utf8").matchAll(TADA)) {
      const name = match[1] as string;
      const uses = (match[3] ?? "")
        .split(",")
        .map((use) => use.trim())
        .filter(Boolean);
      pieces.set(name, { text: (match[2] as string).replaceAll("@_unmask", ""), uses });
      found.push({ origin: `${path.relative(REPO_ROOT, file)}:${name}`, name });
    }
  }
  const assemble = (name: string, included: Set<string>): string => {
    const piece = pieces.get(name);
    if (!piece) throw new Error(`no graphql() document named ${name}`);
    included.add(name);
    return [
      piece.text,
      ...piece.uses.filter((use) => !included.has(use)).map((use) => assemble(use, included)),
    ].join("\n");
  };
  return found
    .map(({ origin, name }) => ({ origin, document: assemble(name, new Set()) }))
    .filter(({ document }) => isOperation(document));
}

/** The operations in ```graphql blocks of the documentation. */
function documentedQueries(): FirstPartyQuery[] {
  const files = [path.join(REPO_ROOT, "README.md"), ...filesUnder(path.join(REPO_ROOT, "docs"), /\.md$/)];
  return files.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/```graphql\n([\s\S]*?)```/g)].map((match, index) => ({
      origin: `${path.relative(REPO_ROOT, file)}#${index + 1}`,
      document: match[1] as string,
    })),
  );
}

/** GraphiQL's tabs, the dashboard's documents, the documentation's examples and the benchmarks' requests. */
export function firstPartyQueries(): FirstPartyQuery[] {
  const graphiql = readdirSync(GRAPHIQL_EXAMPLES_DIR)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => ({
      origin: `apps/api/graphiql/${file}`,
      document: readFileSync(path.join(GRAPHIQL_EXAMPLES_DIR, file), "utf8"),
    }));
  return [
    ...graphiql,
    ...tadaDocuments(path.join(REPO_ROOT, "apps/web"), ["lib", "app", "components"]),
    ...documentedQueries(),
    ...templateDocuments(REPO_ROOT, ["bench"]),
  ];
}

/** What graphql-armor measures for a document (depth, cost), read from its refusal at limit 0. */
export function measure(document: string): { depth: number; cost: number } {
  let depth = 0;
  let cost = 0;
  const found = (message: string) => Number.parseFloat(/found ([\d.]+)/.exec(message)?.[1] ?? "0");
  const common = { exposeLimits: true, ignoreIntrospection: false, propagateOnRejection: false } as const;
  validate(schema, parse(document), [
    maxDepthRule({
      ...common,
      n: 0,
      flattenFragments: true,
      onReject: [(_context, error) => (depth = found(error.message))],
    }),
    costLimitRule({
      ...common,
      maxCost: 0,
      depthCostFactor: QUERY_LIMITS.costDepthFactor,
      onReject: [(_context, error) => (cost = found(error.message))],
    }),
  ]);
  return { depth, cost };
}
