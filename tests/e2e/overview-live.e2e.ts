import { describe, expect, it } from "vitest";
import { api, apiAs, open } from "./support/browser.ts";
import { editorPage, ingest, overviewBrowser, RECRUITMENT, rowIds } from "./support/overview.ts";

// The overview tells the reader what it is doing: updating while filters load, and live updates as they arrive.
const ui = overviewBrowser();

describe("feedback", () => {
  it("says the view is updating while new filters load", async () => {
    await open(ui.page, "/");
    // The next view's data is held back a moment, as on a slow connection.
    await ui.page.route("**/*", async (route) => {
      if (route.request().headers().rsc) await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await ui.page.selectOption("#filter-scale", "log");
    await expect.poll(() => ui.page.locator("form.filters").getAttribute("aria-busy")).toBe("true");
    expect(await ui.page.locator("[data-testid=filters-busy]").textContent()).toBe("Updating…");
    await ui.page.waitForURL((url) => url.searchParams.get("scale") === "log");
    await expect.poll(() => ui.page.locator("form.filters").getAttribute("aria-busy")).toBe("false");
    await ui.page.unrouteAll({ behavior: "wait" });
  });

  it("brings in a newly ingested article's claims while the page is open, without a reload", async () => {
    await open(ui.page, "/?metric=recruited");
    const before = await rowIds(ui.page);
    await ui.page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    const editor = await editorPage(ui.browser);
    const ingested = await ingest(editor, RECRUITMENT);
    expect(ingested.length).toBe(1);
    await expect.poll(() => rowIds(ui.page), { timeout: 15_000 }).toEqual([...before, ...ingested].sort());
    expect(await ui.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    expect(await ui.page.locator("[data-testid=live-status]").textContent()).toMatch(/update(s)? received/);
    await editor.context().close();
  });

  it("follows verdicts in the review queue's count as they happen", async () => {
    const editor = await editorPage(ui.browser);
    await open(editor, "/review");
    const waiting = async () =>
      Number((await editor.locator("main > p.muted").first().textContent())?.match(/(\d+) waiting/)?.[1]);
    const count = await waiting();
    expect(count).toBeGreaterThan(0);
    const first = await api<{ reviewQueue: { edges: { node: { id: string; version: number } }[] } }>(
      `{ reviewQueue(first: 1) { edges { node { id version } } } }`,
    ).catch(() => null);
    const queue =
      first ??
      (await apiAs<{ reviewQueue: { edges: { node: { id: string; version: number } }[] } }>(
        editor,
        `{ reviewQueue(first: 1) { edges { node { id version } } } }`,
      ));
    const claim = queue.reviewQueue.edges[0]!.node;
    // Another editor's verdict, through the API: this page is not touched.
    const verdict = await apiAs<{ reviewClaim: { __typename: string } }>(
      editor,
      `mutation ($id: ID!, $v: Int!) { reviewClaim(id: $id, expectedVersion: $v, status: VERIFIED) { __typename } }`,
      { id: claim.id, v: claim.version },
    );
    expect(verdict.reviewClaim.__typename).not.toMatch(/Error$/);
    await expect.poll(waiting, { timeout: 15_000 }).toBe(count - 1);
    await editor.context().close();
  });
});
