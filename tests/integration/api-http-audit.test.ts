import { readFileSync } from "node:fs";
import path from "node:path";
import { type AuditResult, serverAudits } from "graphql-http";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import { CSRF_HEADER } from "../../apps/api/src/server/yoga.ts";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";

const prisma = testPrisma();
const { api } = testApi(prisma);
afterAll(() => prisma.$disconnect());

/**
 * graphql-http's conformance audits for the GraphQL-over-HTTP spec, run in-process against the yoga
 * server. The audit client behaves like our clients: it sends the CSRF header (without it, GET requests
 * are refused by design).
 */
async function runAudits(): Promise<AuditResult[]> {
  const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set(CSRF_HEADER, "1");
    return api.fetch(input as string, { ...init, headers });
  };
  const audits = serverAudits({ url: "http://localhost/graphql", fetchFn });
  return Promise.all(audits.map((audit) => audit.fn()));
}

describe("GraphQL over HTTP conformance (graphql-http audits)", async () => {
  const results = await runAudits();

  it("passes every MUST audit", () => {
    expect(results.length).toBeGreaterThan(40);
    const failed = results.filter((result) => result.name.startsWith("MUST") && result.status !== "ok");
    expect(
      failed.map((result) => `${result.id} ${result.name}: ${"reason" in result ? result.reason : ""}`),
    ).toEqual([]);
  });

  it("lists every failing SHOULD audit in docs/api.md, with its reason", () => {
    const docs = readFileSync(path.join(REPO_ROOT, "docs/api.md"), "utf8");
    const failed = results.filter((result) => result.name.startsWith("SHOULD") && result.status !== "ok");
    expect(
      failed.filter((result) => !docs.includes(result.id)).map((result) => `${result.id} ${result.name}`),
    ).toEqual([]);
  });
});
