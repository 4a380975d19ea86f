import { createServer, type Server } from "node:http";
import type { PrismaClient } from "../db/prisma.ts";
import { readersYieldToRequests } from "../ingest/reader-pool.ts";
import type { Logger } from "../logger.ts";
import type { Api } from "./yoga.ts";

/**
 * The HTTP front of the API: `/graphql` (and GraphiQL in a browser), `/healthz` (the process is alive) and
 * `/readyz` (the database answers).
 */
export function createHttpServer(
  api: Api,
  prisma: PrismaClient,
  logger: Logger,
  options: { trustProxy?: boolean } = {},
): Server {
  readersYieldToRequests();
  return createServer(async (req, res) => {
    const url = req.url ?? "/";
    if (url === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
      return;
    }
    if (url === "/readyz") {
      try {
        await Promise.race([
          prisma.$queryRaw`select 1`,
          new Promise((_, reject) => setTimeout(() => reject(new Error("database timeout")), 2_000)),
        ]);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ready" }));
      } catch (error) {
        logger.warn({ err: error }, "readiness check failed");
        res
          .writeHead(503, { "content-type": "application/json" })
          .end(JSON.stringify({ status: "unavailable", reason: "database unreachable" }));
      }
      return;
    }
    if (url === "/") {
      res.writeHead(302, { location: "/graphql" }).end();
      return;
    }
    // What the socket saw is the truth unless a trusted proxy in front of us says otherwise: one named
    // by HEADCOUNT_TRUST_PROXY, or one on this machine (the dashboard's own /graphql proxy).
    const peer = req.socket.remoteAddress ?? "";
    req.headers["x-headcount-peer"] = peer;
    const loopback = peer === "::1" || peer.startsWith("127.") || peer.startsWith("::ffff:127.");
    if (!options.trustProxy && !loopback) {
      delete req.headers["x-forwarded-for"];
      delete req.headers["x-forwarded-proto"];
    }
    return api(req, res);
  });
}
