import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../config.ts";

/** The folder of example queries GraphiQL opens with; a test executes every one of them. */
export const GRAPHIQL_EXAMPLES_DIR = path.join(REPO_ROOT, "apps/api/graphiql");

export function graphiqlTabs(): { query: string }[] {
  return readdirSync(GRAPHIQL_EXAMPLES_DIR)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => ({ query: readFileSync(path.join(GRAPHIQL_EXAMPLES_DIR, file), "utf8") }));
}
