import { createHash, randomUUID } from "node:crypto";
import { brotliCompressSync, gzipSync, constants as zlibConstants } from "node:zlib";
import { useGraphQlJit } from "@envelop/graphql-jit";
import { EnvelopArmor } from "@escape.tech/graphql-armor";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { PothosValidationError } from "@pothos/core";
import { type DocumentNode, GraphQLError, getOperationAST, Kind, parse, visit } from "graphql";
import {
  createGraphQLError,
  createYoga,
  isAsyncIterable,
  type Plugin,
  type YogaServerInstance,
} from "graphql-yoga";
import { readCookie, resolveSession, SESSION_COOKIE } from "../auth/sessions.ts";
import { isProduction } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { StreamLimiter, type StreamLimits } from "../graphql/claim-streams.ts";
import type { Context, Viewer } from "../graphql/context.ts";
import { type ClaimEvents, createClaimEvents } from "../graphql/events.ts";
import { expectedFailure, schema } from "../graphql/schema/index.ts";
import type { Logger } from "../logger.ts";
import { graphiqlTabs } from "./graphiql-tabs.ts";
import { QUERY_LIMITS } from "./limits.ts";
import { useResponseSizeLimit } from "./response-size-limit.ts";

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
      // Its fields are built only when the level is on.
      if (!logger.isLevelEnabled("info")) return;
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
              const expected = expectedFailure(error);
              if (expected) return expected;
              // A variable the schema cannot accept (a scalar's parser refused it) is the client's to fix.
              if (!error.path && error.message.startsWith('Variable "$')) {
                return new GraphQLError(error.message, {
                  nodes: error.nodes,
                  extensions: { code: "BAD_USER_INPUT" },
                });
              }
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

/** Where a NUL character sits in a variable's value, as a path, or null when there is none. */
function nulPath(value: unknown, path: (string | number)[], depth = 0): (string | number)[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (depth > 32 || value === null || typeof value !== "object") return null;
  for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const found = nulPath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Where a NUL character sits in a string written in the document, or null. Yoga's parse cache hands the
 * same document object to every request with the same text, so each document is scanned once.
 */
const nulsInDocuments = new WeakMap<DocumentNode, string | null>();
function nulInDocument(document: DocumentNode): string | null {
  const known = nulsInDocuments.get(document);
  if (known !== undefined) return known;
  let where: string | null = null;
  visit(document, {
    StringValue(node) {
      if (where === null && node.value.includes("\u0000")) {
        where = `A string written in the query at line ${node.loc?.startToken.line ?? "?"}`;
      }
    },
  });
  nulsInDocuments.set(document, where);
  return where;
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL character in any string argument, written in the
 * document or sent as a variable, is refused before execution with the argument it is in.
 */
function nulRefusal(document: DocumentNode, variables: Record<string, unknown> | undefined) {
  let where = nulInDocument(document);
  for (const [name, value] of Object.entries(variables ?? {})) {
    if (where !== null) break;
    const path = nulPath(value, [name]);
    if (path) where = `The variable $${path.join(".")}`;
  }
  if (where === null) return null;
  return {
    errors: [
      new GraphQLError(
        `${where} contains a NUL character (U+0000), which cannot be stored or searched; remove it.`,
        { extensions: { code: "BAD_USER_INPUT" } },
      ),
    ],
  };
}

function useRefuseNulCharacters(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = nulRefusal(args.document, args.variableValues ?? undefined);
      if (refusal) setResultAndStopExecution(refusal);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = nulRefusal(args.document, args.variableValues ?? undefined);
      if (refusal) setResultAndStopExecution(refusal);
    },
  };
}

const CONTENT_LENGTH = /^\d+$/;

function requestBodyTooLarge() {
  return createGraphQLError("Request body too large", {
    extensions: { http: { status: 413 }, code: "REQUEST_ENTITY_TOO_LARGE" },
  });
}

