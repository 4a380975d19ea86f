import type { Pool } from "../db/pool.ts";
import type { PrismaClient } from "../db/prisma.ts";
import type { StreamLimiter } from "./claim-streams.ts";
import type { ClaimEvents } from "./events.ts";

export interface Viewer {
  id: number;
  email: string;
  role: "viewer" | "editor" | "admin";
  /** The session the request came with, when it came with one. */
  sessionId?: number;
}

/** Cookies a resolver wants set on the response (sign-in, sign-out). */
export interface ResponseCookies {
  set(cookie: string): void;
}

/** What every resolver may use. Built per request by the server. */
export interface Context {
  prisma: PrismaClient;
  requestId: string;
  /** Null for anonymous requests (and for every request until sign-in exists). */
  viewer: Viewer | null;
  /** Where claim changes are announced to live subscribers. */
  pubsub: ClaimEvents;
  /** Counts this API's open subscriptions against their limits. */
  streams?: StreamLimiter;
  /** Set-Cookie values for the response. */
  cookies: ResponseCookies;
  /** Whether the request reached us over HTTPS (directly or through a proxy), for the cookie's Secure flag. */
  secure: boolean;
  /** node-postgres pool for ingest's set-based writes; absent where ingest is not served. */
  pool?: Pool;
  /** The client's address, for sign-in throttling. */
  clientIp: string | null;
}

/** Editors and admins may change claims; everyone else reads. */
export function canEdit(viewer: Viewer | null): boolean {
  return viewer?.role === "editor" || viewer?.role === "admin";
}
