import { createServer, type Server } from "node:http";
import type { PrismaClient } from "../db/prisma.ts";
import type { Logger } from "../logger.ts";
import type { Api } from "./yoga.ts";

/**
 * The HTTP front of the API: `/graphql` (and GraphiQL in a browser), `/healthz` (the process is alive) and
 * `/readyz` (the database answers).
 */
export function createHttpServer(api: Api, prisma: PrismaClient, logger: Logger): Server {
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
    return api(req, res);
  });
}
