import { randomUUID } from "node:crypto";
import { PothosValidationError } from "@pothos/core";
import { GraphQLError } from "graphql";
import { isAsyncIterable, type Plugin } from "graphql-yoga";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import type { Context } from "../graphql/context.ts";
import { expectedFailure } from "../graphql/schema/index.ts";
import type { Logger } from "../logger.ts";

const requestIds = new WeakMap<Request, string>();
const CLIENT_REQUEST_ID = /^[\w.:-]{1,100}$/;

/** The request's id: the client's `x-request-id` when it is a sane token, else a new UUID. */
export function requestIdOf(request: Request): string {
  let id = requestIds.get(request);
  if (!id) {
    const sent = request.headers.get("x-request-id");
    id = sent && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
    requestIds.set(request, id);
  }
  return id;
}

/** Every response names its request id, so a report of any failure can be matched to the logs. */
export function useRequestIdHeader(logger: Logger): Plugin<Context> {
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
export function useRequestIdOnUnexpectedErrors(logger: Logger): Plugin<Context> {
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
