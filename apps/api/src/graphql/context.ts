import type { PrismaClient } from "../db/prisma.ts";

export interface Viewer {
  id: number;
  email: string;
  role: "viewer" | "editor" | "admin";
}

/** What every resolver may use. Built per request by the server. */
export interface Context {
  prisma: PrismaClient;
  requestId: string;
  viewer: Viewer | null;
}
