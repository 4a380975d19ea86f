import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { globalId } from "../support/fixtures.ts";
import { aliased, createLedgerArticle, poster, SPANS } from "../support/ledger-article.ts";

/**
 * Reads beside a client that asks again and again for the spans of an article printing 17,000 figures: a
 * timing under load, so it runs here, one file at a time, rather than beside the other integration files.
 */
const prisma = testPrisma();
const { api, query } = testApi(prisma);
const post = poster(api);
let articleId = 0;

beforeAll(async () => {
  ({ articleId } = await createLedgerArticle(prisma));
}, 120_000);
afterAll(() => prisma.$disconnect());

describe("an article's spans are paged", () => {
  it("other reads stay fast while such queries run", async () => {
    const id = globalId("Article", articleId);
    const READ = "{ claims(first: 10) { totalCount edges { node { id display } } } }";
    const timed = async () => {
      const started = performance.now();
      const result = await query(READ);
      expect(result.errors).toBeUndefined();
      return performance.now() - started;
    };
    await timed();
    const quiet: number[] = [];
    for (let i = 0; i < 15; i++) quiet.push(await timed());
    let attacking = true;
    // One client sending the 20-alias query again and again, as soon as each answer arrives.
    const attackers = Array.from({ length: 1 }, async () => {
      while (attacking) await post(aliased(20, SPANS.replaceAll("SELECT", "")), { id });
    });
    const loaded: number[] = [];
    for (let i = 0; i < 30; i++) loaded.push(await timed());
    attacking = false;
    await Promise.all(attackers);
    const p95 = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1] as number;
    console.log(
      `reads p95: ${p95(quiet).toFixed(1)} ms quiet, ${p95(loaded).toFixed(1)} ms beside a loop of the 20-alias query`,
    );
    // Before paging, reads beside this query took 4 to 5.7 s. This machine is shared (two cores, load
    // averages up to 20 while the suites run): the bound is 5 times 200 ms, or 5 times the quiet p95 when
    // that is higher.
    expect(p95(loaded)).toBeLessThan(Math.max(200, p95(quiet)) * 5);
  });
});
