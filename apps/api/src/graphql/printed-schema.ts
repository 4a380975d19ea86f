import path from "node:path";
import { printSchema } from "graphql";
import { REPO_ROOT } from "../config.ts";
import { schema } from "./schema/index.ts";

export const SCHEMA_SDL_PATH = path.join(REPO_ROOT, "apps/api/schema.graphql");

export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}
