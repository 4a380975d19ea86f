/**
 * PostGraphile 5, the peer the API is measured against (bench/peer.bench.ts), on the port given as the first
 * argument against DATABASE_URL; prints "ready" when it listens and stops on SIGTERM.
 *
 * Production settings as PostGraphile documents them: no GraphiQL (Ruru), no explain, no watch mode, the
 * schema built once at start-up. Its community plugins for what the API offers: connection filters (with
 * relation filters, for "claims made by sources on this side") and aggregates (grouped counts per source).
 * The pool holds as many connections as the API's (10).
 */
// First, before PostGraphile loads (see node22.ts).
import "./node22.ts";
import { createServer } from "node:http";
import { PgAggregatesPreset } from "@graphile/pg-aggregates";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";

const url = process.env.DATABASE_URL;
const port = Number(process.argv[2]);
if (!url || !port) throw new Error("DATABASE_URL and a port (first argument) are required");

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset, PgAggregatesPreset],
  // By default only columns leading an index may be filtered and sorted on; the API's filters use
  // columns inside partial indexes (the deletion mark, the best value), so every column is allowed.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ connectionString: url, schemas: ["public"], poolConfig: { max: 10 } })],
  schema: {
    // The API sorts missing values last in both directions.
    pgOrderByNullsLast: true,
    connectionFilterRelations: true,
  },
  grafserv: { graphqlPath: "/graphql", graphiql: false, watch: false, maxRequestLength: 100_000 },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server);
// Builds the schema before the first request, so no timed request pays for introspection.
await pgl.getSchema();
await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
process.stdout.write("ready\n");

process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => {
    void Promise.resolve(pgl.release()).finally(() => process.exit(0));
  });
});
