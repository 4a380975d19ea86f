import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NewsSite, startNewsSite } from "../support/news-site.ts";
import { ADMIN, EDITOR } from "./support/accounts.ts";
import { open, screenshot, seriousViolations, signIn, useBrowser } from "./support/browser.ts";

const { newPage } = useBrowser();
let site: NewsSite;

beforeAll(async () => {
  site = await startNewsSite();
});
afterAll(async () => {
  await site?.close();
});

/** Waits for the form's answer (a status line, or an alert that says why not); names what it said instead. */
async function formAnswers(page: Page, role: "status" | "alert", text: string): Promise<void> {
  try {
    await page.locator(`.feed-form [role=${role}]`).filter({ hasText: text }).waitFor({ timeout: 30_000 });
  } catch {
    throw new Error(
      `the form did not answer “${text}”; it shows: ${await page.locator(".feed-form").textContent()}`,
    );
  }
}

describe("the Feeds page", () => {
  it("is for admins only", async () => {
    const page = await newPage();
    await open(page, "/feeds");
    await expect(page.locator("main").textContent()).resolves.toContain("This screen is for admins.");
    await signIn(page, EDITOR.email, EDITOR.password);
    expect(await page.getByRole("link", { name: "Feeds" }).count()).toBe(0);
    await open(page, "/feeds");
    await expect(page.locator("main").textContent()).resolves.toContain(
      `This screen is for admins. You are signed in as ${EDITOR.email} (editor).`,
    );
  });

  // The app's own worker polls on its schedule (every minute): up to two minutes of waiting.
  it("follows feeds and lists each with its status after the scheduled poll", {
    timeout: 240_000,
  }, async () => {
    const page = await newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole("link", { name: "Feeds" }).click();
    await page.getByRole("heading", { name: "Feeds", level: 1 }).waitFor();
    await expect(page.getByTestId("no-feeds").textContent()).resolves.toBe("No feeds followed yet.");

    const good = `${site.origin}/atom.xml`;
    const broken = `${site.origin}/server-error`;
    for (const url of [good, broken]) {
      await page.getByLabel("Feed address (RSS or Atom)").fill(url);
      await page.getByLabel("Poll every (minutes)").fill("5");
      await page.getByRole("button", { name: "Follow", exact: true }).click();
      await formAnswers(page, "status", `Following ${url}; it is polled within a minute.`);
      await page.getByTestId("feeds-table").getByText(url).waitFor();
    }
    // Refused with its reason, and nothing added.
    await page.getByLabel("Feed address (RSS or Atom)").fill(good);
    await page.getByRole("button", { name: "Follow", exact: true }).click();
    await formAnswers(page, "alert", `${good} is already followed.`);

    const rows = page.getByTestId("feeds-table").locator("tbody tr");
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.nth(0).getByTestId("feed-status").textContent()).resolves.toBe("Not polled yet");

    // Wait for the schedule to poll both, reloading as a person would.
    const deadline = Date.now() + 200_000;
    for (;;) {
      const statuses = await page.getByTestId("feed-status").allTextContents();
      if (!statuses.includes("Not polled yet")) break;
      if (Date.now() > deadline) throw new Error(`the feeds were not polled in time: ${statuses.join(", ")}`);
      await page.waitForTimeout(3_000);
      await page.reload();
    }
    const goodRow = rows.filter({ hasText: good });
    await expect(goodRow.getByTestId("feed-status").textContent()).resolves.toBe("OK");
    await expect(goodRow.textContent()).resolves.toContain("Test Wire (Atom)");
    const cells = await goodRow.locator("td").allTextContents();
    expect(cells.slice(4, 7)).toEqual(["5", "5", "5 min"]);
    expect(cells[2]).toMatch(/\d{4}, \d\d:\d\d UTC$/);
    const brokenRow = rows.filter({ hasText: broken });
    await expect(brokenRow.getByTestId("feed-status").textContent()).resolves.toBe("Failing");
    await expect(brokenRow.getByTestId("feed-error").textContent()).resolves.toContain(
      "the server answered 500 Internal Server Error",
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "feeds");

    // The items are articles now.
    await open(page, "/articles");
    await expect(page.locator("main").textContent()).resolves.toContain(
      "Report 21: troop movements near Belgorod",
    );

    // Removing a feed leaves its articles.
    await open(page, "/feeds");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: `Stop following ${broken}` }).click();
    await rows.filter({ hasText: broken }).waitFor({ state: "detached" });
    await expect(rows.count()).resolves.toBe(1);
  });
});
