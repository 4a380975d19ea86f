import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { EDITOR } from "./support/accounts.ts";
import { api, open, screenshot, seriousViolations, signIn, useBrowser, webUrl } from "./support/browser.ts";

const { newPage } = useBrowser();

interface StoredClaim {
  id: string;
  version: number;
  display: string;
  subject: string;
  hedge: string | null;
  valueBest: number | null;
}

async function storedClaim(id: string): Promise<StoredClaim> {
  const data = await api<{ node: StoredClaim }>(
    `query ($id: ID!) { node(id: $id) { ... on Claim { id version display subject hedge valueBest } } }`,
    { id },
  );
  return data.node;
}

/** Claim ids in the order of the overview's table (the claims the chart plots). */
async function plottedClaimIds(page: Page): Promise<string[]> {
  await open(page, "/");
  return page
    .locator("[data-testid=chart-table] tbody tr")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-claim-id") ?? ""));
}

/** Opens a claim's page and its editor. */
async function openClaimEditor(page: Page, id: string): Promise<void> {
  await open(page, `/claims/${encodeURIComponent(id)}`);
  await page.getByRole("button", { name: "Edit this claim" }).click();
}

/** Fills the editor's value fields: the qualifier and the bounds ("" clears one). */
async function fillValues(
  page: Page,
  values: { qualifier: string; low: string; best: string; high: string },
): Promise<void> {
  await page.getByLabel("Qualifier").selectOption(values.qualifier);
  await page.getByLabel("Low bound").fill(values.low);
  await page.getByLabel("Best value").fill(values.best);
  await page.getByLabel("High bound").fill(values.high);
}

