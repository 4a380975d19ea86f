/**
 * Fills a database with a realistic corpus at scale, deterministically and fast (COPY, not one insert per
 * row): articles whose bodies contain every claim's quote at its offsets, claims of every metric and
 * qualifier with appearances and relay chains, sources with affiliations, three years of dates.
 *
 *   npm run bench:data -- --claims 1000000            (100,000 articles, 2,000 sources)
 *   npm run bench:data -- --claims 20000 --data-dir /tmp/hc-bench --port 54339
 *
 * Without DATABASE_URL it uses an embedded server of its own (default .data/bench, port 54339), so the
 * demo database is never touched. The target database must be empty (migrations are applied first).
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { METRICS, type Metric, PRECISIONS, QUALIFIERS, type Qualifier } from "@headcount/shared";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { REPO_ROOT } from "../apps/api/src/config.ts";
import { CLAIM_FIELDS, type ClaimField } from "../apps/api/src/curation/fields.ts";
import { startEmbeddedPostgres } from "../apps/api/src/db/embedded.ts";
import { applyMigrations } from "../apps/api/src/db/migrations.ts";
import { COUNTRIES, FAMILY, FORCES, GIVEN, ORG_KINDS, OUTLETS, PLACES, VERB } from "./names.ts";
import { seededRandom } from "./random.ts";

const { values } = parseArgs({
  options: {
    claims: { type: "string", default: "1000000" },
    "data-dir": { type: "string" },
    port: { type: "string", default: "54339" },
    seed: { type: "string", default: "42" },
  },
});
const CLAIMS = Number(values.claims);
const CLAIMS_PER_ARTICLE = 10;
const ARTICLES = Math.ceil(CLAIMS / CLAIMS_PER_ARTICLE);
const SOURCES = Math.max(20, Math.min(2_000, Math.round(CLAIMS / 500)));

const next = seededRandom(Number(values.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

/** COPY text format: tabs, newlines and backslashes escaped; null as \N. */
function field(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return `{${value.map((v) => `"${String(v).replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
  return String(value)
    .replace(/\\/g, "\\\\")
    .replace(/\t/g, "\\t")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r");
}
const row = (...fields: unknown[]) => `${fields.map(field).join("\t")}\n`;

