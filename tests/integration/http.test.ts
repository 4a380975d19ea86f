import type { AddressInfo } from "node:net";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { createHttpServer } from "../../apps/api/src/server/http.ts";
import { QUERY_LIMITS } from "../../apps/api/src/server/limits.ts";
import { CSRF_HEADER, createApi } from "../../apps/api/src/server/yoga.ts";
import { serveDuringTests } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";

const prisma = testPrisma();
const logger = pino({ level: "silent" });
const server = createHttpServer(createApi({ prisma, logger }), prisma, logger);
const site = serveDuringTests(server, prisma);

describe("HTTP endpoints", () => {
  it("/healthz answers while the process is alive", async () => {
    const response = await fetch(`${site.base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("/readyz is green when the database answers", async () => {
    const response = await fetch(`${site.base}/readyz`);
    expect(response.status).toBe(200);
  });

  it("/readyz is red when the database cannot be reached", async () => {
    const unreachable = createPrismaClient("postgresql://nobody:nothing@127.0.0.1:1/none", { max: 1 });
    const sick = createHttpServer(createApi({ prisma: unreachable, logger }), unreachable, logger);
    await new Promise<void>((resolve) => sick.listen(0, "127.0.0.1", resolve));
    const port = (sick.address() as AddressInfo).port;
    const response = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable" });
    await new Promise((resolve) => sick.close(resolve));
  });

  it("refuses a body over the limit by its Content-Length, and counts one sent without a length", async () => {
    const oversized = JSON.stringify({
      query: `{ __typename } # ${"x".repeat(QUERY_LIMITS.requestBodyBytes)}`,
    });
    const post = (body: BodyInit, extra: RequestInit = {}) =>
      fetch(`${site.base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
        body,
        ...extra,
      });
    const declared = await post(oversized);
    expect(declared.status).toBe(413);
    expect((await declared.json()).errors[0].extensions.code).toBe("REQUEST_ENTITY_TOO_LARGE");
    const chunked = (text: string) =>
      post(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(text));
            controller.close();
          },
        }),
        { duplex: "half" } as RequestInit,
      );
    const streamed = await chunked(oversized);
    expect(streamed.status).toBe(413);
    const small = await chunked(JSON.stringify({ query: "{ __typename }" }));
    expect(await small.json()).toEqual({ data: { __typename: "Query" } });
    const fitting = await post(JSON.stringify({ query: "{ __typename }" }));
    expect(await fitting.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("serves GraphiQL from the package (no CDN) to a browser", async () => {
    const response = await fetch(`${site.base}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Headcount GraphQL");
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdn\./);
    // It opens with the committed example queries as tabs.
    for (const operation of ["ChartData", "ClaimWithEvidence", "EntityClaims", "Search"]) {
      expect(html).toContain(operation);
    }
  });
});
