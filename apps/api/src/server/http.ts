import { timingSafeEqual } from "node:crypto";
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
  options: {
    /** Believe X-Forwarded-For / -Proto from any peer: only behind a reverse proxy that sets them. */
    trustProxy?: boolean;
    /** Believe them from a request carrying this secret in `x-headcount-proxy` (the dashboard's proxy). */
    proxySecret?: string;
  } = {},
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
    // What the socket saw is the truth unless a proxy we were told to trust says otherwise: the operator's
    // reverse proxy (HEADCOUNT_TRUST_PROXY), or the dashboard's /graphql proxy, which proves itself with the
    // secret it was started with. Being on this machine proves nothing.
    req.headers["x-headcount-peer"] = req.socket.remoteAddress ?? "";
    const trusted = options.trustProxy || provesSecret(req.headers["x-headcount-proxy"], options.proxySecret);
    delete req.headers["x-headcount-proxy"];
    if (!trusted) {
      delete req.headers["x-forwarded-for"];
      delete req.headers["x-forwarded-proto"];
    } else if (req.headers["x-forwarded-for"]) {
      // A proxy appends the address it saw to what the client sent ("spoofed, real"; repeated headers
      // arrive joined): only the last hop is the trusted proxy's word.
      const hops = String(req.headers["x-forwarded-for"]).split(",");
      req.headers["x-forwarded-for"] = hops.at(-1)?.trim() ?? "";
    }
    return api(req, res);
  });
}

function provesSecret(sent: string | string[] | undefined, secret: string | undefined): boolean {
  if (!secret || typeof sent !== "string") return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
