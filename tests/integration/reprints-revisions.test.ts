import { afterAll, describe, expect, it } from "vitest";
import { createPool } from "../../apps/api/src/db/pool.ts";
import type { SourceDocument } from "../../apps/api/src/ingest/documents.ts";
import { ingestDocument } from "../../apps/api/src/ingest/pipeline.ts";
import { testDatabaseUrl } from "../support/database.ts";

const pool = createPool(testDatabaseUrl(), { max: 4 });
afterAll(() => pool.end());

function article(fields: {
  body: string;
  title?: string;
  url?: string;
  outlet?: string;
  publishedAt?: string;
}): SourceDocument {
  return {
    origin: fields.url ?? "test",
    format: "json",
    raw: JSON.stringify(fields),
    title: fields.title ?? "North Korean troops in Kursk",
    body: fields.body,
    url: fields.url ?? null,
    outlet: fields.outlet ?? null,
    publishedAt: fields.publishedAt ?? null,
    precision: fields.publishedAt ? "day" : null,
  };
}

/** Ingests an article made of these fields, as the pipeline receives a document. */
const ingest = (fields: Parameters<typeof article>[0]) => ingestDocument(pool, article(fields));

/** Live claims with this low value, each with the articles that print it (url or id). */
async function claimsOf(valueLow: number, options: { live?: boolean } = {}) {
  const { rows } = await pool.query<{
    id: number;
    deleted: boolean;
    appearances: number;
    articles: string[];
    outlets: (string | null)[];
  }>(
    `select c.id, c."deletedAt" is not null as deleted, count(p.id)::int as appearances,
            array_agg(coalesce(a.url, a.id::text) order by a.id) as articles,
            array_agg(o.name order by a.id) as outlets
       from "Claim" c join "Appearance" p on p."claimId" = c.id join "Article" a on a.id = p."articleId"
       left join "Entity" o on o.id = a."outletId"
      where c."valueLow" = $1 and ($2::bool is false or c."deletedAt" is null)
      group by c.id order by c.id`,
    [valueLow, options.live ?? false],
  );
  return rows;
}

describe("reprints", () => {
  const body =
    "The Pentagon said on Monday that about 9,500 North Korean soldiers were in the Kursk region.\n\n" +
    "Around 500 North Korean engineers were also deployed, officials said.";

  it("stores the same text under another outlet and URL as a publication of its own: claims once, printed twice", async () => {
    const original = await ingest({
      body,
      url: "https://one.example/kursk",
      outlet: "Outlet One",
      publishedAt: "2024-11-06",
    });
    const reprint = await ingest({
      body,
      title: "Thousands of North Korean troops in Kursk",
      url: "https://two.example/wire/kursk",
      outlet: "Outlet Two",
      publishedAt: "2024-11-07",
    });
    expect(original.status).toBe("created");
    expect(reprint.status).toBe("created");
    const originalId = (original as { articleId: number }).articleId;
    const reprintId = (reprint as { articleId: number }).articleId;
    expect(reprintId).not.toBe(originalId);

    const { rows: stored } = await pool.query(
      `select a.url, a.title, a."publishedAt"::text as published, o.name as outlet
         from "Article" a left join "Entity" o on o.id = a."outletId" where a.id = $1`,
      [reprintId],
    );
    expect(stored[0]).toEqual({
      url: "https://two.example/wire/kursk",
      title: "Thousands of North Korean troops in Kursk",
      published: "2024-11-07",
      outlet: "Outlet Two",
    });

    for (const value of [9_500, 500]) {
      const claims = await claimsOf(value);
      expect(claims, `claims of ${value}`).toHaveLength(1);
      expect(claims[0]?.appearances).toBe(2);
      expect(claims[0]?.articles).toEqual(["https://one.example/kursk", "https://two.example/wire/kursk"]);
      expect(claims[0]?.outlets).toEqual(["Outlet One", "Outlet Two"]);
    }
    // The reprint's appearances are the same spans of the same text.
    const { rows: spans } = await pool.query(
      `select count(*)::int as n from "Appearance" p join "Article" a on a.id = p."articleId"
        where p."articleId" = $1 and substr(a.body, p.start + 1, p."end" - p.start) = p.quote`,
      [reprintId],
    );
    expect(spans[0].n).toBe(2);

    // The same text from the same place again changes nothing.
    const again = await ingest({
      body,
      url: "https://two.example/wire/kursk",
      outlet: "Outlet Two",
      publishedAt: "2024-11-07",
    });
    expect(again).toEqual({ status: "unchanged", articleId: reprintId });
    expect((await claimsOf(9_500))[0]?.appearances).toBe(2);
  });

  it("keeps an undated claim one claim when a longer reprint prints it a day later", async () => {
    const sentence =
      "Officials in Seoul estimated that about 2,700 North Korean troops were still fighting in the Kursk region.";
    const first = await ingest({
      body: `${sentence}\n\nThe figure could not be verified.`,
      url: "https://three.example/seoul-estimate",
      outlet: "Outlet Three",
      publishedAt: "2025-01-10",
    });
    const longer = await ingest({
      body: `Fighting continued through the week.\n\n${sentence}\n\nThe figure could not be verified.`,
      url: "https://four.example/syndicated/seoul-estimate",
      outlet: "Outlet Four",
      publishedAt: "2025-01-11",
    });
    expect(first.status).toBe("created");
    expect(longer.status).toBe("created");
    const claims = await claimsOf(2_700);
    expect(claims).toHaveLength(1);
    expect(claims[0]?.appearances).toBe(2);
    const { rows } = await pool.query(`select "statedOn"::text as stated from "Claim" where id = $1`, [
      claims[0]?.id,
    ]);
    // Said when first printed.
    expect(rows[0].stated).toBe("2025-01-10");
  });

  it("keeps two outlets' own undated figures apart when their sentences differ", async () => {
    await ingest({
      body: "About 1,300 North Korean soldiers were wounded, officials said.",
      url: "https://five.example/a",
      outlet: "Outlet Five",
      publishedAt: "2025-02-01",
    });
    await ingest({
      body: "Officials said some 1,300 North Korean soldiers had been wounded near Sudzha.",
      url: "https://six.example/b",
      outlet: "Outlet Six",
      publishedAt: "2025-03-20",
    });
    expect(await claimsOf(1_300)).toHaveLength(2);
  });
});

