// Ingests new articles one after another until killed, printing `ack <articleId> <contentHash>` for each
// one answered as new: the SIGKILL-during-ingest test kills PostgreSQL under several of these loops and
// then looks for every acknowledged article.
import { cleanArticleText } from "@headcount/extract";
import { createPool } from "../../../apps/api/src/db/pool.ts";
import { contentHash, ingestDocument } from "../../../apps/api/src/ingest/pipeline.ts";

const pool = createPool(process.env.DATABASE_URL as string, { max: 2 });
const loop = process.env.LOOP_ID ?? String(process.pid);
const outlets = ["Reuters", "Yonhap", "The Kyiv Independent", "Associated Press"];
console.log("ingesting");
for (let n = 0; ; n++) {
  const troops = 1_000 + ((n * 37) % 9_000);
  const raw =
    `Loop ${loop} report ${n} on troops near Kursk\n\n` +
    `South Korea's spy agency said about ${troops.toLocaleString("en-US")} North Korean soldiers were sent to ` +
    `Russia's Kursk region in week ${n} of loop ${loop}. ` +
    `A Ukrainian official said at least ${n + 10} of them were killed, according to ${outlets[n % outlets.length]}.`;
  try {
    const outcome = await ingestDocument(pool, { origin: `loop-${loop}-${n}`, format: "txt", raw });
    if (outcome.status === "created")
      console.log(`ack ${outcome.articleId} ${contentHash(cleanArticleText(raw).body)}`);
  } catch {
    // The database is gone: nothing was acknowledged, try the next article after a pause.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
