import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { EDITOR } from "./support/accounts.ts";
import {
  api,
  apiAs,
  open,
  screenshot,
  seriousViolations,
  signIn,
  tabTo,
  useBrowser,
} from "./support/browser.ts";

const { newPage } = useBrowser();

async function editorPage(): Promise<Page> {
  const page = await newPage();
  await signIn(page, EDITOR.email, EDITOR.password);
  return page;
}

interface EntityRow {
  id: string;
  name: string;
}

describe("a claim's source", () => {
  it("is changed with the entity picker from the keyboard alone, and the claim page shows the new source", async () => {
    const data = await api<{ claims: { edges: { node: { id: string; source: EntityRow | null } }[] } }>(
      `{ claims(first: 50, orderBy: VALUE) { edges { node { id source { id name } } } } }`,
    );
    const claim = data.claims.edges.map((edge) => edge.node).findLast((node) => node.source !== null)!;
    const organisations = await api<{ entities: { edges: { node: EntityRow }[] } }>(
      `{ entities(first: 100, filter: { type: [ORGANIZATION] }) { edges { node { id name } } } }`,
    );
    const target = organisations.entities.edges
      .map((edge) => edge.node)
      .find((entity) => entity.id !== claim.source!.id && entity.name.length >= 5)!;

    const page = await editorPage();
    await open(page, `/claims/${encodeURIComponent(claim.id)}`);
    await tabTo(page, page.getByRole("button", { name: "Edit this claim" }));
    await page.keyboard.press("Enter");
    const source = page.getByRole("combobox", { name: "Source" });
    await tabTo(page, source);
    expect(await source.inputValue()).toBe(claim.source!.name);

    // A few letters, then the arrows to the wanted entity, then Enter.
    await page.keyboard.press("Control+A");
    await page.keyboard.type(target.name.slice(0, 5));
    const wanted = `${target.name} (organisation)`;
    const option = page.locator("[role=listbox]:visible [role=option]", { hasText: target.name }).first();
    await option.waitFor();
    expect(await source.getAttribute("aria-expanded")).toBe("true");
    for (let presses = 0; presses < 10; presses++) {
      await page.keyboard.press("ArrowDown");
      const active = await source.getAttribute("aria-activedescendant");
      if (active && (await page.locator(`[id="${active}"]`).textContent()) === wanted) break;
    }
    const active = await source.getAttribute("aria-activedescendant");
    expect(await page.locator(`[id="${active}"]`).textContent()).toBe(wanted);
    await screenshot(page, "claim-source-picker");
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press("Enter");
    expect(await source.inputValue()).toBe(target.name);
    expect(await source.getAttribute("aria-expanded")).toBe("false");
    await tabTo(page, page.getByRole("button", { name: "Save changes" }));
    await page.keyboard.press("Enter");
    await page.locator("[data-testid=edit-saved]").waitFor();

    // The claim page shows the new source, as the API stores it.
    const shownSource = page.locator("dt:text-is('Source') + dd");
    await shownSource.getByText(target.name, { exact: true }).waitFor();
    const stored = await api<{ node: { source: EntityRow | null } }>(
      `query ($id: ID!) { node(id: $id) { ... on Claim { source { id name } } } }`,
      { id: claim.id },
    );
    expect(stored.node.source?.id).toBe(target.id);
    await screenshot(page, "claim-source-changed");
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe("an entity's names", () => {
  it("take a new alias and a new canonical name from an editor, and the page shows both", async () => {
    const data = await api<{
      entities: { edges: { node: EntityRow & { mergeSuggestions: { id: string }[] } }[] };
    }>(
      `{ entities(first: 100, filter: { type: [PERSON] }) { edges { node { id name mergeSuggestions { id } } } } }`,
    );
    const entity = data.entities.edges.map((edge) => edge.node).find((n) => n.mergeSuggestions.length === 0)!;

    // Readers see no editing controls.
    const readerPage = await newPage();
    await open(readerPage, `/entities/${encodeURIComponent(entity.id)}`);
    expect(await readerPage.getByRole("button", { name: "Rename" }).count()).toBe(0);

    const page = await editorPage();
    await open(page, `/entities/${encodeURIComponent(entity.id)}`);
    await screenshot(page, "entity-editor");
    expect(await seriousViolations(page)).toEqual([]);

    // An empty alias is refused by the API, and its message stands beside the field.
    await page.getByRole("button", { name: "Add alias" }).click();
    const aliasOutcome = page.locator("[data-testid=entity-alias-outcome]");
    await aliasOutcome.locator(".field-error").waitFor();
    expect(await aliasOutcome.textContent()).toMatch(/must not be empty/);
    expect(await page.getByLabel("New alias").getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "entity-alias-error");
    expect(await seriousViolations(page)).toEqual([]);

    const alias = "the ministry's spokesperson";
    await page.getByLabel("New alias").fill(alias);
    await page.getByRole("button", { name: "Add alias" }).click();
    await aliasOutcome.locator(".success").waitFor();
    const alsoWritten = page.locator("dt:text-is('Also written') + dd");
    await alsoWritten.getByText(alias).waitFor();

    const newName = `${entity.name} (spokesperson)`;
    await page.getByLabel("Canonical name").fill(newName);
    await page.getByRole("button", { name: "Rename" }).click();
    await page.locator("[data-testid=entity-name-outcome] .success").waitFor();
    await page.waitForFunction((name) => document.querySelector("h1")?.textContent === name, newName);
    // The old name stays as an alias.
    expect(await alsoWritten.textContent()).toContain(entity.name);
    expect(await alsoWritten.textContent()).toContain(alias);
    await page.locator("[data-testid=history]").getByText("Renamed").waitFor();
    await screenshot(page, "entity-renamed");
    expect(await seriousViolations(page)).toEqual([]);

    const stored = await api<{ node: { name: string; aliases: { name: string }[] } }>(
      `query ($id: ID!) { node(id: $id) { ... on Entity { name aliases { name } } } }`,
      { id: entity.id },
    );
    expect(stored.node.name).toBe(newName);
    expect(stored.node.aliases.map((a) => a.name)).toEqual(expect.arrayContaining([alias, entity.name]));

    // Another editor renames the entity while this one is choosing its side: the side is refused as a
    // conflict, nothing of it is stored, and once the page shows the stored entity the same choice is saved.
    const organisations = await api<{ entities: { edges: { node: EntityRow }[] } }>(
      `{ entities(first: 100, filter: { type: [ORGANIZATION] }) { edges { node { id name } } } }`,
    );
    const side = organisations.entities.edges.map((edge) => edge.node).find((n) => n.name.length >= 4)!;
    const chooseSide = async () => {
      const picker = page.getByRole("combobox", { name: "Speaks for" });
      await picker.fill(side.name.slice(0, 4));
      await page.locator("[role=listbox]:visible [role=option]", { hasText: side.name }).first().click();
      expect(await picker.inputValue()).toBe(side.name);
    };
    await chooseSide();
    const versioned = await apiAs<{ node: { version: number } }>(
      page,
      `query ($id: ID!) { node(id: $id) { ... on Entity { version } } }`,
      { id: entity.id },
    );
    const otherName = `${newName}, renamed elsewhere`;
    await apiAs(
      page,
      `mutation ($id: ID!, $v: Int!, $name: String!) {
        renameEntity(id: $id, expectedVersion: $v, name: $name) { __typename }
      }`,
      { id: entity.id, v: versioned.node.version, name: otherName },
    );
    await page.getByRole("button", { name: "Save affiliation" }).click();
    const sideOutcome = page.locator("[data-testid=entity-affiliation-outcome]");
    await sideOutcome.locator(".field-error").waitFor();
    expect(await sideOutcome.textContent()).toMatch(/changed by someone else/);
    await page.waitForFunction((name) => document.querySelector("h1")?.textContent === name, otherName);
    const unchanged = await api<{ node: { affiliation: EntityRow | null } }>(
      `query ($id: ID!) { node(id: $id) { ... on Entity { affiliation { id name } } } }`,
      { id: entity.id },
    );
    expect(unchanged.node.affiliation?.id).not.toBe(side.id);
    await screenshot(page, "entity-side-conflict");
    expect(await seriousViolations(page)).toEqual([]);

    await chooseSide();
    await page.getByRole("button", { name: "Save affiliation" }).click();
    await sideOutcome.locator(".success").waitFor();
    const saved = await api<{ node: { affiliation: EntityRow | null } }>(
      `query ($id: ID!) { node(id: $id) { ... on Entity { affiliation { id name } } } }`,
      { id: entity.id },
    );
    expect(saved.node.affiliation?.id).toBe(side.id);
    // The history names the side it now speaks for, linked to its page, not by its database id.
    const sideChange = page.locator("[data-testid=history] li", { hasText: "Speaks for:" }).first();
    await sideChange.getByRole("link", { name: side.name }).waitFor();
    expect(await sideChange.textContent()).not.toMatch(/affiliationId/);
  });
});

describe("deleting a claim", () => {
  it("asks first: cancelling keeps the claim, confirming deletes it, and restore brings it back", async () => {
    const data = await api<{ claims: { edges: { node: { id: string } }[] } }>(
      `{ claims(first: 50, orderBy: VALUE, direction: ASC) { edges { node { id } } } }`,
    );
    const id = data.claims.edges[0]!.node.id;
    const page = await editorPage();
    const deletedAt = async () =>
      (
        await apiAs<{ node: { deletedAt: string | null } }>(
          page,
          `query ($id: ID!) { node(id: $id) { ... on Claim { deletedAt } } }`,
          { id },
        )
      ).node.deletedAt;
    await open(page, `/claims/${encodeURIComponent(id)}`);
    const deleteButton = page.getByRole("button", { name: "Delete this claim…" });
    const dialog = page.getByRole("dialog", { name: "Delete this claim?" });

    await deleteButton.click();
    await dialog.waitFor();
    // The safe answer has the focus.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Keep it");
    await screenshot(page, "claim-delete-confirm");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Keep it" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await deletedAt()).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Delete this claim…");

    // Escape is a cancel too.
    await deleteButton.click();
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await deletedAt()).toBeNull();

    await deleteButton.click();
    await dialog.getByLabel("Why delete it (kept in the history)").fill("Printed twice by mistake.");
    await dialog.getByRole("button", { name: "Delete the claim" }).click();
    await page
      .locator("[data-testid=action-result]")
      .getByText(/^Deleted/)
      .waitFor();
    const restoreButton = page.getByRole("button", { name: "Restore this claim" });
    await restoreButton.waitFor();
    expect(await deletedAt()).not.toBeNull();
    await page.locator("[data-testid=history]").getByText("Printed twice by mistake.").waitFor();
    await screenshot(page, "claim-deleted");
    expect(await seriousViolations(page)).toEqual([]);

    await restoreButton.click();
    await deleteButton.waitFor();
    expect(await deletedAt()).toBeNull();
    await page.locator("[data-testid=history] li").first().getByText("Restored").waitFor();
  });
});

/** An invented report, written for this test: a dozen figures, so that the review queue runs to a second page. */
const MANY_FIGURES = `Fighting spreads along the Zenda frontier
The Ruritanian defence ministry said on Monday that about 3,000 soldiers had been deployed to the province of Zenda.
An opposition spokesman said more than 400 soldiers were killed in the fighting last week.
The Red Cross said at least 250 civilians were wounded in the town of Tarlenheim.
Border police said 120 soldiers were captured near the river crossing.
A local governor said as many as 60 fighters were missing after the attack.
The interior ministry said 1,500 reservists had been recruited since January.
Military analysts estimated that the garrison numbered roughly 8,000 troops.
The ministry said a further 900 troops were sent to Strelsau on Tuesday.
Hospital officials said 75 soldiers were wounded in the shelling.
The rebels said they had taken 40 soldiers prisoner.
A regional official said 2,200 soldiers were deployed along the northern road.
The governor said about 35 police officers were killed in an ambush on Wednesday.`;

describe("review queue paging", () => {
  it("loads the next claims when the keyboard cursor reaches the end, then e opens the claim's form", async () => {
    const page = await editorPage();
    const ingested = await apiAs<{ ingestArticle: { __typename: string; claims: unknown[] } }>(
      page,
      `mutation ($input: IngestArticleInput!) {
        ingestArticle(input: $input) { __typename ... on IngestArticleSuccess { claims { quote } } }
      }`,
      {
        input: {
          text: MANY_FIGURES,
          outlet: "The Strelsau Ledger",
          publishedAt: "2026-03-10",
          precision: "DAY",
        },
      },
    );
    expect(ingested.ingestArticle.__typename).toBe("IngestArticleSuccess");
    const waiting = await api<{ claims: { totalCount: number } }>(
      `{ claims(filter: { reviewStatus: [UNREVIEWED], origin: MACHINE }) { totalCount } }`,
    );
    expect(waiting.claims.totalCount).toBeGreaterThan(10);

    await open(page, "/review");
    const items = page.locator(".queue-item");
    await items.first().waitFor();
    const firstPage = await items.count();
    expect(firstPage).toBeLessThan(waiting.claims.totalCount);
    expect(await page.getByRole("button", { name: "Load more claims" }).count()).toBe(1);

    // j down to the last loaded claim: the next page arrives, and j goes on into it.
    await items.first().focus();
    for (let presses = 0; presses < firstPage; presses++) await page.keyboard.press("j");
    // The page arrives, then the focus moves to its first claim (an effect after the render): wait for both.
    await page.waitForFunction((count) => {
      const loaded = [...document.querySelectorAll(".queue-item")];
      return loaded.length > count && loaded.indexOf(document.activeElement as Element) >= count;
    }, firstPage);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-claim-id"));
    const ids = await items.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-claim-id")));
    expect(ids.indexOf(focused ?? "")).toBe(firstPage);
    expect(await page.locator("[data-testid=queue-announcement]").textContent()).toMatch(/^Loaded \d+ more/);
    await screenshot(page, "review-queue-more");
    expect(await seriousViolations(page)).toEqual([]);

    // The button loads whatever is left, and the focus lands on the first claim it brought.
    const loadMore = page.getByRole("button", { name: "Load more claims" });
    while ((await loadMore.count()) > 0) {
      const before = await items.count();
      await loadMore.click();
      await page.waitForFunction(
        (count) =>
          document.querySelectorAll(".queue-item").length > count ||
          !document.querySelector("button.load-more"),
        before,
      );
    }
    expect(await items.count()).toBe(waiting.claims.totalCount);

    await items.last().focus();
    const last = await items.last().getAttribute("data-claim-id");
    await page.keyboard.press("e");
    await page.waitForURL((url) => url.pathname === `/claims/${encodeURIComponent(last!)}`);
    await page.locator("[data-testid=claim-edit-form]").waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "valueLow");
  });
});
