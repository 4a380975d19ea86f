import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const SCREENSHOTS = path.join(ROOT, "test-results/screenshots");

import { launchChromium } from "./chromium.ts";

export { launchChromium as launchBrowser };

/**
 * This file's browser, started before its tests, and pages each in a context of its own (1400×1000 unless
 * given), all closed after the file.
 */
export function useBrowser(): { newPage(viewport?: { width: number; height: number }): Promise<Page> } {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });
  return {
    async newPage(viewport = { width: 1400, height: 1000 }) {
      if (!browser) throw new Error("the browser starts in beforeAll: ask for pages inside tests and hooks");
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      return context.newPage();
    },
  };
}

export const webUrl = (pathname = "/") => new URL(pathname, inject("webUrl")).toString();

/** A page of the dashboard, loaded and hydrated (the live-update stream keeps the network busy). */
export async function open(page: Page, pathname: string): Promise<void> {
  await page.goto(webUrl(pathname), { waitUntil: "load" });
  await page.waitForFunction(() => document.readyState === "complete");
  // Client components are interactive once the live-status indicator has mounted.
  await page.locator("[data-testid=live-status], main").first().waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core's serious and critical violations on the current page, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // After a client-side refresh the head is re-rendered: let the page settle with its title before axe reads
  // it (a page that never gets one still fails, on "document-title").
  await page
    .waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5_000 })
    .catch(() => undefined);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join("; ")}`,
    );
}

/** Straight to the API, to compare what the screen shows with what the API says. */
export async function api<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await fetch(inject("apiUrl"), {
    method: "POST",
    headers: { "content-type": "application/json", "x-graphql-yoga-csrf": "1" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(body.errors?.[0]?.message ?? "no data");
  return body.data;
}

/**
 * The API as the page's signed-in user sees it: through the dashboard's own /graphql, with the page's session
 * cookie (editors see deleted claims and the review queue; writes need an editor).
 */
export async function apiAs<Data>(
  page: Page,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Data> {
  const response = await page.request.post(webUrl("/graphql"), {
    headers: { "content-type": "application/json", "x-graphql-yoga-csrf": "1" },
    data: { query, variables },
  });
  const body = (await response.json()) as { data?: Data; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(body.errors?.[0]?.message ?? "no data");
  return body.data;
}

/** Presses Tab until the focus reaches the element, as a keyboard user gets there. */
export async function tabTo(page: Page, target: Locator, limit = 120): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab did not reach the element within ${limit} presses`);
}

/** Signs in through the dashboard's own form, as a person would. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await open(page, "/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("[data-testid=account]").waitFor();
}
