import path from "node:path";
import { type Config, loadConfig } from "../config.ts";
import { startEmbeddedPostgres } from "./embedded.ts";
import { findRunningApp } from "./running-app.ts";

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  reused: boolean;
  /** The embedded server's process when this process started it, else null. */
  pid: number | null;
  /** Settles when the embedded server this process started exits; never otherwise. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Which database this is, in words, for a command to say where it writes. */
  description: string;
  stop(): Promise<void>;
}

/**
 * The database Headcount uses: `DATABASE_URL` when set (nothing embedded starts), otherwise the embedded
 * PostgreSQL in the data folder. A command given no database settings joins the embedded database of the
 * app running from this checkout (`npm start` records its data folder and port), wherever those are, rather
 * than starting a second, empty one.
 */
export async function openDatabase(
  config: Config = loadConfig(),
  options: { joinRunningApp?: boolean; ownProcessGroup?: boolean } = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    return {
      url: config.databaseUrl,
      embedded: false,
      reused: true,
      pid: null,
      exited: new Promise(() => {}),
      description: `the PostgreSQL of DATABASE_URL (${url.hostname}:${url.port || 5432}${url.pathname})`,
      stop: async () => {},
    };
  }
  const app = options.joinRunningApp === false || config.databaseChosen ? null : findRunningApp();
  const dataDir = app?.dataDir ?? config.dataDir;
  const port = app?.dbPort ?? config.dbPort;
  const server = await startEmbeddedPostgres({ dataDir, port, ownProcessGroup: options.ownProcessGroup });
  const where = `the embedded PostgreSQL on 127.0.0.1:${port}, data in ${path.relative(process.cwd(), dataDir) || "."}`;
  return {
    url: server.url,
    embedded: true,
    reused: server.reused,
    pid: server.pid,
    exited: server.exited,
    description: app
      ? `${where}, of the Headcount app running as process ${app.pid}`
      : `${where}${server.reused ? " (already running)" : " (started for this command; no running Headcount app found)"}`,
    stop: server.stop,
  };
}
