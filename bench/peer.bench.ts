/**
 * The API against a real peer: PostGraphile 5 (bench/peer-serve.ts) on the same `npm run bench:data`
 * database, each in its own process, asked the same four questions:
 *
 *   1. the claims page: the first 50 claims of one metric made by sources on one side, live and not
 *      rejected, by best value, with totalCount, source and its side, place, and evidence (quote, article,
 *      outlet);
 *   2. a claim by id with its evidence (appearances with their articles, outlets and relay chains);
 *   3. an entity with its 20 newest live claims and how many it made;
 *   4. a per-source aggregate over one metric: how many live claims each source made (the API's
 *      claimFacets; PostGraphile's groupedAggregates from @graphile/pg-aggregates).
 *
 *   npx tsx bench/peer.bench.ts [--data-dir /tmp/hc-bench-1m] [--port 54339] [--requests 50]
 *                               [--warmup 5] [--duration 20] [--rounds 3] [--connections 10]
 *
 * Every argument set is asked of both servers and the answers checked equal before anything is timed.
 * Latency: per question, requests alternate between the servers (which goes first alternates too).
 * Statements: pg_stat_statements on the bench database, reset before one request and read after it (the
 * server is restarted once with the library preloaded, which is reset again at the end): how many, and
 * how long PostgreSQL planned and ran them beside the request's wall time. Throughput: the
 * same autocannon mix of the four questions against each server in turn, the order alternating by round.
 * The API runs without its read cache: PostGraphile has none, and the comparison is of computing answers.
 * Prints one JSON object (bench/run.ts reads it).
 */
import os from "node:os";
import { isDeepStrictEqual } from "node:util";
import type autocannon from "autocannon";
import pg from "pg";
import type { EmbeddedDatabase } from "../apps/api/src/db/embedded.ts";
import {
  type ApiProcess,
  globalId,
  graphql,
  loadTest,
  median,
  openBenchDatabase,
  quantile,
  requestBenchFlags,
  startApiProcess,
  startPeerProcess,
} from "./lib.ts";
import { type Json, normalize } from "./peer-normalize.ts";
import { HEADCOUNT } from "./peer-questions.ts";
import { DEFAULT_STATUSES } from "./queries.ts";

const { flags, dataDir, port, requests, warmup } = requestBenchFlags(process.argv.slice(2));
const duration = Number(flags.get("duration") ?? 20);
const rounds = Number(flags.get("rounds") ?? 3);
const connections = Number(flags.get("connections") ?? 10);
/** How many argument sets each question cycles through (all checked equal on both servers). */
const VARIANTS = 8;
/** Requests per question and server whose statements are counted and timed inside PostgreSQL. */
const STATEMENT_SAMPLES = 8;
/** Medians over the sampled requests: PostgreSQL's time (planning and execution) and the wall time. */
interface SideDatabase {
  sqlMs: number;
  wallMs: number;
}

// The documents -------------------------------------------------------------------------------------

