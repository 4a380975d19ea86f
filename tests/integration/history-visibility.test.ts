import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../apps/api/src/users/users.ts";
import { TEST_ROLE_HEADER, testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { createFixtureCorpus, type FixtureCorpus, globalId } from "../support/fixtures.ts";

const prisma = testPrisma();
const { query } = testApi(prisma);
let corpus: FixtureCorpus;
afterAll(() => prisma.$disconnect());

const HISTORY = `query ($id: ID!) { history(subject: $id) { action actor note changes { field before after } } }`;
type History = { history: { action: string; actor: string | null; note: string | null }[] };
const as = (role: string | null): Record<string, string> => (role ? { [TEST_ROLE_HEADER]: role } : {});

beforeAll(async () => {
  corpus = await createFixtureCorpus(prisma);
  const editor = await createUser(prisma, {
    email: "secret-editor@example.org",
    role: "editor",
    password: "an editor's long password",
  });
  await prisma.user.update({ where: { id: editor.id }, data: { displayName: "Dana Editor" } });
  const plain = await createUser(prisma, {
    email: "nameless@example.org",
    role: "admin",
    password: "an admin's long password",
  });
  for (const [claim, actorId] of [
    [corpus.claims.deletedWounded, editor.id],
    [corpus.claims.deletedWounded, plain.id],
    [Object.values(corpus.claims).find((id) => id !== corpus.claims.deletedWounded) as number, editor.id],
    [Object.values(corpus.claims).find((id) => id !== corpus.claims.deletedWounded) as number, plain.id],
  ] as const) {
    await prisma.auditEvent.create({
      data: {
        action: "claim.update",
        subjectType: "Claim",
        subjectId: claim,
        actorId,
        note: "private reasoning about the source",
        before: { value: 3000 },
        after: { value: 3100 },
      },
    });
  }
});

describe("history is hidden as its subject is", () => {
  it("a deleted claim's history is empty for anonymous readers and viewers, complete for editors", async () => {
    const id = globalId("Claim", corpus.claims.deletedWounded);
    for (const role of [null, "viewer"]) {
      const result = await query<History>(HISTORY, { id }, as(role));
      expect(result.errors).toBeUndefined();
      expect(result.data?.history).toEqual([]);
    }
    for (const role of ["editor", "admin"]) {
      const result = await query<History>(HISTORY, { id }, as(role));
      expect(result.data?.history.map((entry) => entry.note)).toContain("private reasoning about the source");
    }
  });

  it("shows editors' e-mails only to editors; others see a display name or a role", async () => {
    const visible = Object.values(corpus.claims).find((id) => id !== corpus.claims.deletedWounded) as number;
    const id = globalId("Claim", visible);
    for (const role of [null, "viewer"]) {
      const result = await query<History>(HISTORY, { id }, as(role));
      const actors = result.data?.history.map((entry) => entry.actor) ?? [];
      expect(actors).toEqual(expect.arrayContaining(["Dana Editor", "an admin"]));
      expect(JSON.stringify(result)).not.toMatch(/@example\.org/);
    }
    const editor = await query<History>(HISTORY, { id }, as("editor"));
    expect(editor.data?.history.map((entry) => entry.actor)).toEqual(
      expect.arrayContaining(["secret-editor@example.org", "nameless@example.org"]),
    );
  });
});
