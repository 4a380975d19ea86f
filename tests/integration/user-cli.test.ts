import { afterAll, describe, expect, it } from "vitest";
import { spawnCli } from "../support/cli.ts";
import { testPrisma } from "../support/database.ts";

const prisma = testPrisma();
afterAll(() => prisma.$disconnect());

/**
 * How long a run may go on after it has answered. A connection left open would hold the process for the
 * pool's 30 s idle timeout; exiting takes well under a second on a quiet machine, a few seconds when other
 * test files share its two cores.
 */
const LINGER_MS = 8_000;

interface Timed {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the first line it printed to its exit. */
  afterOutputMs: number;
  totalMs: number;
}

/** Runs `npm run user -- ARGS` against this file's database, timing how long it lingers after answering. */
function user(args: string[]): Promise<Timed> {
  const started = performance.now();
  const child = spawnCli("user.ts", args);
  let stdout = "";
  let stderr = "";
  let firstOutput: number | null = null;
  const seen = () => {
    firstOutput ??= performance.now();
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    seen();
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    seen();
    stderr += chunk.toString();
  });
  return new Promise((resolve) =>
    child.once("close", (code) => {
      const ended = performance.now();
      resolve({
        code,
        stdout,
        stderr,
        afterOutputMs: ended - (firstOutput ?? ended),
        totalMs: ended - started,
      });
    }),
  );
}

describe("npm run user", () => {
  it("creates, lists and resets, exiting 0 as soon as it has answered", async () => {
    const created = await user(["create", "--email", "cli-editor@example.org", "--role", "editor"]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain("Created editor cli-editor@example.org.");
    expect(created.stdout).toMatch(/Password \(shown once\): \S{20}/);
    const listed = await user(["list"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("cli-editor@example.org");
    const reset = await user(["reset-password", "--email", "cli-editor@example.org"]);
    expect(reset.code).toBe(0);
    for (const run of [created, listed, reset]) expect(run.afterOutputMs).toBeLessThan(LINGER_MS);
    console.log(
      `user CLI: total ${[created, listed, reset].map((r) => Math.round(r.totalMs)).join(" / ")} ms, ` +
        `after answering ${[created, listed, reset].map((r) => Math.round(r.afterOutputMs)).join(" / ")} ms`,
    );
  });

  const failures: [string, string[], RegExp][] = [
    [
      "a duplicate e-mail",
      ["create", "--email", "cli-editor@example.org", "--role", "viewer"],
      /already exists/,
    ],
    [
      "an unknown role",
      ["create", "--email", "new-one@example.org", "--role", "boss"],
      /viewer, editor, admin/,
    ],
    ["a bad e-mail", ["create", "--email", "not-an-address", "--role", "viewer"], /valid e-mail/],
    [
      "a short password",
      ["create", "--email", "short@example.org", "--role", "viewer", "--password", "short"],
      /at least 12/,
    ],
    ["an unknown user", ["reset-password", "--email", "nobody@example.org"], /No user/],
    ["a missing e-mail", ["create", "--role", "viewer"], /--email is required/],
    ["an unknown command", ["delete", "--email", "x@example.org"], /Usage/],
    ["an unknown option", ["create", "--email", "x@example.org", "--rol", "viewer"], /--rol/],
  ];
  it.each(failures)("exits non-zero on %s, says why, and changes nothing", async (_case, args, reason) => {
    const before = await prisma.user.count();
    const run = await user(args);
    expect(run.code, run.stdout).not.toBe(0);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.afterOutputMs).toBeLessThan(LINGER_MS);
    expect(await prisma.user.count()).toBe(before);
  });
});