const PEER = {
  claims: /* GraphQL */ `
    query PeerClaims($metric: Metric!, $side: Int!, $statuses: [ReviewStatus!]) {
      allClaims(
        first: 50
        orderBy: [VALUE_BEST_DESC, VALUE_HIGH_DESC, ROW_ID_DESC]
        filter: {
          metric: { equalTo: $metric }
          reviewStatus: { in: $statuses }
          deletedAt: { isNull: true }
          entityBySourceId: { affiliationId: { equalTo: $side } }
        }
      ) {
        totalCount
        pageInfo { hasNextPage }
        edges {
          node {
            rowId metric subject qualifier hedge rate valueLow valueHigh valueBest statedOn statedOnPrecision
            reviewStatus confidence updatedAt
            entityBySourceId { rowId name entityByAffiliationId { rowId name } }
            entityByLocationId { rowId name }
            appearancesByClaimId(orderBy: ROW_ID_ASC) {
              nodes { quote articleByArticleId { rowId title url publishedAt entityByOutletId { rowId name } } }
            }
          }
        }
      }
    }`,
  claim: /* GraphQL */ `
    query PeerClaim($id: Int!) {
      claimByRowId(rowId: $id) {
        rowId metric subject qualifier hedge rate additional valueLow valueHigh valueBest statedOn
        statedOnPrecision refersFrom refersTo reviewStatus origin confidence version createdAt updatedAt
        entityBySourceId { rowId name entityByAffiliationId { rowId name } }
        entityBySubjectEntityId { rowId name }
        entityByLocationId { rowId name }
        appearancesByClaimId(orderBy: ROW_ID_ASC) {
          nodes {
            start end quote
            articleByArticleId { rowId title url publishedAt entityByOutletId { rowId name } }
            appearanceViasByAppearanceId(orderBy: POSITION_ASC) {
              nodes { position entityByEntityId { rowId name } }
            }
          }
        }
      }
    }`,
  entity: /* GraphQL */ `
    query PeerEntity($id: Int!) {
      entityByRowId(rowId: $id) {
        rowId name type role
        entityByAffiliationId { rowId name }
        claimsBySourceId(
          first: 20
          orderBy: [STATED_ON_DESC, ROW_ID_DESC]
          filter: { deletedAt: { isNull: true } }
        ) {
          totalCount
          edges { node { rowId metric qualifier valueLow valueHigh valueBest statedOn reviewStatus } }
        }
      }
    }`,
  aggregate: /* GraphQL */ `
    query PeerAggregate($metric: Metric!) {
      allClaims(
        filter: {
          metric: { equalTo: $metric }
          deletedAt: { isNull: true }
          reviewStatus: { notEqualTo: rejected }
          sourceId: { isNull: false }
        }
      ) {
        groupedAggregates(groupBy: [SOURCE_ID]) { keys distinctCount { rowId } }
      }
    }`,
};

// Timing --------------------------------------------------------------------------------------------

interface Timing {
  p50: number;
  p95: number;
}
const round = (value: number) => Math.round(value * 100) / 100;
const timing = (values: number[]): Timing => ({
  p50: round(median(values)),
  p95: round(quantile(values, 0.95)),
});
async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

type QuestionName = keyof typeof HEADCOUNT;
type Body = { query: string; variables: Record<string, unknown> };
interface Question {
  name: QuestionName;
  headcount: (variant: number) => Body;
  peer: (variant: number) => Body;
}

// The run ---------------------------------------------------------------------------------------------

/**
 * The benchmark database with pg_stat_statements loaded: a server started without it is restarted once
 * with the library preloaded (ALTER SYSTEM), and the setting is reset when the benchmark ends.
 */
async function openWithStatementStats(): Promise<EmbeddedDatabase> {
  let db = await openBenchDatabase(dataDir, port);
  const loaded = async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(`select current_setting('shared_preload_libraries') as libraries`);
      if (String(rows[0].libraries).includes("pg_stat_statements")) {
        // Planning time too, so a statement planned on every request shows it.
        await client.query(`alter system set pg_stat_statements.track_planning = on`);
        await client.query(`select pg_reload_conf()`);
        return true;
      }
      await client.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
      return false;
    } finally {
      await client.end();
    }
  };
  if (!(await loaded())) {
    if (db.reused)
      throw new Error(
        `the benchmark database on port ${port} was started by another process; stop it so this benchmark can restart it with pg_stat_statements`,
      );
    await db.stop();
    db = await openBenchDatabase(dataDir, port);
    if (!(await loaded())) throw new Error("pg_stat_statements did not load after a restart");
  }
  return db;
}

