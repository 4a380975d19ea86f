import { mkdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";

/**
 * Integration tests run Headcount's TypeScript from bundles built at the start of every run (global
 * setup), so they are never older than the sources.
 *
 * - A reader thread (apps/api/src/ingest/reader-worker.mjs) loads the extractor, linkedom and Readability
 *   through tsx: about three seconds of CPU per thread, two threads per process that ingests, in every
 *   test file and every command-line run. Bundled into one module with its packages, it loads in a
 *   fraction of that.
 * - A command-line tool started through tsx resolves and loads each of its modules through tsx's hooks
 *   (about a second of CPU); bundled (its packages left to Node), it starts in half of that.
 *
 * Every module keeps its own import.meta.url, so paths computed from it (the repository root, the
 * embedded PostgreSQL package) stay those of the sources. Reader threads of the hardening tests' own
 * processes, the browser tests and `npm start` load the sources through tsx, and so does the command-line
 * run of ingest-database.test.ts (with its reader threads on the bundle).
 */

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Inside the repository: bare imports left out of a bundle resolve to its node_modules. */
const OUT_DIR = path.join(REPO_ROOT, "node_modules/.cache/headcount-tests");

const READER_WORKER_SOURCE = path.join(REPO_ROOT, "apps/api/src/ingest/reader-worker.mjs");
const READER_POOL_SOURCE = path.join(REPO_ROOT, "apps/api/src/ingest/reader-pool.ts");
export const READER_BUNDLE = path.join(OUT_DIR, "reader-worker.mjs");

/** The command-line tools tests start, by file name in apps/api/src/bin. */
export const BUNDLED_CLIS = ["ingest.ts", "feeds.ts", "user.ts", "worker.ts"] as const;
/** The bundle of a command-line tool in apps/api/src/bin. */
export function cliBundle(script: (typeof BUNDLED_CLIS)[number]): string {
  return path.join(OUT_DIR, "bin", script.replace(/\.ts$/, ".mjs"));
}

/** How reader-pool.ts names its thread's entry file. */
const WORKER_URL_EXPRESSION = 'new URL("./reader-worker.mjs", import.meta.url).href';

/** reader-pool.ts with its threads started on the bundle; throws if the file no longer names its entry so. */
export function withBundledReaders(code: string): string {
  if (!code.includes(WORKER_URL_EXPRESSION))
    throw new Error(
      `${path.relative(REPO_ROOT, READER_POOL_SOURCE)} no longer contains ${WORKER_URL_EXPRESSION}: ` +
        "update tests/support/bundles.ts to the way it names its thread's entry file",
    );
  return code.replace(WORKER_URL_EXPRESSION, JSON.stringify(pathToFileURL(READER_BUNDLE).href));
}

/** A Vite plugin: reader-pool.ts, as test files import it, starts its threads on the bundle. */
export function bundledReadersPlugin() {
  return {
    name: "headcount-bundled-readers",
    transform(code: string, id: string) {
      return path.resolve(id.split("?")[0] as string) === READER_POOL_SOURCE
        ? withBundledReaders(code)
        : null;
    },
  };
}

/**
 * Each module keeps its own import.meta.url; reader-pool.ts starts its threads on the reader bundle; with
 * `packagesExternal`, packages other than the workspace's own are left to Node.
 */
function sourcesPlugin(packagesExternal: boolean): Plugin {
  return {
    name: "headcount-sources",
    setup(context) {
      if (packagesExternal)
        context.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith("@headcount/") || args.path.startsWith("node:")
            ? undefined
            : { external: true },
        );
      context.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, async (args) => {
        let source = await readFile(args.path, "utf8");
        const ownPool = path.resolve(args.path) === READER_POOL_SOURCE;
        if (ownPool) source = withBundledReaders(source);
        else if (!source.includes("import.meta.url")) return undefined;
        return {
          contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
          loader: /\.m?ts$/.test(args.path) ? "ts" : "js",
        };
      });
    },
  };
}

const COMMON = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "error",
} as const;

/** Builds the reader thread's bundle and those of the command-line tools, each written whole or not at all. */
export async function buildBundles(): Promise<void> {
  const staging = path.join(OUT_DIR, `.staging-${process.pid}`);
  await mkdir(path.join(OUT_DIR, "bin"), { recursive: true });
  try {
    await Promise.all([
      build({
        ...COMMON,
        entryPoints: [READER_WORKER_SOURCE],
        outfile: path.join(staging, "reader-worker.mjs"),
        // Only reached where the thread cannot load TypeScript; the bundle can.
        external: ["tsx/esm/api"],
        // CommonJS packages inside an ES module bundle still call require.
        banner: {
          js: 'import { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);',
        },
        plugins: [sourcesPlugin(false)],
      }),
      build({
        ...COMMON,
        entryPoints: BUNDLED_CLIS.map((script) => path.join(REPO_ROOT, "apps/api/src/bin", script)),
        outdir: path.join(staging, "bin"),
        outExtension: { ".js": ".mjs" },
        plugins: [sourcesPlugin(true)],
      }),
    ]);
    // Renamed into place, so a run starting meanwhile never loads half a file.
    await rename(path.join(staging, "reader-worker.mjs"), READER_BUNDLE);
    for (const script of BUNDLED_CLIS)
      await rename(path.join(staging, "bin", path.basename(cliBundle(script))), cliBundle(script));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
