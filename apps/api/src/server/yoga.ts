import { randomUUID } from "node:crypto";
import { useGraphQlJit } from "@envelop/graphql-jit";
import { EnvelopArmor } from "@escape.tech/graphql-armor";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { PothosValidationError } from "@pothos/core";
import { type DocumentNode, GraphQLError, getOperationAST, Kind, parse } from "graphql";
import {
  createGraphQLError,
  createYoga,
  isAsyncIterable,
  type Plugin,
  type YogaServerInstance,
} from "graphql-yoga";
import { readCookie, resolveSession, SESSION_COOKIE } from "../auth/sessions.ts";
import type { Pool } from "../db/pool.ts";
import type { PrismaClient } from "../db/prisma.ts";
import type { Context, Viewer } from "../graphql/context.ts";
import { type ClaimEvents, createClaimEvents } from "../graphql/events.ts";
import { schema } from "../graphql/schema/index.ts";
import type { Logger } from "../logger.ts";
import { graphiqlTabs } from "./graphiql-tabs.ts";
import { QUERY_LIMITS } from "./limits.ts";

/** The header a client must send with requests a browser would make without a CORS preflight. */
export const CSRF_HEADER = "x-graphql-yoga-csrf";

export interface ApiOptions {
  prisma: PrismaClient;
  logger: Logger;
  /** Origins allowed to call the API with credentials (the dashboard). */
  allowedOrigins?: string[];
  /** Where claim changes are published; one per process (a new one when not given). */
  pubsub?: ClaimEvents;
  /** Who is asking; anonymous (null) until sign-in exists. */
  authenticate?: (request: Request) => Promise<Viewer | null>;
  /** Pool for ingestArticle's writes (ingest runs on node-postgres). */
  pool?: Pool;
  /** Production hides field suggestions; defaults to NODE_ENV === "production". */
  production?: boolean;
  /** Serves repeated anonymous reads from memory until the database notifies a change (read-cache.ts). */
  readCache?: Plugin<Context>;
  /** The dashboard's address, linked from GraphiQL as the way back (default: this origin's root). */
  dashboardUrl?: string;
}

/** GraphiQL as the package renders it, with a way back to the dashboard above it. */
function graphiqlWithWayBack(dashboardUrl: string): typeof renderGraphiQL {
  const href = dashboardUrl.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const bar = `<nav aria-label="Headcount" style="font:14px system-ui,sans-serif;padding:6px 12px;background:#1c2430"><a href="${href}" style="color:#fff">← Back to the Headcount dashboard</a></nav>`;
  return (opts) =>
    renderGraphiQL(opts)
      .replace('<body id="body" class="no-focus-outline">', `<body id="body" class="no-focus-outline">${bar}`)
      .replace('<div id="root"></div>', '<div id="root" style="height:calc(100vh - 32px)"></div>');
}

export type Api = YogaServerInstance<Record<string, never>, Context>;

const requestIds = new WeakMap<Request, string>();
const CLIENT_REQUEST_ID = /^[\w.:-]{1,100}$/;

/** The request's id: the client's `x-request-id` when it is a sane token, else a new UUID. */
function requestIdOf(request: Request): string {
  let id = requestIds.get(request);
  if (!id) {
    const sent = request.headers.get("x-request-id");
    id = sent && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
    requestIds.set(request, id);
  }
  return id;
}

/** Every response names its request id, so a report of any failure can be matched to the logs. */
function useRequestIdHeader(logger: Logger): Plugin<Context> {
  const started = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onResponse({ request, response }) {
      const requestId = requestIdOf(request);
      response.headers.set("x-request-id", requestId);
      // One structured line per request, carrying its id; bodies, variables and cookies are never logged.
      logger.info(
        {
          requestId,
          method: request.method,
          path: new URL(request.url).pathname,
          status: response.status,
          ms: Math.round(performance.now() - (started.get(request) ?? performance.now())),
        },
        "request",
      );
    },
  };
}

