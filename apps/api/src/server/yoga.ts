import { randomUUID } from "node:crypto";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import type { PrismaClient } from "../db/prisma.ts";
import type { Context } from "../graphql/context.ts";
import { schema } from "../graphql/schema/index.ts";
import type { Logger } from "../logger.ts";
import { graphiqlTabs } from "./graphiql-tabs.ts";

export interface ApiOptions {
  prisma: PrismaClient;
  logger: Logger;
  /** Origins allowed to call the API with credentials (the dashboard). */
  allowedOrigins?: string[];
}

export type Api = YogaServerInstance<Record<string, never>, Context>;

/** The GraphQL server, with no port: tests call `api.fetch` in-process; `http.ts` serves it. */
export function createApi(options: ApiOptions): Api {
  const { prisma, logger } = options;
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    batching: false,
    // GraphiQL from the npm package, so it works with no network; it opens with our example queries.
    graphiql: () => ({
      title: "Headcount GraphQL",
      defaultEditorToolsVisibility: true,
      defaultTabs: graphiqlTabs(),
    }),
    renderGraphiQL,
    cors: {
      origin: options.allowedOrigins ?? [],
      credentials: true,
      methods: ["GET", "POST"],
    },
    logging: {
      debug: (...args) => logger.debug(args),
      info: (...args) => logger.info(args),
      warn: (...args) => logger.warn(args),
      error: (...args) => logger.error(args),
    },
    maskedErrors: true,
    context: ({ request }) => ({
      prisma,
      requestId: request.headers.get("x-request-id") ?? randomUUID(),
      viewer: null,
    }),
  });
}
