import { mkdir, readFile, rename } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";

/**
 * The reader threads of integration tests load one prebuilt file instead of the TypeScript sources.
 *
 * A reader thread (apps/api/src/ingest/reader-worker.mjs) loads the extractor, linkedom and Readability
 * through tsx: about three seconds of CPU per thread, two threads per process that ingests, in every test
 * file and every command-line run. The same sources bundled into one module load in a fraction of that.
 * The bundle is built from the working tree at the start of every run (global setup), so it is never
 * older than the sources; `npm run test:hardening`, the browser tests and `npm start` keep loading the
 * sources through tsx.
 */

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const READER_WORKER_SOURCE = path.join(REPO_ROOT, "apps/api/src/ingest/reader-worker.mjs");
const READER_POOL_SOURCE = path.join(REPO_ROOT, "apps/api/src/ingest/reader-pool.ts");
/** Inside the repository, so that a run in another checkout never reads this one's bundle. */
export const READER_BUNDLE = path.join(REPO_ROOT, "node_modules/.cache/headcount-tests/reader-worker.mjs");

/** How reader-pool.ts names its thread's entry file. */
const WORKER_URL_EXPRESSION = 'new URL("./reader-worker.mjs", import.meta.url).href';

/** reader-pool.ts with its threads started on the bundle; throws if the file no longer names its entry so. */
export function withBundledReaders(code: string): string {
  if (!code.includes(WORKER_URL_EXPRESSION))
    throw new Error(
      `${path.relative(REPO_ROOT, READER_POOL_SOURCE)} no longer contains ${WORKER_URL_EXPRESSION}: ` +
        "update tests/support/reader-bundle.ts to the way it names its thread's entry file",
    );
  return code.replace(WORKER_URL_EXPRESSION, JSON.stringify(pathToFileURL(READER_BUNDLE).href));
}

/** A Vite plugin that makes reader-pool.ts start its threads on the bundle. */
export function bundledReadersPlugin() {
  return {
    name: "headcount-bundled-readers",
    transform(code: string, id: string) {
      return path.resolve(id.split("?")[0] as string) === READER_POOL_SOURCE ? withBundledReaders(code) : null;
    },
  };
}

/** Each module keeps its own import.meta.url, so paths computed from it (the repository root) stay right. */
const ownImportMetaUrl: Plugin = {
  name: "own-import-meta-url",
  setup(context) {
    context.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const loader = args.path.endsWith("ts") ? "ts" : "js";
      return {
        contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
        loader,
      };
    });
  },
};

/** Bundles the reader thread's entry and everything it imports into READER_BUNDLE. */
export async function buildReaderBundle(): Promise<void> {
  await mkdir(path.dirname(READER_BUNDLE), { recursive: true });
  // Written beside and renamed, so a run starting meanwhile never loads half a file.
  const partial = `${READER_BUNDLE}.${process.pid}.tmp`;
  await build({
    entryPoints: [READER_WORKER_SOURCE],
    outfile: partial,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Only reached where the thread cannot load TypeScript; the bundle can.
    external: ["tsx/esm/api"],
    // CommonJS packages inside an ES module bundle still call require.
    banner: { js: 'import { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);' },
    plugins: [ownImportMetaUrl],
    logLevel: "error",
  });
  await rename(partial, READER_BUNDLE);
}