/**
 * The request body limit, with Yoga's errors. Yoga's own check pipes every body through a TransformStream
 * and builds a second Request around it, a cost on every request. A body that declares its length is
 * refused or accepted on that length alone: Node's HTTP parser delivers exactly Content-Length bytes and
 * refuses a request that also sends Transfer-Encoding. Only a body without a length (chunked, or an
 * in-process Request) is counted as it streams.
 */
function useRequestBodyLimit(limit: number): Plugin<Context> {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const contentLength = request.headers.get("content-length");
      if (contentLength !== null) {
        if (!CONTENT_LENGTH.test(contentLength)) {
          throw createGraphQLError("Content-Length header is invalid.", {
            extensions: { http: { status: 400 }, code: "BAD_REQUEST" },
          });
        }
        if (Number(contentLength) > limit) throw requestBodyTooLarge();
        return;
      }
      if (!requestParser || !request.body) return;
      setRequestParser((unread) => {
        if (!unread.body) return requestParser(unread);
        let bytesRead = 0;
        // A native stream needs the native TransformStream (as in Yoga's own check, graphql-yoga#4583).
        const Transform = unread.body instanceof ReadableStream ? TransformStream : fetchAPI.TransformStream;
        const counted = unread.body.pipeThrough(
          new Transform<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              bytesRead += chunk.byteLength;
              if (bytesRead > limit) controller.error(requestBodyTooLarge());
              else controller.enqueue(chunk);
            },
          }),
        );
        return requestParser(
          new fetchAPI.Request(unread.url, {
            method: unread.method,
            headers: unread.headers,
            signal: unread.signal,
            body: counted,
            duplex: "half",
          } as RequestInit),
        );
      });
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

/** Yoga's log arguments as fields: an Error keeps its message, stack and cause. */
function logFields(args: unknown[]): Record<string, unknown> {
  const err = args.find((arg) => arg instanceof Error);
  const rest = args.filter((arg) => arg !== err).map((arg) => (typeof arg === "string" ? arg : String(arg)));
  return { ...(err ? { err } : {}), ...(rest.length ? { detail: rest.join(" ") } : {}) };
}

/**
 * The API's pages may not be framed, sniffed or leak their address, and GraphiQL may run only its own two
 * inline scripts (allowed by hash, computed from the page as rendered). GraphiQL is some 9 MB of HTML:
 * it goes out compressed, compressed once per page and encoding.
 */
function useSecurityHeaders(): Plugin<Context> {
  let page: { html: string; policy: string; encoded: Map<string, Buffer> } | undefined;
  return {
    async onResponse({ request, response, setResponse }) {
      const headers = response.headers;
      headers.set("x-content-type-options", "nosniff");
      headers.set("x-frame-options", "DENY");
      headers.set("referrer-policy", "no-referrer");
      if (!headers.get("content-type")?.startsWith("text/html") || response.status !== 200) {
        headers.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
        return;
      }
      const html = await response.text();
      if (page?.html !== html) page = { html, policy: graphiqlPolicy(html), encoded: new Map() };
      headers.set("content-security-policy", page.policy);
      headers.set("vary", "accept-encoding");
      headers.delete("content-length");
      const accepted = request.headers.get("accept-encoding") ?? "";
      const encoding = /\bbr\b/.test(accepted) ? "br" : /\bgzip\b/.test(accepted) ? "gzip" : null;
      if (!encoding) {
        setResponse(new Response(html, { status: response.status, headers }));
        return;
      }
      let body = page.encoded.get(encoding);
      if (!body) {
        body =
          encoding === "br"
            ? brotliCompressSync(html, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } })
            : gzipSync(html);
        page.encoded.set(encoding, body);
      }
      headers.set("content-encoding", encoding);
      setResponse(new Response(new Uint8Array(body), { status: response.status, headers }));
    },
  };
}

/** GraphiQL's policy: its inline scripts by hash; its editor's workers from blob: URLs; its styles inline. */
function graphiqlPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (match) =>
      `'sha256-${createHash("sha256")
        .update(match[1] ?? "")
        .digest("base64")}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(" ")}`,
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
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
    // Checked by useRequestBodyLimit (below), which streams only bodies without a Content-Length.
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
