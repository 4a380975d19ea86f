import type { PrismaClient } from "../db/prisma.ts";
import type { ClaimEvents } from "./events.ts";

export interface Viewer {
  id: number;
  email: string;
  role: "viewer" | "editor" | "admin";
}

/** What every resolver may use. Built per request by the server. */
export interface Context {
  prisma: PrismaClient;
  requestId: string;
  /** Null for anonymous requests (and for every request until sign-in exists). */
  viewer: Viewer | null;
  /** Where claim changes are announced to live subscribers. */
  pubsub: ClaimEvents;
}

/** Editors and admins may change claims; everyone else reads. */
export function canEdit(viewer: Viewer | null): boolean {
  return viewer?.role === "editor" || viewer?.role === "admin";
}
