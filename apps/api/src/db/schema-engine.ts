import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

type SchemaEngine = import("@prisma/schema-engine-wasm").SchemaEngine;

let initialised: Promise<void> | undefined;

/**
 * The package's entry point imports its `.wasm` as an ES module, which only bundlers understand; Node
 * needs the module instantiated by hand, which is all this does.
 */
function initialiseWasm(): Promise<void> {
  initialised ??= (async () => {
    const require = createRequire(import.meta.url);
    // The wasm file is not in the package's exports map; find it beside the exported glue module.
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(gluePath), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return initialised;
}

/** A Prisma schema engine (WebAssembly build) connected through `@prisma/adapter-pg`. */
export async function openSchemaEngine(
  databaseUrl: string,
  schemaFile: { path: string; content: string },
): Promise<{ engine: SchemaEngine; close(): Promise<void> }> {
  await initialiseWasm();
  // An external pool, so closing the engine really closes its connections (a template database
  // cannot be cloned while anything is connected to it).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const factory = new PrismaPg(pool);
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [[schemaFile.path, schemaFile.content]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await pool.end();
    },
  };
}
