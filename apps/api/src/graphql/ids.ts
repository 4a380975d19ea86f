import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { GraphQLError } from "graphql";

/** A decoded global ID as the relay plugin passes it to resolvers. */
export interface DecodedGlobalId {
  typename: string;
  id: string;
}

/** Database ids are PostgreSQL `integer`s: 1 to 2,147,483,647. */
export const MAX_DATABASE_ID = 2_147_483_647;

/** True when the text is a database id as written in a global ID: digits, no sign, no leading zero, in range. */
export function isDatabaseIdText(text: string): boolean {
  return /^[1-9]\d{0,9}$/.test(text) && Number(text) <= MAX_DATABASE_ID;
}

/** The database id behind a global ID of the given type; a wrong type or a malformed ID is the client's error. */
export function databaseId(
  globalId: DecodedGlobalId | null | undefined,
  typename: string,
  argument: string,
): number | null {
  if (globalId === null || globalId === undefined) return null;
  if (globalId.typename !== typename || !isDatabaseIdText(globalId.id)) {
    throw new GraphQLError(`\`${argument}\` must be the ID of a ${typename}.`, {
      extensions: { code: "BAD_USER_INPUT", argument },
    });
  }
  return Number(globalId.id);
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 (with padding) of text whose characters are all ASCII. */
function base64OfAscii(text: string): string {
  let out = "";
  let i = 0;
  for (; i + 2 < text.length; i += 3) {
    const n = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8) | text.charCodeAt(i + 2);
    out +=
      BASE64.charAt(n >> 18) +
      BASE64.charAt((n >> 12) & 63) +
      BASE64.charAt((n >> 6) & 63) +
      BASE64.charAt(n & 63);
  }
  const left = text.length - i;
  if (left === 1) {
    const n = text.charCodeAt(i) << 16;
    out += `${BASE64.charAt(n >> 18)}${BASE64.charAt((n >> 12) & 63)}==`;
  } else if (left === 2) {
    const n = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8);
    out += `${BASE64.charAt(n >> 18)}${BASE64.charAt((n >> 12) & 63)}${BASE64.charAt((n >> 6) & 63)}=`;
  }
  return out;
}

/**
 * Per type name: its `Type:` prefix's whole base64 groups, and the one or two characters left over; null
 * for a name that is not plain ASCII (encoded the plugin's way).
 */
const prefixes = new Map<string, { encoded: string; rest: string } | null>();
const ASCII_NAME = /^[A-Za-z_]\w*$/;

/**
 * The relay plugin's global ID (`base64("Type:id")`, the same text) for a database id, without a Buffer
 * per call: the chart's data encodes one for each of tens of thousands of points, and a page one for each
 * object. The prefix's whole groups are encoded once per type; only the rest and the digits per call.
 */
export function encodeDatabaseGlobalId(typename: string, id: number | string | bigint): string {
  let prefix = prefixes.get(typename);
  if (prefix === undefined) {
    const text = `${typename}:`;
    const whole = text.length - (text.length % 3);
    prefix = ASCII_NAME.test(typename)
      ? { encoded: base64OfAscii(text.slice(0, whole)), rest: text.slice(whole) }
      : null;
    prefixes.set(typename, prefix);
  }
  if (prefix === null || typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) {
    return encodeGlobalID(typename, id);
  }
  return prefix.encoded + base64OfAscii(prefix.rest + id);
}

/** The global ID of an object that is not fetched through node(id) (an appearance, a user, a feed, …). */
export function globalIdOf(typename: string, id: number): string {
  return encodeDatabaseGlobalId(typename, id);
}

/**
 * The database id behind such a global ID when it names one of the given types, else null: the caller
 * says how the client got it wrong.
 */
export function databaseIdOf(globalId: string, typenames: readonly string[]): number | null {
  let decoded: DecodedGlobalId;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    return null;
  }
  return typenames.includes(decoded.typename) && isDatabaseIdText(decoded.id) ? Number(decoded.id) : null;
}
