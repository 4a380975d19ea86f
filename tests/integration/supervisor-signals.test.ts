import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import { NODE_ARGS } from "../support/cli.ts";

/** Starts the miniature start process, sends `signals` at the given delays after it is ready, and waits. */
async function run(delays: number[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    [...NODE_ARGS, path.join(REPO_ROOT, "tests/support/supervised-child.ts")],
    {
      cwd: REPO_ROOT,
    },
  );
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  await new Promise<void>((resolve) => {
    const ready = () => (output.includes("ready") ? resolve() : setTimeout(ready, 20));
    ready();
  });
  for (const delay of delays) setTimeout(() => child.kill("SIGINT"), delay);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, output };
}

describe("npm start's supervisor and Ctrl-C", () => {
  it("reads one key press delivered twice (to npm and to the start process) as one orderly stop", async () => {
    const { code, output } = await run([0, 5]);
    expect(output).toContain("stopped.");
    expect(output).not.toContain("again");
    expect(code).toBe(0);
  });

  it("stops at once on a second Ctrl-C a moment later", async () => {
    const { code, output } = await run([0, 1_200]);
    expect(output).toContain("SIGINT again: stopping at once");
    expect(code).toBe(1);
  });
});