const loadAtStart = os.loadavg();
const db = await openWithStatementStats();
const stats = new pg.Client({ connectionString: db.url });
await stats.connect();
// Its own schema, so neither server's schema (PostGraphile reads `public`) sees the statistics view.
await stats.query(`create schema if not exists bench_stats`);
await stats.query(`create extension if not exists pg_stat_statements schema bench_stats`);
const servers: ApiProcess[] = [];
try {
  const headcount = await startApiProcess(db.url, { readCache: false });
  servers.push(headcount);
  const peer = await startPeerProcess(db.url);
  servers.push(peer);

  const { rows } = await stats.query(`
    select (select count(*)::int from "Claim") as claims,
      (select array_agg(id) from (
         select s."affiliationId" as id from "Claim" c join "Entity" s on s.id = c."sourceId"
         where s."affiliationId" is not null group by 1 order by count(*) desc, 1 limit 2) t) as sides,
      (select array_agg(id) from (
         select c.id from "Claim" c where c."deletedAt" is null
           and exists (select 1 from "Appearance" ap where ap."claimId" = c.id)
         order by md5(c.id::text) limit ${VARIANTS}) t) as claims_picked,
      (select array_agg(id) from (
         select "sourceId" as id from "Claim" where "sourceId" is not null
         group by 1 order by md5("sourceId"::text) limit ${VARIANTS}) t) as sources`);
  const picked = rows[0] as { claims: number; sides: number[]; claims_picked: number[]; sources: number[] };
  const METRICS = ["killed", "wounded", "captured", "deployed"];
  const at = <T>(items: T[], i: number) => items[i % items.length] as T;
  const metricAt = (i: number) => at(METRICS, i);
  const sideAt = (i: number) => at(picked.sides, Math.floor(i / METRICS.length));
  const statuses = DEFAULT_STATUSES;

  const questions: Question[] = [
    {
      name: "claims",
      headcount: (i) => ({
        query: HEADCOUNT.claims,
        variables: {
          filter: {
            metric: [metricAt(i).toUpperCase()],
            sourceAffiliation: globalId("Entity", sideAt(i)),
            reviewStatus: statuses,
          },
        },
      }),
      peer: (i) => ({
        query: PEER.claims,
        variables: { metric: metricAt(i), side: sideAt(i), statuses: statuses.map((s) => s.toLowerCase()) },
      }),
    },
    {
      name: "claim",
      headcount: (i) => ({
        query: HEADCOUNT.claim,
        variables: { id: globalId("Claim", at(picked.claims_picked, i)) },
      }),
      peer: (i) => ({ query: PEER.claim, variables: { id: at(picked.claims_picked, i) } }),
    },
    {
      name: "entity",
      headcount: (i) => ({
        query: HEADCOUNT.entity,
        variables: { id: globalId("Entity", at(picked.sources, i)) },
      }),
      peer: (i) => ({ query: PEER.entity, variables: { id: at(picked.sources, i) } }),
    },
    {
      name: "aggregate",
      headcount: (i) => ({
        query: HEADCOUNT.aggregate,
        variables: { filter: { metric: [metricAt(i).toUpperCase()] } },
      }),
      peer: (i) => ({ query: PEER.aggregate, variables: { metric: metricAt(i) } }),
    },
  ];
  const ask = (url: string, body: Body) => graphql<Json>(url, body.query, body.variables);

  // 1. The same data from both, for every argument set used below.
  for (const q of questions) {
    for (let i = 0; i < VARIANTS; i++) {
      const ours = normalize[q.name].headcount(await ask(headcount.url, q.headcount(i)));
      const theirs = normalize[q.name].peer(await ask(peer.url, q.peer(i)));
      if (!isDeepStrictEqual(ours, theirs)) {
        console.error(JSON.stringify(ours).slice(0, 800));
        console.error(JSON.stringify(theirs).slice(0, 800));
        throw new Error(`${q.name} (argument set ${i}): Headcount and PostGraphile answers differ`);
      }
    }
  }

  // 2. SQL statements per request and the time PostgreSQL spent on them (planning and execution):
  // pg_stat_statements reset before one request and read after it, so the rest of the wall time is the
  // server process's own work (and the network).
  const statementsOf = async (url: string, body: Body) => {
    await stats.query(`select bench_stats.pg_stat_statements_reset()`);
    const wall = await timed(() => ask(url, body));
    const { rows: counted } = await stats.query(`
      select coalesce(sum(calls), 0)::int as n,
        coalesce(sum(total_exec_time + total_plan_time), 0)::float8 as ms
      from bench_stats.pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database())
        and query not like '%pg_stat_statements%'`);
    return { n: counted[0].n as number, ms: counted[0].ms as number, wall };
  };
  const statements: Record<string, { headcount: number[]; peer: number[] }> = {};
  const database: Record<string, { headcount: SideDatabase; peer: SideDatabase }> = {};
  for (const q of questions) {
    const counts = { headcount: [] as number[], peer: [] as number[] };
    const sql = { headcount: [] as number[], peer: [] as number[] };
    const wall = { headcount: [] as number[], peer: [] as number[] };
    for (let i = 0; i < STATEMENT_SAMPLES; i++) {
      const ours = await statementsOf(headcount.url, q.headcount(i));
      const theirs = await statementsOf(peer.url, q.peer(i));
      counts.headcount.push(ours.n);
      counts.peer.push(theirs.n);
      sql.headcount.push(ours.ms);
      sql.peer.push(theirs.ms);
      wall.headcount.push(ours.wall);
      wall.peer.push(theirs.wall);
    }
    statements[q.name] = counts;
    database[q.name] = {
      headcount: { sqlMs: round(median(sql.headcount)), wallMs: round(median(wall.headcount)) },
      peer: { sqlMs: round(median(sql.peer)), wallMs: round(median(wall.peer)) },
    };
  }

  // 3. Latency, one request at a time, alternating.
  const latency: Record<string, { headcount: Timing; peer: Timing; ratioP50: number }> = {};
  for (const q of questions) {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < warmup + requests; i++) {
      const runOurs = () => timed(() => ask(headcount.url, q.headcount(i)));
      const runTheirs = () => timed(() => ask(peer.url, q.peer(i)));
      const [a, b] =
        i % 2 === 0 ? [await runOurs(), await runTheirs()] : [await runTheirs(), await runOurs()].reverse();
      if (i < warmup) continue;
      ours.push(a as number);
      theirs.push(b as number);
    }
    const h = timing(ours);
    const p = timing(theirs);
    latency[q.name] = { headcount: h, peer: p, ratioP50: round(h.p50 / p.p50) };
  }

  // 4. Throughput: the same mix of the four questions, each server in turn, the order alternating.
  const mix = async (server: ApiProcess, side: "headcount" | "peer") => {
    let errors = 0;
    const counters = questions.map(() => 0);
    const { result, latencies } = await loadTest({
      url: server.url,
      connections,
      duration,
      requests: questions.map((q, k) => ({
        method: "POST" as const,
        setupRequest: (request: autocannon.Request) => {
          counters[k] = (counters[k] ?? 0) + 1;
          return { ...request, body: JSON.stringify(q[side]((counters[k] as number) % VARIANTS)) };
        },
        onResponse: (status: number, body: string) => {
          if (status !== 200 || body.includes('"errors"')) errors++;
        },
      })),
    });
    return {
      requestsPerSecond: round(result.requests.total / result.duration),
      p50: round(quantile(latencies, 0.5)),
      p95: round(quantile(latencies, 0.95)),
      errors: errors + result.errors + result.timeouts + result.non2xx,
    };
  };
  const load: Record<"headcount" | "peer", Awaited<ReturnType<typeof mix>>[]> = { headcount: [], peer: [] };
  for (let r = 0; r < rounds; r++) {
    const order: ("headcount" | "peer")[] = r % 2 === 0 ? ["headcount", "peer"] : ["peer", "headcount"];
    for (const side of order) load[side].push(await mix(side === "headcount" ? headcount : peer, side));
  }

  console.log(
    JSON.stringify(
      {
        corpus: { claims: picked.claims },
        requests,
        warmup,
        variants: VARIANTS,
        duration,
        rounds,
        connections,
        loadAverage: { start: loadAtStart.map(round), end: os.loadavg().map(round) },
        statementSamples: STATEMENT_SAMPLES,
        statements,
        database,
        latency,
        load,
      },
      null,
      2,
    ),
  );
} finally {
  for (const server of servers) await server.stop();
  await stats.query(`drop extension if exists pg_stat_statements`);
  await stats.query(`drop schema if exists bench_stats`);
  await stats.query(`alter system reset shared_preload_libraries`);
  await stats.query(`alter system reset pg_stat_statements.track_planning`);
  await stats.end();
  await db.stop();
}
