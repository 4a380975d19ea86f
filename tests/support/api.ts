import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import type { PrismaClient } from "../../apps/api/src/db/prisma.ts";
import type { Viewer } from "../../apps/api/src/graphql/context.ts";
import { type ApiOptions, CSRF_HEADER, createApi } from "../../apps/api/src/server/yoga.ts";
import { createUser } from "../../apps/api/src/users/users.ts";

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Test requests name their viewer's role in this header; only the test API reads it. */
export const TEST_ROLE_HEADER = "x-test-role";

async function testViewer(request: Request): Promise<Viewer | null> {
  const role = request.headers.get(TEST_ROLE_HEADER);
  if (role !== "viewer" && role !== "editor" && role !== "admin") return null;
  return { id: 0, email: `${role}@example.org`, role };
}

/** The API in-process: requests go through `yoga.fetch`, no port. */
export function testApi(prisma: PrismaClient, options: Partial<ApiOptions> = {}) {
  const api = createApi({ prisma, logger: pino({ level: "silent" }), authenticate: testViewer, ...options });
  async function query<T = Record<string, unknown>>(
    document: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await api.fetch("http://localhost/graphql", {
      method: "POST",
      // The dashboard sends the CSRF header on every request; so do the tests.
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1", ...headers },
      body: JSON.stringify({ query: document, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }
  return { api, query };
}

/**
 * The API in-process as one real account sees it: the account is created, and every request is made as it, so
 * what the API writes (audit rows) names a user that exists.
 */
export async function testApiAs(
  prisma: PrismaClient,
  account: { email: string; role: Viewer["role"]; password: string },
) {
  const user = await createUser(prisma, account);
  const viewer: Viewer = { id: user.id, email: account.email, role: account.role };
  return { user, ...testApi(prisma, { authenticate: async () => viewer }) };
}

/** A page of a connection as tests select it (`{ totalCount edges { node { … } } }`). */
export interface Page<T> {
  totalCount: number;
  edges: { node: T }[];
}

/** The items of a page. */
export function nodes<T>(page: Page<T>): T[] {
  return page.edges.map((edge) => edge.node);
}

/**
 * Serves `server` on a free port of 127.0.0.1 for this file's tests, then closes it and disconnects
 * `prisma`. `base` (`http://127.0.0.1:<port>`) is set once the server listens.
 */
export function serveDuringTests(server: Server, prisma: PrismaClient): { base: string } {
  const site = { base: "" };
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    site.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await prisma.$disconnect();
  });
  return site;
}
