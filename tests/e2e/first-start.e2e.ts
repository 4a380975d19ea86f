import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedApp, startApp } from "./support/app.ts";
import { launchBrowser, seriousViolations } from "./support/browser.ts";

let browser: Browser;
let started: StartedApp | undefined;
let webUrl: string;

// A second app, as a user who cloned the project without its demo folder starts it: an empty database.
beforeAll(async () => {
  browser = await launchBrowser();
  started = await startApp("headcount-first-start-", (dataDir) => ({
    HEADCOUNT_CORPUS: path.join(dataDir, "no-demo-folder"),
  }));
  const { app, output } = started;
  webUrl = started.webUrl;
  const deadline = Date.now() + 150_000;
  while (!output.join("").includes("ready in")) {
    if (app.exitCode !== null || Date.now() > deadline)
      throw new Error(`the app did not start:\n${output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await started?.stop();
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
