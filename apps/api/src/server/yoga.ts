import { useGraphQlJit } from "@envelop/graphql-jit";
import { EnvelopArmor } from "@escape.tech/graphql-armor";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { type DocumentNode, Kind } from "graphql";
import { createGraphQLError, createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";
import { readCookie, resolveSession, SESSION_COOKIE } from "../auth/sessions.ts";
import { isProduction } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { StreamLimiter, type StreamLimits } from "../graphql/claim-streams.ts";
import type { Context, Viewer } from "../graphql/context.ts";
import { type ClaimEvents, createClaimEvents } from "../graphql/events.ts";
import { schema } from "../graphql/schema/index.ts";
import type { Logger } from "../logger.ts";
import { graphiqlTabs } from "./graphiql-tabs.ts";
import { QUERY_LIMITS } from "./limits.ts";
import {
  useRefuseNulCharacters,
  useRequestBodyLimit,
  useSubscriptionsOnlyOverEventStreams,
} from "./request-guards.ts";
import { requestIdOf, useRequestIdHeader, useRequestIdOnUnexpectedErrors } from "./request-ids.ts";
import { useResponseSizeLimit } from "./response-size-limit.ts";
import { useSecurityHeaders } from "./security-headers.ts";

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
  /** Production hides field suggestions; on unless NODE_ENV is development or test. */
  production?: boolean;
  /** Serves repeated anonymous reads from memory until the database notifies a change (read-cache.ts). */
  readCache?: Plugin<Context>;
  /** The dashboard's address, linked from GraphiQL as the way back (default: this origin's root). */
  dashboardUrl?: string;
  /** The largest answer sent, in bytes of JSON (default QUERY_LIMITS.responseBytes). */
  maxResponseBytes?: number;
  /** Open subscriptions allowed per client and in all (default DEFAULT_STREAM_LIMITS). */
  streamLimits?: StreamLimits;
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

/** Yoga's log arguments as fields: an Error keeps its message, stack and cause. */
function logFields(args: unknown[]): Record<string, unknown> {
  const err = args.find((arg) => arg instanceof Error);
  const rest = args.filter((arg) => arg !== err).map((arg) => (typeof arg === "string" ? arg : String(arg)));
  return { ...(err ? { err } : {}), ...(rest.length ? { detail: rest.join(" ") } : {}) };
}

/** The GraphQL server, with no port: tests call `api.fetch` in-process; `http.ts` serves it. */
export function createApi(options: ApiOptions): Api {
  const { prisma, logger } = options;
  const pubsub = options.pubsub ?? createClaimEvents();
  const authenticate = options.authenticate ?? sessionAuthenticator(prisma);
  const cookieJars = new WeakMap<Request, string[]>();
  const production = options.production ?? isProduction();
  const streams = new StreamLimiter(options.streamLimits);
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const armor = new EnvelopArmor({
    // Depth counts fields: a fragment spread or inline fragment adds no level (the dashboard's documents
    // compose fragments several levels deep around the same fields).
    maxDepth: {
      n: QUERY_LIMITS.depth,
      ignoreIntrospection: true,
      exposeLimits: true,
      flattenFragments: true,
    },
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
    // Checked by useRequestBodyLimit (request-guards.ts), which streams only bodies without a Content-Length.
    maxRequestBodySize: false,
    // GraphiQL from the npm package, so it works with no network; it opens with our example queries.
    graphiql: () => ({
      title: "Headcount GraphQL",
      defaultEditorToolsVisibility: true,
      defaultTabs: graphiqlTabs(),
      headers: JSON.stringify({ [CSRF_HEADER]: "1" }),
    }),
    renderGraphiQL: graphiqlWithWayBack(options.dashboardUrl ?? "/"),
    // Only the configured origins (the dashboard) may call with credentials; any other origin, `null`
    // included, gets no Access-Control-Allow-Origin at all.
    cors: (request) => {
      const origin = request.headers.get("origin");
      return origin && allowedOrigins.has(origin)
        ? { origin: [origin], credentials: true, methods: ["GET", "POST"] }
        : false;
    },
    // Yoga's own messages, with any error among them logged with its cause and stack.
    logging: {
      // Yoga logs at debug level several times a request: the fields are built only when that level is on.
      debug: (...args) => {
        if (logger.isLevelEnabled("debug")) logger.debug(logFields(args), "graphql-yoga");
      },
      info: (...args) => logger.info(logFields(args), "graphql-yoga"),
      warn: (...args) => logger.warn(logFields(args), "graphql-yoga"),
      error: (...args) => logger.error(logFields(args), "graphql-yoga"),
    },
    maskedErrors: true,
    plugins: [
      ...armor.protect().plugins,
      // The chart's data runs as compiled JavaScript instead of graphql-js' interpreter: its tens of
      // thousands of points resolve about twice as fast (BENCHMARKS.md). Other operations keep graphql-js,
      // whose resolve info lets the Prisma plugin fold relations into fewer statements.
      useGraphQlJit({}, { enableIf: ({ document }) => asksForChartData(document) }),
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      useRefuseNulCharacters(),
      useRequestBodyLimit(QUERY_LIMITS.requestBodyBytes),
      useRequestIdOnUnexpectedErrors(logger),
      useRequestIdHeader(logger),
      useSecurityHeaders(),
      useSubscriptionsOnlyOverEventStreams(),
      useResponseSizeLimit(options.maxResponseBytes ?? QUERY_LIMITS.responseBytes),
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
      const requestId = requestIdOf(request);
      let viewer: Viewer | null;
      try {
        viewer = await authenticate(request);
      } catch (error) {
        // Outside any resolver: logged here with its cause and the request id, answered opaquely.
        if (error instanceof Error && isDatabaseUnavailable(error)) {
          logger.warn({ requestId, reason: error.message }, "database unavailable");
          throw createGraphQLError("The database is unavailable right now; try again shortly.", {
            extensions: { code: "DATABASE_UNAVAILABLE", requestId, http: { status: 503 } },
          });
        }
        logger.error({ err: error, requestId }, "unexpected error while reading the session");
        throw createGraphQLError("Unexpected error.", {
          extensions: { code: "INTERNAL_SERVER_ERROR", requestId, http: { status: 500 } },
        });
      }
      return {
        prisma,
        requestId,
        viewer,
        pubsub,
        streams,
        cookies: { set: (cookie: string) => jar.push(cookie) },
        ...(options.pool ? { pool: options.pool } : {}),
        secure: isSecure(request),
        clientIp: clientIpOf(request),
      };
    },
  });
}