describe("signing in and out", () => {
  it("refuses a wrong password and an unknown account with the same message, then signs in and out", async () => {
    const page = await newPage();
    await open(page, "/signin");
    await screenshot(page, "signin");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("E-mail").fill(EDITOR.email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.locator("#signin-error");
    await alert.waitFor();
    const wrongPassword = (await alert.textContent()) ?? "";
    expect(wrongPassword).toMatch(/e-mail or password/i);
    await screenshot(page, "signin-error");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("E-mail").fill("nobody-here@example.org");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForFunction(
      (previous) => document.querySelector("#signin-error")?.textContent === previous,
      wrongPassword,
    );
    expect(await alert.textContent()).toBe(wrongPassword);

    // The keyboard alone: type, Enter.
    await page.getByLabel("E-mail").fill(EDITOR.email);
    await page.getByLabel("Password").fill(EDITOR.password);
    await page.getByLabel("Password").press("Enter");
    const account = page.locator("[data-testid=account]");
    await account.waitFor();
    expect(await account.textContent()).toContain(EDITOR.email);
    // Editors get their screens in the navigation.
    expect(await page.getByRole("link", { name: "Review" }).count()).toBe(1);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    expect(await page.locator("[data-testid=account]").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Review" }).count()).toBe(0);
  });

  it("tells how long to wait when sign-in is throttled", async () => {
    const page = await newPage();
    await open(page, "/signin");
    await page.getByLabel("E-mail").fill("throttled@example.org");
    await page.getByLabel("Password").fill("guess number one");
    const alert = page.locator("#signin-error");
    for (let attempt = 0; attempt < 8; attempt++) {
      await page.getByRole("button", { name: "Sign in" }).click();
      await alert.waitFor();
      if (/try again in/i.test((await alert.textContent()) ?? "")) break;
    }
    expect(await alert.textContent()).toMatch(/try again in \d+ (second|minute)/i);
    expect(await page.getByRole("button", { name: "Sign in" }).isDisabled()).toBe(true);
    await screenshot(page, "signin-throttled");
  });
});

describe("editing a claim", () => {
  it("shows field errors from the API beside the fields", async () => {
    const page = await newPage();
    await signIn(page, EDITOR.email, EDITOR.password);
    const [id] = await plottedClaimIds(page);
    await openClaimEditor(page, id!);
    await fillValues(page, { qualifier: "RANGE", low: "900", best: "", high: "100" });
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.locator("[data-testid=edit-failure]").waitFor();
    expect(await page.locator("[data-testid=error-valueHigh]").textContent()).toBe(
      "must not be below Low bound",
    );
    expect(await page.getByLabel("High bound").getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "claim-edit-errors");
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing was stored.
    expect((await storedClaim(id!)).version).toBeGreaterThan(0);
  });

  it("saves an edit, and the open overview's row for that claim shows the new value", async () => {
    const overview = await newPage();
    const ids = await plottedClaimIds(overview);
    const id = ids[0]!;
    const row = overview.locator(`[data-testid=chart-table] tr[data-claim-id="${id}"]`);
    expect(await row.locator("td.num").textContent()).not.toBe("43,210");

    const editor = await newPage();
    await signIn(editor, EDITOR.email, EDITOR.password);
    await openClaimEditor(editor, id);
    await screenshot(editor, "claim-edit");
    expect(await seriousViolations(editor)).toEqual([]);
    await fillValues(editor, { qualifier: "EXACT", low: "43210", best: "43210", high: "43210" });
    await editor.getByLabel("Hedge as written").fill("");
    await editor.getByLabel("Why (kept in the history)").fill("The article gives an exact figure.");
    await editor.getByRole("button", { name: "Save changes" }).click();
    await editor.locator("[data-testid=edit-saved]").waitFor();
    expect((await storedClaim(id)).display).toBe("43,210");

    // The claim page itself shows the new value and the change in its history.
    await editor.waitForFunction(() => document.querySelector("h1")?.textContent?.includes("43,210"));
    await editor.locator("[data-testid=history] li").first().waitFor();
    expect(await editor.locator("[data-testid=history]").textContent()).toContain(
      "The article gives an exact figure.",
    );

    // The overview, open all along in another browser, updates live (no reload).
    await row.locator("td.num", { hasText: "43,210" }).waitFor({ timeout: 15_000 });
  });

  it("shows a conflict when two editors edit the same version, and reapplies on the newer one", async () => {
    const probe = await newPage();
    const ids = await plottedClaimIds(probe);
    const id = ids[1]!;
    const first = await newPage();
    const second = await newPage();
    await signIn(first, EDITOR.email, EDITOR.password);
    await signIn(second, EDITOR.email, EDITOR.password);
    for (const page of [first, second]) await openClaimEditor(page, id);
    const before = await storedClaim(id);

    await first.getByLabel("Who is counted").fill("engineering troops (first editor)");
    await first.getByRole("button", { name: "Save changes" }).click();
    await first.locator("[data-testid=edit-saved]").waitFor();

    await second.getByLabel("Hedge as written").fill("at least (second editor)");
    await second.getByRole("button", { name: "Save changes" }).click();
    const conflict = second.locator("[data-testid=conflict]");
    await conflict.waitFor();
    expect(await conflict.locator("[data-testid=stored-subject]").textContent()).toBe(
      "engineering troops (first editor)",
    );
    expect(await conflict.locator("[data-testid=mine-subject]").textContent()).toBe(before.subject);
    expect(await conflict.locator("[data-testid=mine-hedge]").textContent()).toContain(
      "at least (second editor)",
    );
    // Focus moves to the conflict, so a keyboard or screen-reader user lands on it.
    expect(await second.evaluate(() => document.activeElement?.id)).toBe("conflict-title");
    await screenshot(second, "claim-conflict");
    expect(await seriousViolations(second)).toEqual([]);

    await second.getByRole("button", { name: "Reapply my changes on the newer version" }).click();
    await second.locator("[data-testid=edit-saved]").waitFor();
    const after = await storedClaim(id);
    expect(after.subject).toBe("engineering troops (first editor)");
    expect(after.hedge).toBe("at least (second editor)");
    expect(after.version).toBe(before.version + 2);
  });
});

describe("review queue", () => {
  it("is driven from the keyboard: j moves on, v verifies the focused claim and focus moves to the next", async () => {
    const page = await newPage();
    await signIn(page, EDITOR.email, EDITOR.password);
    await open(page, "/review");
    await page.locator("[data-testid=shortcuts]").waitFor();
    await screenshot(page, "review-queue");
    expect(await seriousViolations(page)).toEqual([]);

    const items = page.locator(".queue-item");
    const ids = await items.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-claim-id") ?? ""));
    expect(ids.length).toBeGreaterThan(2);
    // Tab reaches the current claim (a roving tabindex), then j moves the focus to the next one.
    await items.first().focus();
    await page.keyboard.press("j");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-claim-id"))).toBe(ids[1]);
    await page.keyboard.press("k");
    await page.keyboard.press("j");
    await page.keyboard.press("v");
    await page.waitForFunction((id) => !document.querySelector(`.queue-item[data-claim-id="${id}"]`), ids[1]);
    const status = await api<{ node: { reviewStatus: string } }>(
      `query ($id: ID!) { node(id: $id) { ... on Claim { reviewStatus } } }`,
      { id: ids[1] },
    );
    expect(status.node.reviewStatus).toBe("VERIFIED");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-claim-id"))).toBe(ids[2]);
    expect(await page.locator("[data-testid=queue-announcement]").textContent()).toMatch(/^Verified/);

    // e opens the focused claim with its edit form ready.
    await page.keyboard.press("e");
    await page.waitForURL(/\/claims\/.+\?edit/);
    await page.locator("[data-testid=claim-edit-form]").waitFor();
  });

  it("is for editors only", async () => {
    const page = await newPage();
    await open(page, "/review");
    expect(await page.locator("main").textContent()).toMatch(/for editors/);
    expect(await page.locator(".queue-item").count()).toBe(0);
  });
});

describe("merge suggestions", () => {
  it("lets an editor merge two entities and undo the merge", async () => {
    const data = await api<{
      entities: {
        edges: {
          node: { id: string; name: string; mergeSuggestions: { id: string; entity: { id: string } }[] };
        }[];
      };
    }>(`{ entities(first: 100) { edges { node { id name mergeSuggestions { id entity { id } } } } } }`);
    const entity = data.entities.edges.map((e) => e.node).find((n) => n.mergeSuggestions.length > 0);
    expect(entity).toBeDefined();
    const suggestionId = entity!.mergeSuggestions[0]!.id;

    // Readers see the suggestions, without the buttons.
    const reader = await newPage();
    await open(reader, `/entities/${encodeURIComponent(entity!.id)}`);
    expect(await reader.locator(`[data-suggestion-id="${suggestionId}"]`).count()).toBe(1);
    expect(await reader.getByRole("button", { name: /^Merge/ }).count()).toBe(0);

    const page = await newPage();
    await signIn(page, EDITOR.email, EDITOR.password);
    await open(page, `/entities/${encodeURIComponent(entity!.id)}`);
    const suggestion = page.locator(`[data-suggestion-id="${suggestionId}"]`);
    await screenshot(page, "entity-suggestions");
    expect(await seriousViolations(page)).toEqual([]);
    await suggestion.getByRole("button", { name: /^Merge/ }).click();
    const judgements = page.locator("[data-testid=judgements]");
    await judgements.getByText(/^Merged /).waitFor();
    // The page refreshes around the judgement: one of the two now redirects to the other.
    await page.waitForFunction(
      (id) =>
        document.querySelector(".notice")?.textContent?.startsWith("Merged into") ||
        !document.querySelector(`[data-suggestion-id="${id}"]`),
      suggestionId,
    );
    await screenshot(page, "entity-merged");
    expect(await seriousViolations(page)).toEqual([]);

    await judgements.getByRole("button", { name: "Undo merge" }).click();
    await judgements.getByText(/Merge undone/).waitFor();
    // Both entities stand alone again.
    const after = await api<{ nodes: { mergedInto: { id: string } | null }[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Entity { mergedInto { id } } } }`,
      { ids: [entity!.id, entity!.mergeSuggestions[0]!.entity.id] },
    );
    expect(after.nodes.map((node) => node.mergedInto)).toEqual([null, null]);
  });
});

describe("automatic merges", () => {
  it("lists the spelling variants ingest merged by itself, and an editor can undo one", async () => {
    type Merge = { id: string; automatic: boolean; merged: { id: string; name: string } };
    const data = await api<{
      entities: { edges: { node: { id: string; name: string; merges: Merge[] } }[] };
    }>(`{ entities(first: 100) { edges { node { id name merges { id automatic merged { id name } } } } } }`);
    const entity = data.entities.edges
      .map((e) => e.node)
      .find((n) => n.merges.some((merge) => merge.automatic));
    // The demo corpus spells some people two ways; the app merged them when it started.
    expect(entity).toBeDefined();
    const merge = entity!.merges.find((m) => m.automatic)!;

    const reader = await newPage();
    await open(reader, `/entities/${encodeURIComponent(entity!.id)}`);
    const listed = reader.locator("[data-testid=standing-merges]");
    await listed.getByText(merge.merged.name).waitFor();
    expect(await listed.textContent()).toContain("automatically");
    expect(await listed.getByRole("button").count()).toBe(0);
    // The history says what the merge moved in words.
    const history = reader.locator("section[aria-labelledby=history-title]");
    await history
      .getByText(/mentions: \d/)
      .first()
      .waitFor();
    expect(await history.textContent()).not.toContain('"mentions"');

    const page = await newPage();
    await signIn(page, EDITOR.email, EDITOR.password);
    await open(page, `/entities/${encodeURIComponent(entity!.id)}`);
    await screenshot(page, "entity-automatic-merge");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: `Undo merge of ${merge.merged.name}` }).click();
    await page.waitForFunction(
      (name) => !document.querySelector("[data-testid=standing-merges]")?.textContent?.includes(name),
      merge.merged.name,
    );
    const after = await api<{ node: { mergedInto: { id: string } | null } }>(
      `query ($id: ID!) { node(id: $id) { ... on Entity { mergedInto { id } } } }`,
      { id: merge.merged.id },
    );
    expect(after.node.mergedInto).toBeNull();
  });
});

/** An invented report, written for this test (not from the seed corpus). */
const PASTED_ARTICLE = `Ruritania moves troops toward the northern border
The Ruritanian defence ministry said on Tuesday that about 4,500 soldiers had been deployed to the border province of Zenda. A spokesman for the opposition said more than 600 soldiers were killed in the fighting last month.`;

describe("adding an article", () => {
  it("previews the claims extracted from pasted text, then saves and links to the article", async () => {
    const page = await newPage();
    await signIn(page, EDITOR.email, EDITOR.password);
    await open(page, "/ingest");
    await screenshot(page, "ingest");
    expect(await seriousViolations(page)).toEqual([]);

    // The paste says how large an article may be, before anything is sent.
    expect(await page.locator("label", { hasText: "Article text" }).textContent()).toContain("up to 2 MB");
    await page.getByRole("button", { name: "Preview claims" }).click();
    await page.locator("[data-testid=error-body]").waitFor();

    await page.getByLabel("Article text").fill(PASTED_ARTICLE);
    await page.getByLabel("Outlet").fill("The Zenda Courier");
    await page.getByLabel("Published on").fill("2026-03-04");
    await page.getByLabel("Date precision").selectOption("DAY");
    await page.getByRole("button", { name: "Preview claims" }).click();
    const claims = page.locator("[data-testid=extracted-claims] tbody tr");
    await claims.first().waitFor();
    const rows = await claims.allTextContents();
    expect(rows.some((row) => row.includes("4,500"))).toBe(true);
    expect(await page.locator("[data-testid=ingest-result]").textContent()).toContain("nothing was stored");
    expect(await page.locator("[data-testid=ingested-article]").count()).toBe(0);
    await screenshot(page, "ingest-preview");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Save article" }).click();
    const link = page.locator("[data-testid=ingested-article]");
    await link.waitFor();
    await screenshot(page, "ingest-saved");
    await link.click();
    await page.waitForURL(/\/articles\/.+/);
    await page.locator(".article-body mark.claim-span").first().waitFor();
    expect(await page.locator("h1").textContent()).toContain("Ruritania moves troops");
  });
});

describe("the overview's weight", () => {
  it("loads at most 250 kB of JavaScript (gzipped) on first load, editor screens included in the app", async () => {
    const html = await (await fetch(webUrl("/"))).text();
    const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!))];
    expect(scripts.length).toBeGreaterThan(0);
    let total = 0;
    for (const src of scripts) {
      const body = Buffer.from(await (await fetch(webUrl(src))).arrayBuffer());
      total += gzipSync(body, { level: 9 }).length;
    }
    console.info(`first-load JS of /: ${(total / 1024).toFixed(1)} kB gzipped in ${scripts.length} scripts`);
    expect(total).toBeLessThanOrEqual(250 * 1024);
  });
});
