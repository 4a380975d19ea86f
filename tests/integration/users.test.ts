import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../apps/api/src/users/passwords.ts";
import {
  createUser,
  ensureFirstAdmin,
  FIRST_ADMIN_EMAIL,
  listUsers,
  resetPassword,
} from "../../apps/api/src/users/users.ts";
import { testPrisma } from "../support/database.ts";

const prisma = testPrisma();
afterAll(() => prisma.$disconnect());

describe("users", () => {
  it("creates the first admin once, with a random password stored only as an argon2id hash", async () => {
    const admin = await ensureFirstAdmin(prisma);
    expect(admin?.email).toBe(FIRST_ADMIN_EMAIL);
    expect(admin?.password).toMatch(/^[A-Za-z0-9]{20}$/);
    const stored = await prisma.user.findUniqueOrThrow({ where: { email: FIRST_ADMIN_EMAIL } });
    expect(stored.role).toBe("admin");
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored.passwordHash).not.toContain(admin!.password);
    expect(await verifyPassword(stored.passwordHash, admin!.password)).toBe(true);
    expect(await ensureFirstAdmin(prisma)).toBeNull();
  });

  it("creates users with a given or generated password and refuses duplicates and bad input", async () => {
    const editor = await createUser(prisma, {
      email: "Editor@Example.org",
      role: "editor",
      password: "correct horse battery",
    });
    expect(editor.email).toBe("editor@example.org");
    expect(editor.generated).toBe(false);
    const viewer = await createUser(prisma, { email: "viewer@example.org", role: "viewer" });
    expect(viewer.generated).toBe(true);
    await expect(createUser(prisma, { email: "editor@example.org", role: "viewer" })).rejects.toThrow(
      /already exists/,
    );
    await expect(createUser(prisma, { email: "not-an-address", role: "viewer" })).rejects.toThrow(
      /valid e-mail/,
    );
    await expect(
      createUser(prisma, { email: "short@example.org", role: "viewer", password: "short" }),
    ).rejects.toThrow(/at least 12/);
    const emails = (await listUsers(prisma)).map((user) => user.email);
    expect(emails).toContain("editor@example.org");
    expect(emails).not.toContain("short@example.org");
    const audit = await prisma.auditEvent.count({ where: { action: "user.create" } });
    expect(audit).toBe(emails.length);
  });

  it("resets a password, signs out the user's sessions, and audits it", async () => {
    const user = await createUser(prisma, { email: "reset@example.org", role: "editor" });
    await prisma.session.create({
      data: { userId: user.id, tokenHash: "hash-of-some-token", expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const reset = await resetPassword(prisma, { email: "reset@example.org" });
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash, reset.password)).toBe(true);
    expect(await verifyPassword(stored.passwordHash, user.password)).toBe(false);
    expect(await prisma.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(
      await prisma.auditEvent.count({ where: { action: "user.reset_password", subjectId: user.id } }),
    ).toBe(1);
    await expect(resetPassword(prisma, { email: "nobody@example.org" })).rejects.toThrow(/No user/);
  });
});
