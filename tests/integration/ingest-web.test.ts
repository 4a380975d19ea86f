import { makeWorkerUtils } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { addFeed, pollFeed, readFeed } from "../../apps/api/src/ingest/feeds.ts";
import { DEFAULT_FETCH_LIMITS, FetchRefused } from "../../apps/api/src/ingest/fetch-page.ts";
import { drainQueue, POLL_FEEDS_TASK } from "../../apps/api/src/ingest/queue.ts";
import { collectPages, fetchPage } from "../../apps/api/src/ingest/web-pages.ts";
import { runCli } from "../support/cli.ts";
import { testDatabaseUrl } from "../support/database.ts";
import { articleStory, type NewsSite, startNewsSite } from "../support/news-site.ts";

const pool = createPool(testDatabaseUrl(), { max: 6 });
let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite();
});
afterAll(async () => {
  await site.close();
  await pool.end();
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query(sql, params);
  return Number(Object.values(rows[0])[0]);
}

describe("npm run ingest -- URL", () => {
  it("stores a fetched page once, with its URL, canonical URL and fetch time; a second time is unchanged", {
    timeout: 120_000,
  }, async () => {
    const url = `${site.origin}/article/1`;
    const before = Date.now();
    const first = await runCli("ingest.ts", [url]);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toContain("new 1 · unchanged 0 · new versions 0 · failed 0");
    const { rows } = await pool.query(
      `select title, body, url, "canonicalUrl", "fetchedAt", "rawFormat" from "Article" where url = $1`,
      [url],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].title).toBe(articleStory(1).title);
    expect(rows[0].body).toContain("North Korean soldiers have been sent to the Belgorod region");
    expect(rows[0].body).not.toContain("© Test Wire");
    expect(rows[0].canonicalUrl).toBe(`${site.origin}/news/1`);
    expect(rows[0].rawFormat).toBe("html");
    expect(rows[0].fetchedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(rows[0].fetchedAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(
      await count(
        `select count(*) from "Appearance" p join "Article" a on a.id = p."articleId" where a.url = $1`,
        [url],
      ),
    ).toBeGreaterThan(0);

    // Every request named Headcount.
    expect([...site.agents]).toEqual([expect.stringMatching(/^Headcount\/\d+\.\d+ \(/)]);

    const second = await runCli("ingest.ts", [url]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("new 0 · unchanged 1 · new versions 0 · failed 0");
    expect(await count(`select count(*) from "Article" where url = $1`, [url])).toBe(1);
  });

  it("fails each bad URL alone, naming it and the reason, and stores the good ones", {
    timeout: 120_000,
  }, async () => {
    const bad = {
      serverError: `${site.origin}/server-error`,
      tooLarge: `${site.origin}/huge`,
      loop: `${site.origin}/loop-a`,
      image: `${site.origin}/photo.png`,
      disallowed: `${site.origin}/private/secret`,
      ftp: "ftp://127.0.0.1/file.txt",
      toFtp: `${site.origin}/to-ftp`,
    };
    const good = [`${site.origin}/article/2`, `${site.origin}/moved`];
    const result = await runCli("ingest.ts", [good[0] as string, ...Object.values(bad), good[1] as string]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("new 2 · unchanged 0 · new versions 0 · failed 7");
    const line = (url: string) => result.stdout.split("\n").find((l) => l.includes(`✗ ${url}:`)) ?? "";
    expect(line(bad.serverError)).toContain("the server answered 500");
    expect(line(bad.tooLarge)).toMatch(/too large: .*the limit is 2 MB/);
    expect(line(bad.loop)).toContain(`redirect loop (back to ${site.origin}/loop-a)`);
    expect(line(bad.image)).toContain("not an HTML page: the server sent image/png");
    expect(line(bad.disallowed)).toContain(`robots.txt at ${site.origin}/robots.txt disallows it`);
    expect(line(bad.ftp)).toContain("only http and https URLs are fetched, not ftp");
    expect(line(bad.toFtp)).toContain("redirected to ftp://127.0.0.1/file.txt: only http and https");
    // robots.txt was honoured: the disallowed page was never requested.
    expect(site.hits.get("/private/secret") ?? 0).toBe(0);
    // The redirected page is stored under the address it was found at.
    expect(await count(`select count(*) from "Article" where url = $1`, [`${site.origin}/article/7`])).toBe(
      1,
    );
    expect(await count(`select count(*) from "Article" where url = $1`, [good[0]])).toBe(1);
  });

  it("stops a page sent without a length as soon as it passes the size limit", async () => {
    await expect(fetchPage(`${site.origin}/huge-chunked`)).rejects.toThrow(
      /too large: more than 2\.0 MB sent \(the limit is 2 MB\)/,
    );
  });

  it("gives up on a server that does not answer in time", async () => {
    const { createServer } = await import("node:http");
    const silent = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const limits = { ...DEFAULT_FETCH_LIMITS, answerTimeoutMs: 500, totalTimeoutMs: 5_000 };
      const { rejected } = await collectPages([`http://127.0.0.1:${port}/slow`], { limits });
      expect(rejected).toEqual([
        // robots.txt is asked first, and it is the one that times out.
        {
          origin: `http://127.0.0.1:${port}/slow`,
          reason: expect.stringMatching(/robots\.txt could not be read \(no answer within 0\.5 s\)/),
        },
      ]);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe("feeds", () => {
  it("reads RSS and Atom items by GUID or id, with their links", () => {
    const parsed = readFeed(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
      <id>urn:a</id><updated>2024-01-01T00:00:00Z</updated>
      <entry><id>urn:1</id><title>One</title><link rel="alternate" href="http://x.test/1"/><updated>2024-01-01T00:00:00Z</updated></entry>
      <entry><id>urn:1</id><title>Again</title><link href="http://x.test/1"/><updated>2024-01-01T00:00:00Z</updated></entry>
    </feed>`);
    expect(parsed).toEqual({ title: "A", items: [{ key: "urn:1", link: "http://x.test/1" }] });
    expect(() => readFeed("<catalog><book/></catalog>")).toThrow(FetchRefused);
  });

  // Five command-line runs: generous for a loaded machine.
  it("a feed of 20 items polled twice stores 20 articles (npm run feeds)", { timeout: 240_000 }, async () => {
    const feedUrl = `${site.origin}/feed.xml`;
    const added = await runCli("feeds.ts", ["add", feedUrl, "--every", "15"]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`following ${feedUrl}`);
    const again = await runCli("feeds.ts", ["add", feedUrl]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${feedUrl} is already followed`);

    const first = await runCli("feeds.ts", ["poll"]);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toContain(`${feedUrl}: 20 item(s) · new 20 · unchanged 0`);
    const second = await runCli("feeds.ts", ["poll"]);
    expect(second.code, second.stderr + second.stdout).toBe(0);
    expect(second.stdout).toContain(`${feedUrl}: 20 item(s) · new 0 · unchanged 0`);
    expect(
      await count(`select count(*) from "Article" where url like $1`, [
        `${site.origin}/article/%?utm_source=rss`,
      ]),
    ).toBe(20);
    // Each item page was fetched once, over both polls.
    expect(site.hits.get("/article/5")).toBe(1);

    const listed = await runCli("feeds.ts", ["list"]);
    expect(listed.stdout).toContain(`${feedUrl} — Test Wire: world`);
    expect(listed.stdout).toMatch(
      /every 15 min · last success \d{4}-\d\d-\d\dT[\d:]+Z · items seen 20, stored 20 · ok/,
    );

    const removed = await runCli("feeds.ts", ["remove", feedUrl]);
    expect(removed.code).toBe(0);
    expect(await count(`select count(*) from "Feed"`)).toBe(0);
    expect(await count(`select count(*) from "FeedItem"`)).toBe(0);
    // Its articles stay.
    expect(
      await count(`select count(*) from "Article" where url like $1`, [
        `${site.origin}/article/%?utm_source=rss`,
      ]),
    ).toBe(20);
  });

  it("refuses a feed URL that is not http(s), or a poll interval out of range, and adds nothing", {
    timeout: 120_000,
  }, async () => {
    const ftp = await runCli("feeds.ts", ["add", "ftp://127.0.0.1/feed.xml"]);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toContain("ftp://127.0.0.1/feed.xml: only http and https URLs are fetched, not ftp");
    const often = await runCli("feeds.ts", ["add", `${site.origin}/atom.xml`, "--every", "1"]);
    expect(often.code).toBe(2);
    expect(often.stderr).toContain("the poll interval must be a whole number of minutes from 5 to 10080");
    expect(await count(`select count(*) from "Feed"`)).toBe(0);
  });

  it("a feed that answers 500 or is not a feed fails alone; the others are read", async () => {
    const failing = await addFeed(pool, `${site.origin}/server-error`);
    const notFeed = await addFeed(pool, `${site.origin}/not-a-feed.xml`);
    const atom = await addFeed(pool, `${site.origin}/atom.xml`);
    const results = await Promise.all([failing, notFeed, atom].map((feed) => pollFeed(pool, feed.id)));
    expect(results[0]?.error).toBe("the server answered 500 Internal Server Error");
    expect(results[1]?.error).toMatch(/^not a readable RSS or Atom feed/);
    expect(results[2]).toMatchObject({ error: null, items: 5, stored: 5, failed: [] });
    const { rows } = await pool.query(
      `select url, "lastError", "lastErrorAt", "lastSuccessAt", "itemsSeen", "itemsStored" from "Feed" order by id`,
    );
    expect(rows[0]).toMatchObject({
      lastError: "the server answered 500 Internal Server Error",
      lastSuccessAt: null,
    });
    expect(rows[0].lastErrorAt).toBeInstanceOf(Date);
    expect(rows[2]).toMatchObject({ lastError: null, itemsSeen: 5, itemsStored: 5 });
    expect(rows[2].lastSuccessAt).toBeInstanceOf(Date);
  });

  it("stores an item once when two items give the same text", async () => {
    const feed = await addFeed(pool, `${site.origin}/reprints.xml`);
    const result = await pollFeed(pool, feed.id, { concurrency: 1 });
    expect(result).toMatchObject({ items: 2, stored: 1, duplicates: 1, failed: [] });
    expect(await count(`select count(*) from "Article" where title = $1`, [articleStory(30).title])).toBe(1);
  });

  it("reads an item's relative link against the feed's address", async () => {
    const feed = await addFeed(pool, `${site.origin}/relative.xml`);
    expect(await pollFeed(pool, feed.id)).toMatchObject({ items: 1, stored: 1, failed: [] });
    expect(await count(`select count(*) from "Article" where url = $1`, [`${site.origin}/article/33`])).toBe(
      1,
    );
  });

  it("retries an item whose page failed, on the next poll", async () => {
    site.breakPath("/article/25", 503);
    const feed = await addFeed(pool, `${site.origin}/atom.xml?again`);
    const first = await pollFeed(pool, feed.id);
    // Items 21–24 are already stored under the same address from the other Atom feed: unchanged.
    expect(first).toMatchObject({ items: 5, stored: 0, unchanged: 4 });
    expect(first?.failed).toEqual([
      { link: `${site.origin}/article/25`, reason: "the server answered 503 Service Unavailable" },
    ]);
    site.breakPath("/article/25", 0);
    const second = await pollFeed(pool, feed.id);
    expect(second).toMatchObject({ items: 5, unchanged: 1, failed: [] });
  });

  it("the scheduled task polls feeds whose interval has passed, and only those", async () => {
    await pool.query(`delete from "Feed"`);
    const due = await addFeed(pool, `${site.origin}/atom.xml`);
    const recent = await addFeed(pool, `${site.origin}/feed.xml`);
    await pool.query(`update "Feed" set "lastPolledAt" = now() where id = $1`, [recent.id]);
    const utils = await makeWorkerUtils({ pgPool: pool });
    try {
      await utils.migrate();
      await utils.addJob(POLL_FEEDS_TASK, {});
    } finally {
      await utils.release();
    }
    await drainQueue(pool, 1);
    const { rows } = await pool.query(`select id, "lastSuccessAt", "itemsSeen" from "Feed" order by id`);
    expect(rows.find((r) => r.id === due.id)).toMatchObject({ itemsSeen: 5 });
    expect(rows.find((r) => r.id === recent.id)).toMatchObject({ lastSuccessAt: null, itemsSeen: 0 });
  });
});
