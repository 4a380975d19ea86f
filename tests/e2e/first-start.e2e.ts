import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/ports.ts";
import { launchBrowser, seriousViolations } from "./support/browser.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

let browser: Browser;
let app: ChildProcess;
let dataDir: string;
let webUrl: string;
const output: string[] = [];

// A second app, as a user who cloned the project without its demo folder starts it: an empty database.
beforeAll(async () => {
  browser = await launchBrowser();
  const [apiPort, webPort, dbPort] = [await freePort(), await freePort(), await freePort()];
  dataDir = mkdtempSync(path.join(tmpdir(), "headcount-first-start-"));
  chmodSync(dataDir, 0o755);
  app = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "apps/api/src/bin/start.ts"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        API_PORT: String(apiPort),
        WEB_PORT: String(webPort),
        HEADCOUNT_DB_PORT: String(dbPort),
        HEADCOUNT_DATA_DIR: dataDir,
        HEADCOUNT_CORPUS: path.join(dataDir, "no-demo-folder"),
        DATABASE_URL: "",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  app.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  app.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  webUrl = `http://127.0.0.1:${webPort}`;
  const deadline = Date.now() + 150_000;
  while (!output.join("").includes("ready in")) {
    if (app.exitCode !== null || Date.now() > deadline)
      throw new Error(`the app did not start:\n${output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe("the first start without a demo corpus", () => {
  it("opens on one screen that shows how to add articles", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.goto(webUrl);
      const screen = page.getByTestId("getting-started");
      await screen.waitFor();
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("No articles yet");
      const text = (await screen.textContent()) ?? "";
      for (const way of [
        "Paste an article’s text",
        "npm run ingest -- PATH…",
        "npm run ingest -- https://…",
        "npm run feeds -- add https://…/rss.xml",
      ])
        expect(text).toContain(way);
      // All of it fits on one screen.
      const box = await screen.boundingBox();
      expect((box?.y ?? 0) + (box?.height ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(1000);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
