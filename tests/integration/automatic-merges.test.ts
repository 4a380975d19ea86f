import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeVariantsAutomatically } from "../../apps/api/src/curation/automatic-merges.ts";
import { ingestDocument } from "../../apps/api/src/ingest/pipeline.ts";
import { drainQueue, enqueueBatch } from "../../apps/api/src/ingest/queue.ts";
import { testApiAs } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { ingestFixture } from "../support/ingest.ts";

const prisma = testPrisma();
const { pool } = ingestFixture();
afterAll(() => prisma.$disconnect());

let api: Awaited<ReturnType<typeof testApiAs>>;
const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");

async function ingest(origin: string, raw: string): Promise<void> {
  const outcome = await ingestDocument(pool, { origin, format: "txt", raw });
  if (outcome.status !== "created") throw new Error(`not stored: ${JSON.stringify(outcome)}`);
}

const person = (name: string) => prisma.entity.findFirstOrThrow({ where: { name, type: "person" } });

beforeAll(async () => {
  api = await testApiAs(prisma, {
    email: "automatic-merges@example.org",
    role: "editor",
    password: "a long editor password",
  });
  // The minister's name as one outlet spells it, once; then as another spells it, three times over.
  await ingest(
    "first.txt",
    "Border troops reinforced\nSource: Outlet One\nDate: 2024-03-02\n\nAbout 3,000 troops were sent to the border, Defence Minister Anatoly Berezovsky said on Friday. Viktor Morozenko, the regional governor, said 40 civilians had been evacuated.\n",
  );
  await ingest(
    "second.txt",
    "Minister gives troop figure\nSource: Outlet Two\nDate: 2024-03-04\n\nDefence Minister Anatoliy Berezovskiy said on Sunday that 3,500 troops were now at the border. Berezovskiy added that 200 had been wounded. Asked about reserves, Berezovskiy said 1,000 more were ready. Viktor Morozenkov said 60 families had left.\n",
  );
});

describe("automatic merges of spelling variants", () => {
  it("merges a close variant at once, under the better attested name, as an undoable machine judgement", async () => {
    const older = await person("Anatoly Berezovsky");
    const newer = await person("Anatoliy Berezovskiy");
    const open = await prisma.mergeJudgement.findFirstOrThrow({
      where: { verdict: "unsure", origin: "machine", keepId: older.id, mergeId: newer.id },
    });
    expect(open.resolvedAt).toBeNull();

    expect(await mergeVariantsAutomatically(prisma)).toBeGreaterThanOrEqual(1);

    // The name three mentions use stays; the older, once-written one redirects to it.
    const merged = await prisma.entity.findUniqueOrThrow({ where: { id: older.id } });
    expect(merged.mergedIntoId).toBe(newer.id);
    const judgement = await prisma.mergeJudgement.findFirstOrThrow({
      where: { verdict: "same", keepId: newer.id, mergeId: older.id },
    });
    expect(judgement).toMatchObject({ origin: "machine", judgedById: null, undoneAt: null });
    expect(judgement.score).toBeGreaterThanOrEqual(0.85);
    expect(
      (await prisma.mergeJudgement.findUniqueOrThrow({ where: { id: open.id } })).resolvedAt,
    ).not.toBeNull();
    // In both histories, by no user.
    const audited = await prisma.auditEvent.findMany({
      where: { action: "entity.merge", subjectType: "Entity", subjectId: { in: [older.id, newer.id] } },
    });
    expect(audited).toHaveLength(2);
    expect(audited.every((event) => event.actorId === null)).toBe(true);
    // Its claims and mentions now count for the kept entity.
    expect(await prisma.claim.count({ where: { sourceId: older.id } })).toBe(0);
    expect(await prisma.claim.count({ where: { sourceId: newer.id } })).toBeGreaterThanOrEqual(2);

    // A second pass has nothing left to do for the pair.
    await mergeVariantsAutomatically(prisma);
    expect(await prisma.mergeJudgement.count({ where: { verdict: "same", mergeId: older.id } })).toBe(1);
  });

  it("leaves a less certain variant to an editor, and 'not the same' takes it out of the queue", async () => {
    const first = await person("Viktor Morozenko");
    const second = await person("Viktor Morozenkov");
    expect([first.mergedIntoId, second.mergedIntoId]).toEqual([null, null]);
    const SUGGESTIONS = `query ($id: ID!) { node(id: $id) { ... on Entity { mergeSuggestions { id entity { name } } } } }`;
    const before = await api.query<{
      node: { mergeSuggestions: { id: string; entity: { name: string } }[] };
    }>(SUGGESTIONS, { id: gid("Entity", first.id) });
    const suggestion = before.data?.node.mergeSuggestions.find((s) => s.entity.name === "Viktor Morozenkov");
    expect(suggestion).toBeDefined();
    const judged = await api.query<{ judgeMergeSuggestion: { __typename: string } }>(
      `mutation ($id: ID!) { judgeMergeSuggestion(suggestion: $id, verdict: DIFFERENT) { __typename } }`,
      { id: suggestion?.id },
    );
    expect(judged.data?.judgeMergeSuggestion.__typename).toBe("MergeMutationSuccess");
    const after = await api.query<{ node: { mergeSuggestions: { entity: { name: string } }[] } }>(
      SUGGESTIONS,
      {
        id: gid("Entity", first.id),
      },
    );
    expect(after.data?.node.mergeSuggestions.map((s) => s.entity.name)).not.toContain("Viktor Morozenkov");
    // Judged already: a second verdict on the same suggestion is refused, not recorded twice.
    const again = await api.query<{ judgeMergeSuggestion: { __typename: string } }>(
      `mutation ($id: ID!) { judgeMergeSuggestion(suggestion: $id, verdict: SAME) { __typename } }`,
      { id: suggestion?.id },
    );
    expect(again.data?.judgeMergeSuggestion.__typename).not.toBe("MergeMutationSuccess");
    expect((await person("Viktor Morozenkov")).mergedIntoId).toBeNull();
  });

  it("shows the merge on the kept entity's page data, and an editor's undo stands", async () => {
    const kept = await person("Anatoliy Berezovskiy");
    const MERGES = `query ($id: ID!) { node(id: $id) { ... on Entity { merges { id automatic score merged { name } } } } }`;
    const shown = await api.query<{
      node: { merges: { id: string; automatic: boolean; score: number; merged: { name: string } }[] };
    }>(MERGES, { id: gid("Entity", kept.id) });
    expect(shown.errors).toBeUndefined();
    const merge = shown.data?.node.merges.find((m) => m.merged.name === "Anatoly Berezovsky");
    expect(merge).toMatchObject({ automatic: true });
    expect(merge?.score).toBeGreaterThanOrEqual(0.85);

    const undone = await api.query<{ undoMerge: { __typename: string } }>(
      `mutation ($id: ID!) { undoMerge(judgement: $id) { __typename } }`,
      { id: merge?.id },
    );
    expect(undone.data?.undoMerge.__typename).toBe("MergeMutationSuccess");
    expect((await person("Anatoly Berezovsky")).mergedIntoId).toBeNull();
    // The machine does not merge again what an editor took apart.
    await mergeVariantsAutomatically(prisma);
    expect((await person("Anatoly Berezovsky")).mergedIntoId).toBeNull();
    const listed = await api.query<{ node: { merges: unknown[] } }>(MERGES, { id: gid("Entity", kept.id) });
    expect(listed.data?.node.merges).toEqual([]);
  });
});

