import { extractArticle } from "@headcount/extract";
import { describe, expect, it } from "vitest";
import type { SourceDocument } from "../../apps/api/src/ingest/documents.ts";
import { storableClaims } from "../../apps/api/src/ingest/store-claims.ts";
import { runCli, spawnCli } from "../support/cli.ts";
import { ingestFixture } from "../support/ingest.ts";

// Slow and timing-dependent ingest cases, out of the default run: a batch killed with SIGKILL part-way, and
// two worker processes sharing one batch of 1,000 articles.
const { pool, tempFolder, count } = ingestFixture();

describe("crashes and many workers", () => {
  it("leaves no partial article after SIGKILL in the middle of a batch, and the next run completes it", async () => {
    const folder = await tempFolder();
    const { writeCorpus } = await import("../../bench/corpus.ts");
    writeCorpus(folder, 120, 11);
    const before = await count(`select count(*) from "Article"`);
    const child = spawnCli("ingest.ts", [folder, "--workers", "2"], { detached: true });
    const deadline = Date.now() + 60_000;
    while ((await count(`select count(*) from "Article"`)) < before + 15 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-(child.pid ?? 0), "SIGKILL");
    await exited;
    const stored = await count(`select count(*) from "Article"`);
    expect(stored).toBeGreaterThan(before);
    expect(stored).toBeLessThan(before + 120);

    // Every stored article has all of its claims' appearances: re-extracting its text finds no more.
    const { rows } = await pool.query<{
      body: string;
      title: string;
      appearances: number;
      published: string;
    }>(
      `select a.body, a.title, a."publishedAt"::text as published,
              (select count(*)::int from "Appearance" p where p."articleId" = a.id) as appearances
         from "Article" a where a.id > (select coalesce(max(id), 0) from "Article" where id <= $1)`,
      [before],
    );
    for (const row of rows) {
      const expected = storableClaims(
        extractArticle(`${row.title}\n\n${row.body}`, {
          publishedAt: row.published,
          precision: "day",
        }).claims,
      ).length;
      expect(row.appearances).toBe(expected);
    }

    const rerun = await runCli("ingest.ts", [folder]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await count(`select count(*) from "Article"`)).toBe(before + 120);
    console.info(
      `SIGKILL during ingest: ${stored - before} of 120 articles stored at the kill, each with all its ` +
        `appearances; the next run stored the other ${before + 120 - stored}`,
    );
  }, 120_000);

  it("two worker processes given one batch of 1,000 articles store each exactly once", async () => {
    const { generateArticles } = await import("../../bench/corpus.ts");
    const { enqueueBatch } = await import("../../apps/api/src/ingest/queue.ts");
    const documents: SourceDocument[] = [...generateArticles(1_000, 23)].map((article) => ({
      origin: article.file,
      format: "txt",
      raw: article.text,
    }));
    const before = await count(`select count(*) from "Article"`);
    const runId = await enqueueBatch(pool, documents, { trigger: "test" });
    const workers = [runWorker(), runWorker()];
    const results = await Promise.all(workers);
    const handled = results.map((output) => Number(/processed (\d+) job/.exec(output)?.[1] ?? "0"));
    expect(handled[0]! + handled[1]!).toBe(1_000);
    expect(handled.every((n) => n > 0)).toBe(true);
    expect(await count(`select count(*) from "Article"`)).toBe(before + 1_000);
    const { rows } = await pool.query(`select * from "IngestRun" where id = $1`, [runId]);
    expect(rows[0]).toMatchObject({
      status: "completed",
      newCount: 1_000,
      unchangedCount: 0,
      failedCount: 0,
    });
    console.info(
      `two workers, one batch of 1,000: ${handled.join(" + ")} jobs, 1,000 articles stored once each`,
    );
  }, 600_000);
});

/** `npm run worker -- --once`: drains the queue and exits; resolves with its output. */
function runWorker(): Promise<string> {
  const child = spawnCli("worker.ts", ["--once", "--concurrency", "2"]);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) =>
    child.once("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`worker exited ${code}: ${output}`)),
    ),
  );
}
