/**
 * The query plans behind docs/performance.md: runs the dashboard's operations in-process against a
 * `npm run bench:data` corpus, records every SQL statement Prisma sends (with its parameters), and prints
 * `EXPLAIN (ANALYZE, BUFFERS)` of each statement slower than --min-ms (default 2 ms).
 *
 *   npx tsx bench/explain.ts [--data-dir /tmp/hc-bench-1m] [--port 54339] [--only claims,series]
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../apps/api/src/generated/prisma/client.ts";
import { createLogger } from "../apps/api/src/logger.ts";
import { createApi } from "../apps/api/src/server/yoga.ts";
import { CSRF_HEADER, corpusFlags, globalId, openBenchDatabase, parseFlags } from "./lib.ts";
import {
  ARTICLE_QUERY,
  CLAIM_LIST_QUERY,
  CLAIM_QUERY,
  DEFAULT_STATUSES,
  ENTITIES_QUERY,
  FACETS_QUERY,
  OVERVIEW_QUERY,
  SERIES_QUERY,
} from "./queries.ts";

const flags = parseFlags(process.argv.slice(2));
const minMs = Number(flags.get("min-ms") ?? 2);
const only = flags.get("only")?.split(",");
const corpus = corpusFlags(flags);
const db = await openBenchDatabase(corpus.dataDir, corpus.port);
const prisma = new PrismaClient({
  adapter: new PrismaPg({ connectionString: db.url, max: 2 }),
  log: [{ emit: "event", level: "query" }],
});
const statements: { sql: string; params: unknown[]; ms: number }[] = [];
prisma.$on("query", (event) =>
  statements.push({ sql: event.query, params: JSON.parse(event.params) as unknown[], ms: event.duration }),
);
const api = createApi({ prisma, logger: createLogger("warn"), production: true });
const pool = new pg.Pool({ connectionString: db.url, max: 1 });
const { rows } = await pool.query(`select id from "Entity" where name = 'Russia' and type = 'place' limit 1`);
const russia = globalId("Entity", rows[0].id as number);

const operations: Record<string, [string, Record<string, unknown>]> = {
  series: [
    SERIES_QUERY,
    { filter: { metric: ["KILLED"], reviewStatus: DEFAULT_STATUSES }, groupBy: "SOURCE" },
  ],
  overview: [
    SERIES_QUERY,
    {
      filter: { metric: ["KILLED"], reviewStatus: DEFAULT_STATUSES, statedFrom: "2025-12-01" },
      groupBy: "SOURCE",
    },
  ],
  // The overview page as it loads by default: the newest 10,000 of every live claim, and the form's choices.
  window: [
    OVERVIEW_QUERY,
    { filter: { reviewStatus: DEFAULT_STATUSES }, groupBy: "SOURCE", maxPoints: 10_000 },
  ],
  facets: [FACETS_QUERY, {}],
  claims: [
    CLAIM_LIST_QUERY,
    {
      filter: { metric: ["KILLED"], sourceAffiliation: russia, reviewStatus: DEFAULT_STATUSES },
      orderBy: "VALUE",
      direction: "DESC",
      first: 50,
    },
  ],
  claim: [CLAIM_QUERY, { id: globalId("Claim", 123_456) }],
  article: [ARTICLE_QUERY, { id: globalId("Article", 12_345) }],
  entities: [ENTITIES_QUERY, { first: 50 }],
};
try {
  for (const [name, [query, variables]] of Object.entries(operations)) {
    if (only && !only.includes(name)) continue;
    const request = () =>
      api.fetch("http://bench/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
        body: JSON.stringify({ query, variables }),
      });
    await (await request()).text(); // warm
    statements.length = 0;
    const started = performance.now();
    const text = await (await request()).text();
    if (text.includes('"errors"')) throw new Error(`${name}: ${text.slice(0, 300)}`);
    console.log(
      `\n## ${name}: ${(performance.now() - started).toFixed(1)} ms in-process, ${statements.length} statement(s), ${text.length.toLocaleString("en-US")} bytes\n`,
    );
    for (const statement of [...statements]) {
      console.log(`- ${statement.ms} ms: ${statement.sql.replace(/\s+/g, " ").slice(0, 160)}…`);
      if (statement.ms < minMs) continue;
      const plan = await pool.query(`explain (analyze, buffers) ${statement.sql}`, statement.params);
      console.log(`\n\`\`\`\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}\n\`\`\`\n`);
    }
  }
} finally {
  await pool.end();
  await prisma.$disconnect();
  await db.stop();
}
