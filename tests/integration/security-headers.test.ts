import { gunzipSync } from "node:zlib";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createHttpServer } from "../../apps/api/src/server/http.ts";
import { CSRF_HEADER, createApi } from "../../apps/api/src/server/yoga.ts";
import { serveDuringTests } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";

const prisma = testPrisma();
const logger = pino({ level: "silent" });
const DASHBOARD = "http://127.0.0.1:3999";
const api = createApi({ prisma, logger, allowedOrigins: [DASHBOARD], production: true });
const server = createHttpServer(api, prisma, logger);
const site = serveDuringTests(server, prisma);

function expectHardened(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("referrer-policy")).toMatch(/^(no-referrer|same-origin|strict-origin)/);
  expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
}

describe("API response headers", () => {
  it("GraphiQL: a policy allowing only its own inline scripts, no framing, sent compressed", async () => {
    const response = await fetch(`${site.base}/graphql`, {
      headers: { accept: "text/html", "accept-encoding": "gzip" },
    });
    expect(response.status).toBe(200);
    expectHardened(response);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src [^;]*'sha256-/);
    expect(policy).not.toMatch(/script-src [^;]*'unsafe-inline'/);
    expect(policy).toMatch(/object-src 'none'/);
    expect(policy).toMatch(/base-uri 'none'/);
    const html = await response.text();
    expect(html).toContain("Headcount GraphQL");
  });

  it("GraphiQL's page crosses the wire compressed, at a fraction of its size", async () => {
    const raw = await new Promise<{ encoding: string | undefined; bytes: Buffer }>((resolve, reject) => {
      import("node:http").then(({ get }) =>
        get(
          `${site.base}/graphql`,
          { headers: { accept: "text/html", "accept-encoding": "gzip, br" } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () =>
              resolve({ encoding: res.headers["content-encoding"], bytes: Buffer.concat(chunks) }),
            );
            res.on("error", reject);
          },
        ),
      );
    });
    expect(["gzip", "br"]).toContain(raw.encoding);
    expect(raw.bytes.length).toBeLessThan(3_000_000);
    if (raw.encoding === "gzip") expect(gunzipSync(raw.bytes).toString()).toContain("Headcount GraphQL");
  });

  it("GraphQL answers carry the same protections", async () => {
    const response = await fetch(`${site.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expectHardened(response);
  });

  it.each(["null", "https://evil.example", "http://127.0.0.1:3999.evil.example", "file://"])(
    "CORS: no Allow-Origin for the unconfigured origin %s",
    async (origin) => {
      for (const method of ["OPTIONS", "POST"]) {
        const response = await fetch(`${site.base}/graphql`, {
          method,
          headers: {
            origin,
            "content-type": "application/json",
            "access-control-request-method": "POST",
            [CSRF_HEADER]: "1",
          },
          ...(method === "POST" ? { body: JSON.stringify({ query: "{ __typename }" }) } : {}),
        });
        expect(response.headers.get("access-control-allow-origin")).toBeNull();
        expect(response.headers.get("access-control-allow-credentials")).toBeNull();
      }
    },
  );

  it("CORS: the configured dashboard origin is allowed, with credentials", async () => {
    const response = await fetch(`${site.base}/graphql`, {
      method: "OPTIONS",
      headers: { origin: DASHBOARD, "access-control-request-method": "POST" },
    });
    expect(response.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
  });

  it("no field suggestions in production", async () => {
    const response = await fetch(`${site.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
      body: JSON.stringify({ query: "{ claimz { totalCount } }" }),
    });
    expect(await response.text()).not.toMatch(/Did you mean/);
  });
});
