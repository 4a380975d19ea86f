import { randomBytes } from "node:crypto";

/** This process's placeholder prefix (see stringifyResult); a counter makes each call's own. */
const PROCESS_TOKEN = randomBytes(12).toString("base64url");
let calls = 0;

import type { ExecutionResult } from "graphql";

/**
 * JSON text that goes into a response as it is, without being parsed and serialised again: the chart's
 * points, which PostgreSQL writes in the shape of the request's selection (tens of thousands of objects
 * that graphql-js would otherwise complete field by field and JSON.stringify would walk again), and
 * node(id) of an entity or a claim (sql/raw-node.ts).
 *
 * A list field cannot resolve to text: graphql-js and graphql-jit complete a list item by item into a new
 * array. So a resolver that has the list's text defers it (`deferRawJson`): it records the text under the
 * field's response path and resolves to an empty list; after execution `placeRawJson` puts a `RawJson`
 * at each recorded path of the result, and `stringifyResult` writes the text there. Only executions that
 * will be serialised by `stringifyResult` may defer (`allowRawJson`, set by the response size limit
 * before execution); anywhere else the resolver returns the list itself.
 */
export class RawJson {
  constructor(readonly text: string) {}

  /** Inside `stringifyResult`: a placeholder for the text; any other serialiser gets the parsed value. */
  toJSON(): unknown {
    if (splicing) {
      splicing.texts.push(this.text);
      return `${splicing.marker}${splicing.texts.length - 1}`;
    }
    return JSON.parse(this.text);
  }
}

type Stand = "list" | "null" | "object";

interface Deferred {
  path: (string | number)[];
  text: string;
  /**
   * What the resolver's value became in its place: an empty list, null (a nullable object field), or an
   * object (a connection completed from an empty page).
   */
  stand: Stand;
}

/** The texts deferred by each execution, keyed by its context object. */
const deferrals = new WeakMap<object, Deferred[]>();

/** Lets this execution's resolvers defer list values as JSON text (see `stringifyResult`). */
export function allowRawJson(context: object): void {
  if (!deferrals.has(context)) deferrals.set(context, []);
}

/** True when this execution's result will be serialised by `stringifyResult`. */
export function rawJsonAllowed(context: object): boolean {
  return deferrals.has(context);
}

interface ResponsePath {
  prev: ResponsePath | undefined;
  key: string | number;
}

/**
 * Records `text` as the value of the field at `path`; the resolver then returns an empty list, null for a
 * nullable object field (`stand: "null"`), or an empty page for a connection (`stand: "object"`).
 */
export function deferRawJson(context: object, path: ResponsePath, text: string, stand: Stand = "list"): void {
  const list = deferrals.get(context);
  if (!list) throw new Error("deferRawJson outside an execution that allows it");
  const keys: (string | number)[] = [];
  for (let at: ResponsePath | undefined = path; at; at = at.prev) keys.push(at.key);
  list.push({ path: keys.reverse(), text, stand });
}

/**
 * Puts each deferred text of this execution in its place in `result.data`, as a `RawJson`. A path that
 * no longer leads to what the resolver returned (null-propagation after an error) is skipped.
 * Returns whether any was placed.
 */
export function placeRawJson(context: object, result: ExecutionResult): boolean {
  const list = deferrals.get(context);
  if (list === undefined || list.length === 0 || !result.data) return false;
  let placed = false;
  for (const { path, text, stand } of list) {
    let parent: unknown = result.data;
    for (let i = 0; i < path.length - 1 && parent !== null && typeof parent === "object"; i++) {
      parent = (parent as Record<string | number, unknown>)[path[i] as string | number];
    }
    const key = path[path.length - 1] as string | number;
    if (parent === null || typeof parent !== "object") continue;
    const current = (parent as Record<string | number, unknown>)[key];
    const standing =
      stand === "null"
        ? current === null
        : stand === "object"
          ? current !== null && typeof current === "object" && !Array.isArray(current)
          : Array.isArray(current) && current.length === 0;
    if (!standing) continue;
    (parent as Record<string | number, unknown>)[key] = new RawJson(text);
    placed = true;
  }
  list.length = 0;
  return placed;
}

let splicing: { marker: string; texts: string[] } | null = null;

/**
 * JSON.stringify, with each `RawJson` written as its text. The texts are written as placeholder strings
 * first (a NUL character and a random token: no string of the answer can hold a NUL, the database
 * refuses it and so does the API in documents and variables) and then swapped for the texts. For a value
 * with no RawJson (placeRawJson placed none) JSON.stringify alone does the same.
 */
export function stringifyResult(value: unknown): string {
  const marker = `\u0000${PROCESS_TOKEN}.${calls++}:`;
  splicing = { marker, texts: [] };
  let text: string;
  let texts: string[];
  try {
    text = JSON.stringify(value);
    texts = splicing.texts;
  } finally {
    splicing = null;
  }
  if (texts.length === 0) return text;
  // The placeholders as JSON.stringify wrote them: a quoted string whose NUL is escaped.
  const quoted = JSON.stringify(marker).slice(0, -1);
  const parts = text.split(quoted);
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as string;
    const end = part.indexOf('"');
    out += texts[Number(part.slice(0, end))] + part.slice(end + 1);
  }
  return out;
}
