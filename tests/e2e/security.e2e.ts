import { request as httpRequest } from "node:http";
import type { Browser, ConsoleMessage } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EDITOR } from "./support/accounts.ts";
import { apiAs, launchBrowser, open, signIn, webUrl } from "./support/browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const apiUrl = () => inject("apiUrl");

async function firstClaimPath(): Promise<string> {
  const response = await fetch(apiUrl(), {
    method: "POST",
    headers: { "content-type": "application/json", "x-graphql-yoga-csrf": "1" },
    body: JSON.stringify({ query: "{ claims(first: 1) { edges { node { id } } } }" }),
  });
  const body = (await response.json()) as { data: { claims: { edges: { node: { id: string } }[] } } };
  return `/claims/${encodeURIComponent(body.data.claims.edges[0]?.node.id ?? "")}`;
}

describe("security in the browser", () => {
  it("no Content-Security-Policy violation on the overview, a claim, sign-in and GraphiQL", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message: ConsoleMessage) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    for (const path of ["/", await firstClaimPath(), "/signin"]) {
      await open(page, path);
      await page.waitForTimeout(500);
    }
    await page.goto(apiUrl(), { waitUntil: "load" });
    await page.locator(".graphiql-container").first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("dashboard pages cannot be framed and carry the protective headers", async () => {
    for (const path of ["/", "/signin", "/claims"]) {
      const response = await fetch(webUrl(path));
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBeTruthy();
      expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get("content-security-policy")).toMatch(/script-src [^;]*'nonce-/);
    }
  });

  it("the ClaimReview export links to this site whatever Host the request names", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, EDITOR.email, EDITOR.password);
    type Claims = { claims: { edges: { node: { id: string; version: number; reviewStatus: string } }[] } };
    const verified = await apiAs<Claims>(
      page,
      "{ claims(first: 1, filter: { reviewStatus: [VERIFIED] }) { edges { node { id version reviewStatus } } } }",
    );
    if (verified.claims.edges.length === 0) {
      const any = await apiAs<Claims>(
        page,
        "{ claims(first: 1) { edges { node { id version reviewStatus } } } }",
      );
      const claim = any.claims.edges[0]?.node;
      expect(claim).toBeDefined();
      await apiAs(
        page,
        "mutation ($id: ID!, $v: Int!) { reviewClaim(id: $id, expectedVersion: $v, status: VERIFIED) { __typename } }",
        { id: claim?.id, v: claim?.version },
      );
    }
    await context.close();
    const target = new URL(webUrl("/claims/export?format=jsonld"));
    const body = await new Promise<string>((resolve, reject) => {
      const request = httpRequest(
        {
          hostname: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          headers: { host: "evil.example", "x-forwarded-host": "evil.example" },
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            text += chunk;
          });
          response.on("end", () => resolve(text));
        },
      );
      request.on("error", reject);
      request.end();
    });
    const reviews = (JSON.parse(body) as { "@graph": { url: string }[] })["@graph"];
    expect(reviews.length).toBeGreaterThan(0);
    for (const review of reviews) expect(new URL(review.url).hostname).not.toBe("evil.example");
    expect(body).not.toContain("evil.example");
  });

  it("a malformed claim address is a 404 page, not a server error", async () => {
    for (const path of [
      "/claims/%ZZ",
      "/claims/%E0%A4%A",
      "/entities/%ZZ",
      "/articles/%",
      "/claims/%00",
      "/claims/Q2xhaW06MQ%00",
      "/entities/%0A",
    ]) {
      const response = await fetch(webUrl(path));
      expect(response.status, path).toBe(404);
    }
  });

  it.each([
    "/%5Cevil.example/x",
    "/%09/evil.example/x",
    "//evil.example",
    "/%5C%5Cevil.example",
    "https://evil.example",
  ])("after signing in with next=%s the editor stays on this site", async (next) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(webUrl(`/signin?next=${next}`), { waitUntil: "load" });
    await page.getByLabel("E-mail").fill(EDITOR.email);
    await page.getByLabel("Password").fill(EDITOR.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname !== "/signin", { timeout: 20_000 });
    expect(new URL(page.url()).origin).toBe(new URL(webUrl("/")).origin);
    // Signed in, the "Continue" link goes nowhere else either.
    await page.goto(webUrl(`/signin?next=${next}`), { waitUntil: "load" });
    const href = await page.getByRole("link", { name: "Continue" }).getAttribute("href");
    expect(new URL(href ?? "", webUrl("/")).origin).toBe(new URL(webUrl("/")).origin);
    await context.close();
  });

  it("a client's own X-Forwarded-For through the dashboard does not escape the sign-in throttle", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await fetch(webUrl("/graphql"), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-graphql-yoga-csrf": "1",
          "x-forwarded-for": `10.77.${i}.${i}`,
        },
        body: JSON.stringify({
          query: `mutation { login(email: "spoofer@example.org", password: "wrong password ${i}") { __typename } }`,
        }),
      });
      const body = (await response.json()) as { data: { login: { __typename: string } } };
      outcomes.push(body.data.login.__typename);
    }
    expect(outcomes.slice(-3)).toEqual(Array(3).fill("TooManyAttemptsError"));
  });
});