/**
 * Errors nobody planned for are replaced by an opaque one carrying the request id, and logged with it, so
 * an analyst can quote the id and an operator can find the cause. Typed failures (GraphQLErrors thrown on
 * purpose) pass through unchanged; Pothos' own input errors (a malformed cursor or global ID) get the
 * BAD_USER_INPUT code the rest of the API uses.
 */
/** Connection-level failures: the database is down, restarting, or not answering in time. */
function isDatabaseUnavailable(error: Error): boolean {
  // Prisma carries the driver's error (with PostgreSQL's SQLSTATE) in meta.driverAdapterError.
  const driver = (
    error as { meta?: { driverAdapterError?: { cause?: { code?: unknown; message?: unknown } } } }
  ).meta?.driverAdapterError?.cause;
  const text = `${error.name} ${error.message} ${(error as { code?: string }).code ?? ""} ${String((error as { cause?: unknown }).cause ?? "")} ${String(driver?.code ?? "")} ${String(driver?.message ?? "")}`;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Can't reach database|Connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)|\b57P0[123]\b|P1001|P1017|DatabaseNotReachable|ConnectionClosed|SocketTimeout/i.test(
    text,
  );
}

function useRequestIdOnUnexpectedErrors(logger: Logger): Plugin<Context> {
  return {
    onExecute({ args }) {
      const { requestId } = args.contextValue;
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || !result.errors?.length) return;
          setResult({
            ...result,
            errors: result.errors.map((error) => {
              const cause = error.originalError;
              if (cause instanceof PothosValidationError && !error.extensions.code) {
                return new GraphQLError(error.message, {
                  nodes: error.nodes,
                  path: error.path,
                  extensions: { ...error.extensions, code: "BAD_USER_INPUT" },
                });
              }
              if (!cause || cause instanceof GraphQLError) return error;
              if (isDatabaseUnavailable(cause)) {
                logger.warn({ requestId, path: error.path, reason: cause.message }, "database unavailable");
                return new GraphQLError("The database is unavailable right now; try again shortly.", {
                  nodes: error.nodes,
                  path: error.path,
                  extensions: { code: "DATABASE_UNAVAILABLE", requestId },
                });
              }
              logger.error({ err: cause, requestId, path: error.path }, "unexpected error in a resolver");
              return new GraphQLError("Unexpected error.", {
                nodes: error.nodes,
                path: error.path,
                extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
              });
            }),
          });
        },
      };
    },
  };
}

/**
 * A subscription holds its connection open; one asked for as plain JSON would hold it with no stream to
 * deliver to. Only clients that accept server-sent events may subscribe.
 */
function useSubscriptionsOnlyOverEventStreams(): Plugin<Context> {
  return {
    onParams({ params, request }) {
      if (!params.query || !/\bsubscription\b/.test(params.query)) return;
      let operation: ReturnType<typeof getOperationAST> = null;
      try {
        operation = getOperationAST(parse(params.query), params.operationName ?? undefined);
      } catch {
        return; // a syntax error is reported by the normal path
      }
      if (
        operation?.operation === "subscription" &&
        !request.headers.get("accept")?.includes("text/event-stream")
      ) {
        throw createGraphQLError(
          "Subscriptions are served as server-sent events: send `Accept: text/event-stream`.",
          {
            extensions: { http: { status: 406 }, code: "NOT_ACCEPTABLE" },
          },
        );
      }
    },
  };
}

/** A query whose only root fields are `claimSeries` (aliases and __typename aside). */
function asksForChartData(document: DocumentNode): boolean {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const [operation] = operations;
  if (operations.length !== 1 || !operation || operation.operation !== "query") return false;
  let found = false;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return false;
    if (selection.name.value === "claimSeries") found = true;
    else if (selection.name.value !== "__typename") return false;
  }
  return found;
}

/** The signed-in user from the session cookie, or null. */
export function sessionAuthenticator(prisma: PrismaClient) {
  return async (request: Request): Promise<Viewer | null> => {
    const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
    if (!token) return null;
    const viewer = await resolveSession(prisma, token);
    return viewer
      ? { id: viewer.id, email: viewer.email, role: viewer.role, sessionId: viewer.sessionId }
      : null;
  };
}