describe("automatic merges after a queued batch", () => {
  it("are made by the ingest job itself once the batch is stored", async () => {
    const documents = [
      "Convoy reaches the front\nSource: Outlet Three\nDate: 2024-05-01\n\nAbout 1,200 soldiers arrived at the front, General Lyudmila Karavayeva said on Tuesday.\n",
      "Front line figures\nSource: Outlet Four\nDate: 2024-05-03\n\nGeneral Ludmila Karavayeva said on Thursday that 300 soldiers had been wounded. Karavayeva said 1,500 more would follow. Karavayeva gave no date.\n",
    ].map((raw, index) => ({ origin: `queued-${index}.txt`, format: "txt" as const, raw }));
    await enqueueBatch(pool, documents, { trigger: "test" });
    await drainQueue(pool, 1);
    const first = await person("Lyudmila Karavayeva");
    const second = await person("Ludmila Karavayeva");
    // One redirects to the other, by the machine; the name three mentions use is kept.
    expect(first.mergedIntoId).toBe(second.id);
    expect(second.mergedIntoId).toBeNull();
    const judgement = await prisma.mergeJudgement.findFirstOrThrow({
      where: { verdict: "same", keepId: second.id, mergeId: first.id },
    });
    expect(judgement.origin).toBe("machine");
  });
});

describe("a limit on one pass", () => {
  it("stops after that many merges and leaves the rest for the next pass", async () => {
    await ingest(
      "limit-first.txt",
      "Two commanders named\nSource: Outlet Five\nDate: 2024-06-01\n\nGeneral Mykola Hrytsenko said 500 troops were sent. Colonel Oleksiy Danylchuk said 40 soldiers were wounded.\n",
    );
    await ingest(
      "limit-second.txt",
      "Two commanders again\nSource: Outlet Six\nDate: 2024-06-03\n\nGeneral Mykola Hritsenko said 700 troops were sent. Colonel Oleksii Danylchuk said 60 soldiers were wounded.\n",
    );
    const merged = async () =>
      prisma.entity.count({
        where: {
          name: { in: ["Mykola Hrytsenko", "Mykola Hritsenko", "Oleksiy Danylchuk", "Oleksii Danylchuk"] },
          mergedIntoId: { not: null },
        },
      });
    expect(await merged()).toBe(0);
    expect(await mergeVariantsAutomatically(prisma, { limit: 1 })).toBe(1);
    expect(await merged()).toBe(1);
    expect(await mergeVariantsAutomatically(prisma)).toBeGreaterThanOrEqual(1);
    expect(await merged()).toBe(2);
  });
});
