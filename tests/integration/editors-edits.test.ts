import { describe, expect, it } from "vitest";
import { claimUpdatesAudited } from "../support/database.ts";
import { editorsHarness, gid } from "../support/editors.ts";

// Edits under contention: one winner among concurrent writers, stale versions refused, history that names
// entities, and invalid patches that change nothing.
const { prisma, gql, gqlWithPool, cookies, anyClaim } = editorsHarness();

describe("concurrent edits", () => {
  it("50 concurrent updateClaim calls with the same version: 1 success, 49 ConflictErrors, 1 audit event", async () => {
    const claim = await prisma.claim.findFirstOrThrow({
      where: { deletedAt: null },
      orderBy: { id: "desc" },
    });
    const document = `mutation ($id: ID!, $v: Int!, $s: String!) {
      updateClaim(id: $id, expectedVersion: $v, patch: { subject: $s }, note: "race") {
        __typename
        ... on ClaimMutationSuccess { claim { version subject } }
        ... on ConflictError { currentVersion currentClaim { version subject } }
      }
    }`;
    // One connection per request: the 50 calls race inside PostgreSQL at once, none waits on the pool.
    const race = await gqlWithPool(50);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        race<{ updateClaim: { __typename: string; claim?: { subject: string }; currentVersion?: number } }>(
          document,
          { id: gid("Claim", claim.id), v: claim.version, s: `subject ${i}` },
          i % 2 ? cookies.editor : cookies.other,
        ),
      ),
    );
    const kinds = results.map((r) => r.data?.updateClaim.__typename);
    expect(kinds.filter((k) => k === "ClaimMutationSuccess")).toHaveLength(1);
    expect(kinds.filter((k) => k === "ConflictError")).toHaveLength(49);
    const winner = results.find((r) => r.data?.updateClaim.__typename === "ClaimMutationSuccess");
    const stored = await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(stored.subject).toBe(winner?.data?.updateClaim.claim?.subject);
    expect(stored.version).toBe(claim.version + 1);
    for (const loser of results.filter((r) => r.data?.updateClaim.__typename === "ConflictError")) {
      expect(loser.data?.updateClaim.currentVersion).toBe(claim.version + 1);
    }
    expect(await claimUpdatesAudited(prisma, claim.id)).toBe(1);
  });

  it("a stale version is refused with the current claim, never overwritten", async () => {
    const claim = await anyClaim();
    const first = await gql<{ updateClaim: { __typename: string } }>(
      `mutation { updateClaim(id: "${gid("Claim", claim.id)}", expectedVersion: ${claim.version}, patch: { hedge: "mine" }) { __typename } }`,
      {},
      cookies.editor,
    );
    expect(first.data?.updateClaim.__typename).toBe("ClaimMutationSuccess");
    const stale = await gql<{ updateClaim: { __typename: string; currentClaim: { hedge: string } } }>(
      `mutation { updateClaim(id: "${gid("Claim", claim.id)}", expectedVersion: ${claim.version}, patch: { hedge: "theirs" }) { __typename ... on ConflictError { currentClaim { hedge } } } }`,
      {},
      cookies.other,
    );
    expect(stale.data?.updateClaim).toEqual({ __typename: "ConflictError", currentClaim: { hedge: "mine" } });
  });

  it("history names the entities a changed source referred to, before and after", async () => {
    const claim = await prisma.claim.findFirstOrThrow({
      where: { deletedAt: null, sourceId: { not: null } },
      orderBy: { id: "desc" },
      include: { source: true },
    });
    const other = await prisma.entity.findFirstOrThrow({
      where: { type: "organization", id: { not: claim.sourceId! }, mergedIntoId: null },
      orderBy: { id: "asc" },
    });
    const edit = await gql<{ updateClaim: { __typename: string } }>(
      `mutation ($id: ID!, $v: Int!, $s: ID) { updateClaim(id: $id, expectedVersion: $v, patch: { source: $s }) { __typename } }`,
      { id: gid("Claim", claim.id), v: claim.version, s: gid("Entity", other.id) },
      cookies.editor,
    );
    expect(edit.data?.updateClaim.__typename).toBe("ClaimMutationSuccess");
    const trail = await gql<{
      history: {
        action: string;
        changes: {
          field: string;
          before: string;
          after: string;
          beforeEntities: { id: string; name: string }[];
          afterEntities: { id: string; name: string }[];
        }[];
      }[];
    }>(
      `query ($id: ID!) { history(subject: $id) { action changes { field before after beforeEntities { id name } afterEntities { id name } } } }`,
      { id: gid("Claim", claim.id) },
    );
    const change = trail.data?.history[0]?.changes.find((c) => c.field === "sourceId");
    expect(change).toEqual({
      field: "sourceId",
      before: String(claim.sourceId),
      after: String(other.id),
      beforeEntities: [{ id: gid("Entity", claim.sourceId!), name: claim.source!.name }],
      afterEntities: [{ id: gid("Entity", other.id), name: other.name }],
    });
    // A field that holds no entity names none.
    const plain = await gql<{
      history: { changes: { beforeEntities: unknown[]; afterEntities: unknown[] }[] }[];
    }>(
      `query ($id: ID!) { history(subject: $id) { changes { field beforeEntities { id } afterEntities { id } } } }`,
      { id: gid("Claim", claim.id) },
    );
    expect(
      plain.data?.history[0]?.changes.filter((c) => c.beforeEntities.length || c.afterEntities.length),
    ).toHaveLength(1);
  });

  it("history names a relay chain's entities in order, before and after", async () => {
    const appearance = await prisma.appearance.findFirstOrThrow({
      where: { claim: { deletedAt: null } },
      orderBy: { id: "asc" },
      include: { claim: true, via: { orderBy: { position: "asc" }, include: { entity: true } } },
    });
    const relays = await prisma.entity.findMany({
      where: { type: "organization", mergedIntoId: null },
      orderBy: { id: "asc" },
      take: 2,
    });
    const edit = await gql<{ updateClaim: { __typename: string } }>(
      `mutation ($id: ID!, $v: Int!, $via: [RelayChainPatch!]) {
        updateClaim(id: $id, expectedVersion: $v, patch: { via: $via }) { __typename }
      }`,
      {
        id: gid("Claim", appearance.claimId),
        v: appearance.claim.version,
        via: [
          { appearance: gid("Appearance", appearance.id), entities: relays.map((e) => gid("Entity", e.id)) },
        ],
      },
      cookies.editor,
    );
    expect(edit.data?.updateClaim.__typename).toBe("ClaimMutationSuccess");
    const trail = await gql<{
      history: {
        changes: { field: string; beforeEntities: { name: string }[]; afterEntities: { name: string }[] }[];
      }[];
    }>(
      `query ($id: ID!) { history(subject: $id) { changes { field beforeEntities { name } afterEntities { name } } } }`,
      { id: gid("Claim", appearance.claimId) },
    );
    const change = trail.data?.history[0]?.changes.find((c) => c.field === `via:${appearance.id}`);
    expect(change?.beforeEntities.map((e) => e.name)).toEqual(appearance.via.map((link) => link.entity.name));
    expect(change?.afterEntities.map((e) => e.name)).toEqual(relays.map((e) => e.name));
  });

  it("an invalid patch comes back as field errors and changes nothing", async () => {
    const claim = await anyClaim();
    const result = await gql<{
      updateClaim: { __typename: string; fieldErrors: { path: string[]; message: string }[] };
    }>(
      `mutation { updateClaim(id: "${gid("Claim", claim.id)}", expectedVersion: ${claim.version}, patch: { qualifier: UP_TO, valueLow: 5, valueHigh: 3 }) { __typename ... on ValidationError { fieldErrors { path message } } } }`,
      {},
      cookies.editor,
    );
    expect(result.data?.updateClaim.__typename).toBe("ValidationError");
    expect(result.data?.updateClaim.fieldErrors.length).toBeGreaterThan(0);
    expect(await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).toEqual(claim);
  });
});
