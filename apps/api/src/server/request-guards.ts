import { type DocumentNode, GraphQLError, getOperationAST, parse, visit } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import type { Context } from "../graphql/context.ts";

// Requests refused before they are executed: a NUL character in an argument, a body over the limit, a
// subscription asked for without an event stream.

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

export function useRefuseNulCharacters(): Plugin<Context> {
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
export function useRequestBodyLimit(limit: number): Plugin<Context> {
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
export function useSubscriptionsOnlyOverEventStreams(): Plugin<Context> {
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