describe("revisions", () => {
  it("retires, never deletes, the claims only the superseded text supported, with history", async () => {
    const url = "https://seven.example/frontline";
    const kept = "The Pentagon said about 600 North Korean soldiers were killed in the Kursk region.";
    const first = await ingest({
      body: `The Pentagon said about 11,000 North Korean soldiers were deployed to Russia.\n\n${kept}`,
      url,
      outlet: "Outlet Seven",
      publishedAt: "2024-11-20",
    });
    const second = await ingest({
      body: `The Pentagon said about 12,000 North Korean soldiers were deployed to Russia.\n\n${kept}`,
      url,
      outlet: "Outlet Seven",
      publishedAt: "2024-11-20",
    });
    expect(first.status).toBe("created");
    expect(second.status).toBe("revision");

    const old = await claimsOf(11_000);
    expect(old).toHaveLength(1);
    expect(old[0]?.deleted).toBe(true);
    // Kept with its appearance in the superseded snapshot.
    expect(old[0]?.appearances).toBe(1);
    expect(await claimsOf(11_000, { live: true })).toHaveLength(0);
    expect(await claimsOf(12_000, { live: true })).toHaveLength(1);
    // Printed by both revisions: still live, now with both appearances.
    const shared = await claimsOf(600, { live: true });
    expect(shared).toHaveLength(1);
    expect(shared[0]?.appearances).toBe(2);

    const { rows: history } = await pool.query(
      `select action, before, after, note from "AuditEvent" where "subjectType" = 'Claim' and "subjectId" = $1`,
      [old[0]?.id],
    );
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      action: "claim.retire",
      before: { deleted: false },
      after: { deleted: true },
    });
    expect(history[0].note).toContain("revision 2");
    expect(history[0].note).toContain(url);
  });

  it("keeps a claim live while another publication still prints it", async () => {
    const body = "The Pentagon said about 3,100 North Korean soldiers were wounded in the Kursk region.";
    await ingest({ body, url: "https://eight.example/x", outlet: "Outlet Eight", publishedAt: "2025-01-05" });
    await ingest({ body, url: "https://nine.example/y", outlet: "Outlet Nine", publishedAt: "2025-01-05" });
    const revised = await ingest({
      body: "The Pentagon said about 3,300 North Korean soldiers were wounded in the Kursk region.",
      url: "https://eight.example/x",
      outlet: "Outlet Eight",
      publishedAt: "2025-01-05",
    });
    expect(revised.status).toBe("revision");
    const claims = await claimsOf(3_100, { live: true });
    expect(claims).toHaveLength(1);
    expect(claims[0]?.articles).toEqual(["https://eight.example/x", "https://nine.example/y"]);
  });
});

describe("the stored body", () => {
  it("cannot be changed in the database: a trigger refuses it with a clear error, metadata still changes", async () => {
    const outcome = await ingest({
      body: "About 400 North Korean soldiers were captured, Ukraine's military said.",
      url: "https://ten.example/captured",
      publishedAt: "2025-02-02",
    });
    const id = (outcome as { articleId: number }).articleId;
    await expect(
      pool.query(`update "Article" set body = body || ' Edited.' where id = $1`, [id]),
    ).rejects.toThrow(/body of article \d+ is immutable/);
    await expect(pool.query(`update "Article" set "contentHash" = 'x' where id = $1`, [id])).rejects.toThrow(
      /immutable/,
    );
    await pool.query(`update "Article" set title = 'Captured' where id = $1`, [id]);
    const { rows } = await pool.query(`select title, body from "Article" where id = $1`, [id]);
    expect(rows[0]).toEqual({
      title: "Captured",
      body: "About 400 North Korean soldiers were captured, Ukraine's military said.",
    });
  });
});
