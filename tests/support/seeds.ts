import { existsSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../apps/api/src/config.ts";

/** The demo corpus, read from ../shared (never copied into the repository). */
export const SEEDS_DIR = process.env.HEADCOUNT_CORPUS ?? path.resolve(REPO_ROOT, "../shared/seeds");

export function requireSeeds(): string {
  if (!existsSync(SEEDS_DIR)) throw new Error(`The seed corpus is missing: expected it at ${SEEDS_DIR}`);
  return SEEDS_DIR;
}
