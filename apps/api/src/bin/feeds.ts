// npm run feeds -- add URL [--every MINUTES] | list | remove URL|ID | poll : the RSS/Atom feeds Headcount follows.
import { ConfigError } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { applyMigrations } from "../db/migrations.ts";
import { createPool } from "../db/pool.ts";
import {
  addFeed,
  DEFAULT_POLL_MINUTES,
  FeedInputError,
  type FeedRow,
  listFeeds,
  MAX_POLL_MINUTES,
  MIN_POLL_MINUTES,
  pollDueFeeds,
  removeFeed,
} from "../ingest/feeds.ts";
import { exit, parseCommandLine } from "./command-line.ts";

const USAGE = `Usage:
  npm run feeds -- add URL [--every MINUTES]   follow an RSS or Atom feed (polled every ${DEFAULT_POLL_MINUTES} minutes unless told; ${MIN_POLL_MINUTES}–${MAX_POLL_MINUTES})
  npm run feeds -- list                        the feeds followed, with their status
  npm run feeds -- remove URL|ID               stop following a feed (its stored articles stay)
  npm run feeds -- poll                        poll every feed now, whatever its interval
Feeds are polled on their schedule by \`npm start\` and \`npm run worker\`.`;

const { positionals, values } = parseCommandLine({ every: { type: "string" } }, USAGE);
const [command, target, ...extra] = positionals;
const arity: Record<string, number> = { add: 1, remove: 1, list: 0, poll: 0 };
if (values.help || !command || !(command in arity)) {
  console.error(USAGE);
  exit(values.help ? 0 : 2);
}
if ((target === undefined ? 0 : 1) + extra.length !== arity[command]) {
  console.error(`${command} takes ${arity[command] === 1 ? "one URL" : "no arguments"}.\n${USAGE}`);
  exit(2);
}
const every = values.every === undefined ? DEFAULT_POLL_MINUTES : Number(values.every);

const when = (date: Date | null) => (date ? date.toISOString().replace(/\.\d+Z$/, "Z") : "never");
function describe(feed: FeedRow): string {
  const status = feed.lastError ? `failing: ${feed.lastError}` : feed.lastSuccessAt ? "ok" : "not polled yet";
  return [
    `#${feed.id} ${feed.url}${feed.title ? ` — ${feed.title}` : ""}`,
    `    every ${feed.pollIntervalMinutes} min · last success ${when(feed.lastSuccessAt)} · ` +
      `items seen ${feed.itemsSeen}, stored ${feed.itemsStored} · ${status}`,
  ].join("\n");
}

const db = await openDatabase().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  return exit(1);
});
await applyMigrations(db.url);
const pool = createPool(db.url, { max: 6 });
let code = 0;
try {
  if (command === "add") {
    const feed = await addFeed(pool, target as string, every);
    console.log(`following ${feed.url} (#${feed.id}), polled every ${feed.pollIntervalMinutes} minutes`);
  } else if (command === "remove") {
    const id = /^\d+$/.test(target as string) ? Number(target) : (target as string).trim();
    const feed = await removeFeed(pool, id);
    if (!feed) {
      console.error(`no feed ${target} is followed (see npm run feeds -- list)`);
      code = 1;
    } else console.log(`stopped following ${feed.url}; its articles stay stored`);
  } else if (command === "list") {
    const feeds = await listFeeds(pool);
    if (feeds.length === 0) console.log("no feeds followed; add one with npm run feeds -- add URL");
    for (const feed of feeds) console.log(describe(feed));
  } else {
    const results = await pollDueFeeds(pool, { all: true });
    if (results.length === 0) console.log("no feeds followed; add one with npm run feeds -- add URL");
    for (const result of results) {
      if (result.error) {
        code = 1;
        console.log(`✗ ${result.url}: ${result.error}`);
        continue;
      }
      console.log(
        `${result.url}: ${result.items} item(s) · new ${result.stored} · unchanged ${result.unchanged} · ` +
          `same text as another item ${result.duplicates} · failed ${result.failed.length}`,
      );
      for (const failure of result.failed) console.log(`  ✗ ${failure.link}: ${failure.reason}`);
    }
  }
} catch (error) {
  if (!(error instanceof FeedInputError)) throw error;
  console.error(error.message);
  code = 2;
} finally {
  await pool.end();
  await db.stop();
}
exit(code);
