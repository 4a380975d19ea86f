import pino from "pino";
import type { PrismaClient } from "../../apps/api/src/db/prisma.ts";
import { createApi } from "../../apps/api/src/server/yoga.ts";

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The API in-process: requests go through `yoga.fetch`, no port. */
export function testApi(prisma: PrismaClient) {
  const api = createApi({ prisma, logger: pino({ level: "silent" }) });
  async function query<T = Record<string, unknown>>(
    document: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await api.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query: document, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }
  return { api, query };
}
