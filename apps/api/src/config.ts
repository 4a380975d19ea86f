import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The repository root: three levels above apps/api/src. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const port = z.coerce.number().int().min(1).max(65_535);

// Every environment variable Headcount reads is read here and nowhere else.
const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  HEADCOUNT_DATA_DIR: z.string().min(1).optional(),
  HEADCOUNT_DB_PORT: port.default(54329),
  API_PORT: port.default(4000),
  WEB_PORT: port.default(3000),
  API_HOST: z.string().default("127.0.0.1"),
  HEADCOUNT_CORPUS: z.string().optional(),
  HEADCOUNT_PUBLIC_API_URL: z.string().url().optional(),
  HEADCOUNT_PUBLIC_URL: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//.test(url), "must be an http(s) address")
    .optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  HEADCOUNT_TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  HEADCOUNT_READ_CACHE: z.enum(["on", "off"]).default("on"),
  HEADCOUNT_API_PROCESSES: z.coerce.number().int().min(1).max(16).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = {
  databaseUrl: string | undefined;
  /** True when DATABASE_URL, HEADCOUNT_DATA_DIR or HEADCOUNT_DB_PORT names the database. */
  databaseChosen: boolean;
  dataDir: string;
  dbPort: number;
  apiPort: number;
  apiHost: string;
  webPort: number;
  corpusDir: string | undefined;
  publicApiUrl: string;
  /** The dashboard's address as its users reach it: links in exports are built from it, never from Host. */
  publicUrl: string;
  nodeEnv: "development" | "production" | "test";
  logLevel: string;
  /** Trust X-Forwarded-For / -Proto: only behind a reverse proxy that sets them. */
  trustProxy: boolean;
  /** Serve repeated anonymous reads from memory until the database reports a change (read-cache.ts). */
  readCache: boolean;
  /**
   * How many processes serve the API's port (docs/scaling.md): 1 serves it from the start process; the
   * default is 2 (1 on a single core).
   */
  apiProcesses: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== "")),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  const defaultCorpus = path.resolve(REPO_ROOT, "../shared/seeds");
  return {
    databaseUrl: e.DATABASE_URL,
    databaseChosen: Boolean(e.DATABASE_URL || e.HEADCOUNT_DATA_DIR || env.HEADCOUNT_DB_PORT),
    dataDir: path.resolve(REPO_ROOT, e.HEADCOUNT_DATA_DIR ?? ".data"),
    dbPort: e.HEADCOUNT_DB_PORT,
    apiPort: e.API_PORT,
    apiHost: e.API_HOST,
    webPort: e.WEB_PORT,
    corpusDir: e.HEADCOUNT_CORPUS
      ? path.resolve(e.HEADCOUNT_CORPUS)
      : existsSync(defaultCorpus)
        ? defaultCorpus
        : undefined,
    publicApiUrl: e.HEADCOUNT_PUBLIC_API_URL ?? `http://127.0.0.1:${e.API_PORT}/graphql`,
    publicUrl: new URL(e.HEADCOUNT_PUBLIC_URL ?? `http://127.0.0.1:${e.WEB_PORT}`).origin,
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.HEADCOUNT_TRUST_PROXY === "1",
    readCache: e.HEADCOUNT_READ_CACHE === "on",
    // Two where there are two cores or more: measured faster than one and than three on a 2-core machine
    // with PostgreSQL beside it (docs/scaling.md).
    apiProcesses: e.HEADCOUNT_API_PROCESSES ?? Math.min(2, os.availableParallelism()),
  };
}

/**
 * Whether this process runs as deployed: NODE_ENV is neither "development" nor "test" (loadConfig's default
 * too). For what is decided before any configuration is loaded: the schema built at import, the API's
 * default error detail.
 */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== "development" && env.NODE_ENV !== "test";
}

/** A configuration or environment problem the operator must fix; printed without a stack trace. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
