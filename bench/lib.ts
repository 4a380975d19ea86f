/**
 * Helpers shared by the benchmarks: the benchmark database, the API in a child process (production mode,
 * as `npm start` serves it), timing statistics and GraphQL over HTTP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import { REPO_ROOT } from "../apps/api/src/config.ts";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../apps/api/src/db/embedded.ts";

export const CSRF_HEADER = "x-graphql-yoga-csrf";

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (position - low);
}

export const median = (values: number[]) => quantile(values, 0.5);

/** The embedded server holding a `bench:data` corpus (reused when it is already running). */
export function openBenchDatabase(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  return startEmbeddedPostgres({
    dataDir: path.resolve(REPO_ROOT, dataDir),
    port,
    database: "headcount_bench",
  });
}

export interface ApiProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `bench/serve.ts` in its own process, so a load generator never shares the API's event loop. */
export async function startApiProcess(
  databaseUrl: string,
  /** readCache: serve repeated anonymous reads from memory as `npm start` does (default true). */
  options: { port?: number; allowedOrigin?: string; readCache?: boolean } = {},
): Promise<ApiProcess> {
  const port = options.port ?? (await freePort());
  return startServerProcess("bench/serve.ts", [String(port), options.allowedOrigin ?? ""], port, {
    DATABASE_URL: databaseUrl,
    BENCH_API_PORT: String(port),
    NODE_ENV: "production",
    HEADCOUNT_READ_CACHE: options.readCache === false ? "off" : "on",
  });
}

/** PostGraphile 5 (`bench/peer-serve.ts`) in its own process, production settings. */
export async function startPeerProcess(databaseUrl: string): Promise<ApiProcess> {
  const port = await freePort();
  return startServerProcess("bench/peer-serve.ts", [String(port)], port, {
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production",
    GRAPHILE_ENV: "production",
  });
}

/** A server script under tsx, resolved when it prints "ready". */
async function startServerProcess(
  script: string,
  args: string[],
  port: number,
  env: Record<string, string>,
): Promise<ApiProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(REPO_ROOT, script), ...args],
    { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    pid: child.pid as number,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    },
  };
}

export interface GraphQLResult<Data> {
  data?: Data;
  errors?: { message: string }[];
}

/** One GraphQL request over HTTP, as the dashboard sends it (POST, JSON, the CSRF header). */
export async function graphql<Data>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Data> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as GraphQLResult<Data>;
  if (!response.ok || result.errors?.length || !result.data)
    throw new Error(`GraphQL ${response.status}: ${JSON.stringify(result.errors ?? result).slice(0, 500)}`);
  return result.data;
}

export const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
export function databaseIdOf(globalIdText: string): number {
  return Number(Buffer.from(globalIdText, "base64").toString().split(":")[1]);
}

/** The corpus a bench opens: `--data-dir` (the 1,000,000-claim one by default) served on `--port`. */
export function corpusFlags(flags: Map<string, string>): { dataDir: string; port: number } {
  return { dataDir: flags.get("data-dir") ?? "/tmp/hc-bench-1m", port: Number(flags.get("port") ?? 54339) };
}

/**
 * A request bench's command line: its flags, the corpus, and how many timed (`--requests`) and untimed
 * (`--warmup`) requests it makes.
 */
export function requestBenchFlags(argv: string[]) {
  const flags = parseFlags(argv);
  return {
    flags,
    ...corpusFlags(flags),
    requests: Number(flags.get("requests") ?? 50),
    warmup: Number(flags.get("warmup") ?? 5),
  };
}

export function parseFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      flags.set(arg.slice(2), next);
      i++;
    } else flags.set(arg.slice(2), "true");
  }
  return flags;
}

/**
 * Sends `requests` (GraphQL POSTs) to `url` from `connections` clients for `duration` seconds, and keeps the
 * latency of every response.
 */
export function loadTest(options: {
  url: string;
  connections: number;
  duration: number;
  requests: autocannon.Request[];
}): Promise<{ result: autocannon.Result; latencies: number[] }> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { ...options, headers: { "content-type": "application/json", [CSRF_HEADER]: "1" } },
      (error, result) => (error ? reject(error) : resolve({ result, latencies })),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}
