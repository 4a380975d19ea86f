import { readdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { isAlive } from "../process-alive.ts";

/**
 * What one `npm start` runs, kept in `<data folder>/run.json` while it runs: its own pid, its ports and its
 * children. A start process killed with SIGKILL cannot stop its children; the next start reads this record
 * and stops those that are still alive and still ours.
 */
export interface RunRecord {
  /** The start process. */
  pid: number;
  /** Set in the environment of every child, so a child can be recognised as this run's. */
  runId: string;
  startedAt: string;
  ports: { api: number; web: number; db: number | null };
  children: RunChild[];
}

export interface RunChild {
  role: "dashboard" | "database";
  pid: number;
}

/** The environment variable that marks a process as started by one run. */
export const RUN_ID_ENV = "HEADCOUNT_RUN_ID";

export function runFilePath(dataDir: string): string {
  return path.join(dataDir, "run.json");
}

export function writeRunRecord(dataDir: string, record: RunRecord): void {
  const file = runFilePath(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 });
  renameSync(temporary, file);
}

export function readRunRecord(dataDir: string): RunRecord | null {
  try {
    const record = JSON.parse(readFileSync(runFilePath(dataDir), "utf8")) as Partial<RunRecord>;
    if (!Number.isInteger(record.pid) || typeof record.runId !== "string" || !Array.isArray(record.children))
      return null;
    return record as RunRecord;
  } catch {
    return null;
  }
}

/** Removes the record if it is this process's (a newer run's record is left alone). */
export function removeRunRecord(dataDir: string): void {
  if (readRunRecord(dataDir)?.pid === process.pid) rmSync(runFilePath(dataDir), { force: true });
}

/** The process's command line, or null when it cannot be read (gone, or not ours to read). */
export function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return null;
  }
}

function environment(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
  } catch {
    return [];
  }
}

/** True when `pid` is still the start process of a run (not a reused pid). */
export function isStartProcess(pid: number): boolean {
  return isAlive(pid) && /\bstart\.ts\b/.test(commandLine(pid) ?? "");
}

/**
 * True when the process is the child the record names: PostgreSQL serving this data folder, or a dashboard
 * carrying the run's id in its environment. A pid reused by an unrelated process is never ours.
 */
export function isOurChild(child: RunChild, record: RunRecord, dataDir: string): boolean {
  if (!isAlive(child.pid)) return false;
  const command = commandLine(child.pid) ?? "";
  if (child.role === "database") {
    return /postgres/.test(command) && command.includes(path.join(dataDir, "pg"));
  }
  return (
    /\bnext\b|apps\/web\/server\.mjs/.test(command) &&
    environment(child.pid).includes(`${RUN_ID_ENV}=${record.runId}`)
  );
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * Stops what an earlier run left behind when its start process was killed: the dashboard (its process
 * group) and PostgreSQL (fast shutdown), each only if it is still that run's. Returns what was stopped.
 */
export async function stopLeftovers(dataDir: string, record: RunRecord): Promise<RunChild[]> {
  const stopped: RunChild[] = [];
  // The dashboard first: it is a client of the rest.
  const ordered = [...record.children].sort((a, b) =>
    a.role === "dashboard" ? -1 : b.role === "dashboard" ? 1 : 0,
  );
  for (const child of ordered) {
    if (!isOurChild(child, record, dataDir)) continue;
    if (child.role === "dashboard") {
      signal(-child.pid, "SIGTERM");
      if (!(await waitForExit(child.pid, 5_000))) signal(-child.pid, "SIGKILL");
    } else {
      signal(child.pid, "SIGINT");
      if (!(await waitForExit(child.pid, 15_000))) signal(child.pid, "SIGQUIT");
    }
    await waitForExit(child.pid, 5_000);
    stopped.push(child);
  }
  return stopped;
}

/** True when nothing listens on host:port (we could bind it). */
export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** The process listening on a TCP port, from /proc (Linux); null when it cannot be told. */
export function portHolder(port: number): { pid: number; command: string } | null {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let lines: string[];
    try {
      lines = readFileSync(table, "utf8").split("\n").slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the tenth field.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A" && fields[9]) inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return null;
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) {
        return { pid: Number(pid), command: commandLine(Number(pid)) || "unknown command" };
      }
    }
  }
  return null;
}