/** HTTPS directly, or through a proxy that says so. */
function isSecure(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

/**
 * The client's address for throttling: the first X-Forwarded-For hop when a proxy sets one (Headcount is
 * meant to sit behind one on the internet), else what the HTTP server saw (passed in x-headcount-peer).
 */
function clientIpOf(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-headcount-peer") || null;
}

/** The GraphQL server, with no port: tests call `api.fetch` in-process; `http.ts` serves it. */
export function createApi(options: ApiOptions): Api {
  const { prisma, logger } = options;
  const pubsub = options.pubsub ?? createClaimEvents();
  const authenticate = options.authenticate ?? sessionAuthenticator(prisma);
  const cookieJars = new WeakMap<Request, string[]>();
  const production = options.production ?? process.env.NODE_ENV === "production";
  const armor = new EnvelopArmor({
    maxDepth: { n: QUERY_LIMITS.depth, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: QUERY_LIMITS.aliases, exposeLimits: true },
    maxTokens: { n: QUERY_LIMITS.tokens, exposeLimits: true },
    maxDirectives: { n: QUERY_LIMITS.directives, exposeLimits: true },
    // Introspection is not exempt: it is public, and it has to fit within the same cost budget.
    costLimit: {
      maxCost: QUERY_LIMITS.cost,
      depthCostFactor: QUERY_LIMITS.costDepthFactor,
      ignoreIntrospection: false,
      exposeLimits: true,
    },
    blockFieldSuggestion: { enabled: production },
  });
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    batching: false,
    maxRequestBodySize: QUERY_LIMITS.requestBodyBytes,
    // GraphiQL from the npm package, so it works with no network; it opens with our example queries.
    graphiql: () => ({
      title: "Headcount GraphQL",
      defaultEditorToolsVisibility: true,
      defaultTabs: graphiqlTabs(),
      headers: JSON.stringify({ [CSRF_HEADER]: "1" }),
    }),
    renderGraphiQL: graphiqlWithWayBack(options.dashboardUrl ?? "/"),
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
    plugins: [
      ...armor.protect().plugins,
      // The chart's data runs as compiled JavaScript instead of graphql-js' interpreter: its tens of
      // thousands of points resolve about twice as fast (BENCHMARKS.md). Other operations keep graphql-js,
      // whose resolve info lets the Prisma plugin fold relations into fewer statements.
      useGraphQlJit({}, { enableIf: ({ document }) => asksForChartData(document) }),
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      useRequestIdOnUnexpectedErrors(logger),
      useRequestIdHeader(logger),
      useSubscriptionsOnlyOverEventStreams(),
      ...(options.readCache ? [options.readCache] : []),
      {
        // Cookies set by resolvers (sign-in, sign-out) go out with the response.
        onResponse({ request, response }) {
          for (const cookie of cookieJars.get(request) ?? []) response.headers.append("set-cookie", cookie);
        },
      },
    ],
    context: async ({ request }) => {
      const jar: string[] = [];
      cookieJars.set(request, jar);
      return {
        prisma,
        requestId: requestIdOf(request),
        viewer: await authenticate(request).catch((error: unknown) => {
          // The session is looked up before any resolver runs: a database that is down is said so here.
          if (error instanceof Error && isDatabaseUnavailable(error)) {
            const requestId = requestIdOf(request);
            logger.warn({ requestId, reason: error.message }, "database unavailable");
            throw createGraphQLError("The database is unavailable right now; try again shortly.", {
              extensions: { code: "DATABASE_UNAVAILABLE", requestId, http: { status: 503 } },
            });
          }
          throw error;
        }),
        pubsub,
        cookies: { set: (cookie: string) => jar.push(cookie) },
        ...(options.pool ? { pool: options.pool } : {}),
        secure: isSecure(request),
        clientIp: clientIpOf(request),
      };
    },
  });
}
