import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { reextractArticles } from "../../apps/api/src/ingest/reextract.ts";
import { testDatabaseUrl } from "../support/database.ts";
import { loadSeeds } from "../support/seeds.ts";

const pool = createPool(testDatabaseUrl(), { max: 2 });
beforeAll(loadSeeds);
afterAll(() => pool.end());

describe("npm run reextract", () => {
  it("adds what an older extractor missed, corrects untouched machine fields, and never overwrites an editor", async () => {
    // Pretend an older extractor produced the stored data: one claim read wrong, one missed entirely, and
    // one whose hedge an editor has since corrected.
    const claims = await pool.query<{ id: number; hedge: string | null }>(
      `select id, hedge from "Claim" where "sourceId" is not null order by id`,
    );
    expect(claims.rows.length).toBeGreaterThanOrEqual(3);
    const [misread, edited, missed] = claims.rows as unknown as [
      { id: number },
      { id: number },
      { id: number },
    ];
    const truth = await pool.query(`select "valueLow", "valueHigh", version from "Claim" where id = $1`, [
      misread.id,
    ]);
    await pool.query(`update "Claim" set "valueLow" = 1, "valueHigh" = 2 where id = $1`, [misread.id]);
    await pool.query(
      `update "Claim" set hedge = 'by an editor''s reading', "editedFields" = '{hedge}', "valueBest" = -5 where id = $1`,
      [edited.id],
    );
    const missedAppearances = await pool.query(
      `select "articleId", start from "Appearance" where "claimId" = $1`,
      [missed.id],
    );
    await pool.query(`delete from "Claim" where id = $1`, [missed.id]);
    await pool.query(`update "Article" set "extractorVersion" = '0.0.1'`);

    const report = await reextractArticles(pool);
    expect(report.examined).toBe(5);
    expect(report.skipped).toEqual([]);
    expect(report.claimsAdded).toBeGreaterThanOrEqual(1);
    expect(report.editorFieldsKept).toBeGreaterThanOrEqual(1);

    const restored = await pool.query(`select "valueLow", "valueHigh", version from "Claim" where id = $1`, [
      misread.id,
    ]);
    expect(restored.rows[0]).toMatchObject({
      valueLow: truth.rows[0].valueLow,
      valueHigh: truth.rows[0].valueHigh,
    });
    expect(restored.rows[0].version).toBe(truth.rows[0].version + 1);
    const audit = await pool.query(
      `select before, after from "AuditEvent" where action = 'claim.reextract' and "subjectId" = $1`,
      [misread.id],
    );
    expect(audit.rows[0]?.before).toMatchObject({ valueLow: 1, valueHigh: 2 });

    const kept = await pool.query(`select hedge, "valueBest" from "Claim" where id = $1`, [edited.id]);
    expect(kept.rows[0].hedge).toBe("by an editor's reading"); // the editor's field stays
    expect(kept.rows[0].valueBest).not.toBe(-5); // an untouched machine field is corrected

    const readded = await pool.query(
      `select count(*)::int as n from "Appearance" where "articleId" = $1 and start = $2`,
      [missedAppearances.rows[0].articleId, missedAppearances.rows[0].start],
    );
    expect(readded.rows[0].n).toBe(1);

    const again = await reextractArticles(pool);
    expect(again.examined).toBe(0);
    const all = await reextractArticles(pool, { all: true });
    expect(all).toMatchObject({ examined: 5, claimsAdded: 0, claimsUpdated: 0, articlesChanged: 0 });
  });
});
