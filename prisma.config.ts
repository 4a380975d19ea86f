import { defineConfig } from "prisma/config";

// `prisma generate` looks for the native schema engine even though generation never runs it; pointing
// the variable at any existing file keeps it from trying to download one (the machines here are offline).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
