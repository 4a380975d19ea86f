// Edits every claim over and over until killed: the SIGKILL-during-editing test runs this and kills it.
import { updateClaim } from "../../../apps/api/src/curation/claims.ts";
import { createPrismaClient } from "../../../apps/api/src/db/prisma.ts";
import { createUser } from "../../../apps/api/src/users/users.ts";

const prisma = createPrismaClient(process.env.DATABASE_URL as string, { max: 4 });
const user = await createUser(prisma, {
  email: `crash-${process.pid}@example.org`,
  role: "editor",
  password: "a long enough password",
});
const claims = await prisma.claim.findMany({ select: { id: true } });
console.log("editing");
for (let round = 0; ; round++) {
  await Promise.all(
    claims.map(async ({ id }) => {
      const claim = await prisma.claim.findUniqueOrThrow({ where: { id } });
      await updateClaim(
        prisma,
        { userId: user.id, requestId: null },
        { claimId: id, expectedVersion: claim.version, patch: { subject: `edit ${round}` }, note: "loop" },
      ).catch(() => {});
    }),
  );
}
