import { describe, expect, it } from "vitest";
import { writeCorpus } from "../../bench/corpus.ts";
import { runCli, spawnCli } from "../support/cli.ts";
import { ingestFixture } from "../support/ingest.ts";

const { pool, tempFolder, count } = ingestFixture({ max: 2 });

const FILES = 200;

describe("a CLI batch killed with SIGKILL", () => {
  it("is recovered by the next run, which finishes it and reports true counts", async () => {
    const folder = await tempFolder("headcount-interrupted-");
    writeCorpus(folder, FILES, 11);

    const child = spawnCli("ingest.ts", [folder, "--workers", "4"], { detached: true });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // Killed mid-batch: some articles stored, most still queued or being read.
    const deadline = Date.now() + 90_000;
    let stored = 0;
    while (Date.now() < deadline) {
      stored = await count(`select count(*) from "Article" where "ingestRunId" is not null`);
      if (stored >= 30) break;
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(child.exitCode, stderr).toBeNull();
    process.kill(-(child.pid as number), "SIGKILL");
    await exited;

    const killed = (
      await pool.query<{ id: number; status: string }>(
        `select id, status from "IngestRun" order by id desc limit 1`,
      )
    ).rows[0];
    expect(killed?.status).toBe("running");
    const killedRun = killed?.id as number;
    const storedByKilled = await count(`select count(*) from "Article" where "ingestRunId" = $1`, [
      killedRun,
    ]);
    expect(storedByKilled).toBeGreaterThan(0);
    expect(storedByKilled).toBeLessThan(FILES);
    expect(
      await count(`select count(*) from graphile_worker._private_jobs where (payload->>'runId')::int = $1`, [
        killedRun,
      ]),
    ).toBeGreaterThan(0);

    const rerun = await runCli("ingest.ts", [folder]);
    console.log(rerun.stdout, rerun.stderr.slice(-2000));
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain(`ingest run ${killedRun} was interrupted`);

    // The interrupted batch ended, with counts that match what it stored, and nothing of it is queued.
    const recovered = (
      await pool.query(
        `select status, "recoveredAt", "totalCount", "newCount", "unchangedCount", "failedCount"
           from "IngestRun" where id = $1`,
        [killedRun],
      )
    ).rows[0];
    expect(recovered.status).toBe("completed");
    expect(recovered.recoveredAt).not.toBeNull();
    expect(recovered.failedCount).toBe(0);
    expect(recovered.newCount + recovered.unchangedCount).toBe(recovered.totalCount);
    const finalByKilled = await count(`select count(*) from "Article" where "ingestRunId" = $1`, [killedRun]);
    expect(recovered.newCount).toBe(finalByKilled);
    expect(await count(`select count(*) from graphile_worker._private_jobs`)).toBe(0);
    expect(await count(`select count(*) from "IngestRun" where status = 'running'`)).toBe(0);

    // Every file is stored once, and the re-run says which batch stored what it found stored.
    expect(await count(`select count(*) from "Article"`)).toBe(FILES);
    const rerunRun = (
      await pool.query(`select id, "newCount", "unchangedCount" from "IngestRun" order by id desc limit 1`)
    ).rows[0];
    expect(rerun.stdout).toContain(
      `new ${rerunRun.newCount} · unchanged ${rerunRun.unchangedCount} · new versions 0 · failed 0`,
    );
    expect(rerunRun.newCount + finalByKilled).toBe(FILES);
    expect(rerun.stdout).toContain(
      `ingest run ${killedRun} (interrupted, resumed here): new ${recovered.newCount} · unchanged ${recovered.unchangedCount}`,
    );
    expect(rerun.stdout).toContain(`unchanged: ${finalByKilled} stored by interrupted batch ${killedRun}`);
  }, 300_000);
});