async function copy(client: pg.PoolClient, table: string, columns: string[], rows: Iterable<string>) {
  const stream = client.query(
    copyFrom(`copy "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`),
  );
  async function* chunks() {
    let buffer = "";
    for (const line of rows) {
      buffer += line;
      if (buffer.length > 1 << 20) {
        yield buffer;
        buffer = "";
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(chunks, stream);
}

const day = 86_400_000;
const START = Date.UTC(2023, 0, 1);

function interval(
  qualifier: Qualifier,
  n: number,
): [number | null, number | null, number | null, string | null, string] {
  switch (qualifier) {
    case "exact":
      return [n, n, n, null, n.toLocaleString("en-US")];
    case "approximate":
      return [n, n, n, "about", `about ${n.toLocaleString("en-US")}`];
    case "at_least":
      return [n, null, n, "at least", `at least ${n.toLocaleString("en-US")}`];
    case "more_than":
      return [n, null, n, "more than", `more than ${n.toLocaleString("en-US")}`];
    case "at_most":
      return [null, n, n, "no more than", `no more than ${n.toLocaleString("en-US")}`];
    case "up_to":
      return [null, n, n, "as many as", `as many as ${n.toLocaleString("en-US")}`];
    case "range":
      return [
        n,
        n + 2_000,
        null,
        "between",
        `between ${n.toLocaleString("en-US")} and ${(n + 2_000).toLocaleString("en-US")}`,
      ];
    case "vague":
      return [2_000, 9_999, null, "thousands of", "thousands of"];
  }
}

async function main() {
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const dataDir = path.resolve(REPO_ROOT, values["data-dir"] ?? ".data/bench");
    const server = await startEmbeddedPostgres({
      dataDir,
      port: Number(values.port),
      database: "headcount_bench",
    });
    url = server.url;
    stop = server.stop;
    console.error(`embedded PostgreSQL for benchmarks: ${dataDir}, port ${values.port}`);
  }
  await applyMigrations(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const client = await pool.connect();
  const started = performance.now();
  try {
    const { rows } = await client.query(`select count(*)::int as n from "Claim"`);
    if (rows[0].n > 0) throw new Error("The target database already has claims; give an empty one.");

    // Entities: countries, places, outlets, sources (each affiliated with a country).
    const entities: {
      id: number;
      type: string;
      name: string;
      affiliationId: number | null;
      role: string | null;
    }[] = [];
    const add = (
      type: string,
      name: string,
      affiliationId: number | null = null,
      role: string | null = null,
    ) => {
      entities.push({ id: entities.length + 1, type, name, affiliationId, role });
      return entities.length;
    };
    const countryIds = COUNTRIES.map((name) => add("place", name));
    const placeIds = PLACES.map((name) => add("place", name));
    const outletIds = OUTLETS.map((name) => add("organization", name));
    const sourceIds: number[] = [];
    for (let i = 0; i < SOURCES; i++) {
      const country = Math.floor(next() * COUNTRIES.length);
      const isPerson = next() < 0.6;
      const name = isPerson
        ? `${pick(GIVEN)} ${pick(FAMILY)}-${i + 1}`
        : `${COUNTRIES[country]} ${pick(ORG_KINDS)} ${i + 1}`;
      sourceIds.push(
        add(
          isPerson ? "person" : "organization",
          name,
          countryIds[country] ?? null,
          isPerson ? "spokesperson" : null,
        ),
      );
    }
    // A fixed "now", so two runs with the same seed write byte-identical tables.
    const now = new Date(Date.UTC(2026, 0, 1));
    await copy(
      client,
      "Entity",
      ["id", "type", "name", "normalizedName", "role", "affiliationId", "createdAt", "updatedAt"],
      entities.map((e) => row(e.id, e.type, e.name, e.name.toLowerCase(), e.role, e.affiliationId, now, now)),
    );
    await copy(
      client,
      "EntityAlias",
      ["entityId", "name", "normalized", "kind", "createdAt"],
      entities.map((e) => row(e.id, e.name, e.name.toLowerCase(), "written", now)),
    );

    // Articles and their claims: each body is the claims' sentences, so every quote is a real span.
    const articleRows: string[] = [];
    const claimRows: string[] = [];
    const appearanceRows: string[] = [];
    const viaRows: string[] = [];
    let claimId = 0;
    for (let a = 1; a <= ARTICLES; a++) {
      const published = START + Math.floor(next() * 3 * 365) * day;
      const outlet = pick(outletIds);
      const sentences: string[] = [];
      const spans: [number, number][] = [];
      let body = "";
      const claimsHere = Math.min(CLAIMS_PER_ARTICLE, CLAIMS - claimId);
      const pending: {
        qualifier: Qualifier;
        metric: Metric;
        values: ReturnType<typeof interval>;
        source: number;
        place: number;
        subject: number;
        stated: number | null;
        precision: string;
      }[] = [];
      for (let c = 0; c < claimsHere; c++) {
        const qualifier = QUALIFIERS[(claimId + c) % QUALIFIERS.length] as Qualifier;
        const metric = METRICS[Math.floor(next() * METRICS.length)] as Metric;
        const n = Math.round((200 + next() * 30_000) / 100) * 100;
        const values = interval(qualifier, n);
        const source = pick(sourceIds);
        const place = pick(placeIds);
        const subject = pick(countryIds);
        // One claim in twenty gives no date of its own: the chart dates it by its first printing.
        const undated = next() < 0.05;
        const stated = undated ? null : published - Math.floor(next() * 7) * day;
        const precision = undated ? "unknown" : (PRECISIONS[Math.floor(next() * 4)] as string);
        const speaker = entities[source - 1]?.name ?? "";
        const forces = `${COUNTRIES[subject - 1]} ${pick(FORCES)}`;
        const sentence = `${speaker} said ${values[4]} ${forces} ${VERB[metric]} ${PLACES[place - placeIds[0]!]}.`;
        const start = body.length;
        body += `${sentence} `;
        spans.push([start, start + sentence.length]);
        sentences.push(sentence);
        pending.push({ qualifier, metric, values, source, place, subject, stated, precision });
      }
      body = body.trimEnd();
      const title = `Report ${a}: ${sentences[0]?.slice(0, 60) ?? "no claims"}`;
      const hash = createHash("sha256").update(body).digest("hex");
      articleRows.push(
        row(a, title, body, body, "txt", hash, outlet, new Date(published), "day", "bench", now, now),
      );
      for (const [index, claim] of pending.entries()) {
        claimId++;
        const [low, high, best, hedge] = claim.values;
        const review = next() < 0.8 ? "unreviewed" : pick(["verified", "disputed", "rejected"] as const);
        const fields: Record<ClaimField, unknown> = {
          metric: claim.metric,
          subject: sentences[index]?.split(" said ")[1]?.split(" ").slice(0, 4).join(" ") ?? "",
          subjectEntityId: claim.subject,
          valueLow: low,
          valueHigh: high,
          valueBest: best,
          qualifier: claim.qualifier,
          hedge,
          additional: false,
          rate: "total",
          locationId: claim.place,
          sourceId: claim.source,
          statedOn: claim.stated === null ? null : new Date(claim.stated),
          statedOnPrecision: claim.precision,
          refersFrom: null,
          refersFromPrecision: null,
          refersTo: null,
          refersToPrecision: null,
        };
        claimRows.push(
          row(
            claimId,
            ...CLAIM_FIELDS.map((name) => fields[name]),
            review,
            "machine",
            "bench",
            (0.5 + next() * 0.5).toFixed(3),
            now,
            now,
          ),
        );
        const [start, end] = spans[index] as [number, number];
        appearanceRows.push(
          row(
            claimId,
            claimId,
            a,
            start,
            end,
            body.slice(start, end),
            body.slice(Math.max(0, start - 32), start),
            body.slice(end, end + 32),
            now,
          ),
        );
        if (next() < 0.2) viaRows.push(row(claimId, 0, pick(outletIds)));
      }
      if (articleRows.length >= 5_000 || a === ARTICLES) {
        await copy(
          client,
          "Article",
          [
            "id",
            "title",
            "body",
            "rawInput",
            "rawFormat",
            "contentHash",
            "outletId",
            "publishedAt",
            "publishedPrecision",
            "extractorVersion",
            "ingestedAt",
            "updatedAt",
          ],
          articleRows.splice(0),
        );
        await copy(
          client,
          "Claim",
          [
            "id",
            ...CLAIM_FIELDS,
            "reviewStatus",
            "origin",
            "extractorVersion",
            "confidence",
            "createdAt",
            "updatedAt",
          ],
          claimRows.splice(0),
        );
        await copy(
          client,
          "Appearance",
          ["id", "claimId", "articleId", "start", "end", "quote", "prefix", "suffix", "createdAt"],
          appearanceRows.splice(0),
        );
        await copy(client, "AppearanceVia", ["appearanceId", "position", "entityId"], viaRows.splice(0));
        process.stderr.write(
          `\r${a.toLocaleString("en-US")}/${ARTICLES.toLocaleString("en-US")} articles, ${claimId.toLocaleString("en-US")} claims`,
        );
      }
    }
    process.stderr.write("\n");
    // Sequences continue after the copied ids, so later inserts do not collide.
    for (const table of ["Entity", "EntityAlias", "Article", "Claim", "Appearance"]) {
      await client.query(
        `select setval(pg_get_serial_sequence('"${table}"', 'id'), (select coalesce(max(id), 1) from "${table}"))`,
      );
    }
    // Statistics for the planner, and the visibility map that lets counts be index-only scans.
    await client.query("vacuum analyze");
    console.log(
      `${ARTICLES.toLocaleString("en-US")} articles, ${claimId.toLocaleString("en-US")} claims, ${SOURCES.toLocaleString("en-US")} sources in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    client.release();
    await pool.end();
    await stop();
  }
}

await main();
