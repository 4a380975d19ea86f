import { type Config, loadConfig } from "../config.ts";
import { startEmbeddedPostgres } from "./embedded.ts";

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  reused: boolean;
  stop(): Promise<void>;
}

/**
 * The database Headcount uses: `DATABASE_URL` when set (nothing embedded starts), otherwise the embedded
 * PostgreSQL in the data folder.
 */
export async function openDatabase(config: Config = loadConfig()): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, reused: true, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.dbPort });
  return { url: server.url, embedded: true, reused: server.reused, stop: server.stop };
}
