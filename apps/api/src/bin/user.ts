// npm run user -- create --email E --role viewer|editor|admin [--password P] | reset-password --email E | list
import { isoDay, ROLES, type Role } from "@headcount/shared";
import { ConfigError } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { applyMigrations } from "../db/migrations.ts";
import { createPrismaClient } from "../db/prisma.ts";
import { createUser, listUsers, resetPassword, UserError } from "../users/users.ts";
import { exit, parseCommandLine } from "./command-line.ts";

const USAGE = `Usage:
  npm run user -- create --email E --role viewer|editor|admin [--password P] [--name NAME]
  npm run user -- reset-password --email E [--password P]
  npm run user -- list
A random password is generated and printed once when none is given.`;

const { positionals, values } = parseCommandLine(
  {
    email: { type: "string" },
    role: { type: "string" },
    password: { type: "string" },
    name: { type: "string" },
  },
  USAGE,
);
const command = positionals[0];
if (values.help || !command || !["create", "reset-password", "list"].includes(command)) {
  console.error(USAGE);
  exit(values.help ? 0 : 2);
}
if (command !== "list" && !values.email) {
  console.error(`--email is required.\n${USAGE}`);
  exit(2);
}
if (
  command === "create" &&
  values.role !== undefined &&
  !(ROLES as readonly string[]).includes(values.role)
) {
  console.error(`Role must be one of ${ROLES.join(", ")}.`);
  exit(2);
}

const db = await openDatabase().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  return exit(1);
});
let exitCode = 0;
try {
  await applyMigrations(db.url);
  const prisma = createPrismaClient(db.url, { max: 2 });
  try {
    if (command === "create") {
      const user = await createUser(prisma, {
        email: values.email ?? "",
        role: (values.role ?? "viewer") as Role,
        ...(values.password !== undefined ? { password: values.password } : {}),
        ...(values.name !== undefined ? { displayName: values.name } : {}),
      });
      console.log(`Created ${user.role} ${user.email}.`);
      if (user.generated) console.log(`Password (shown once): ${user.password}`);
    } else if (command === "reset-password") {
      const result = await resetPassword(prisma, {
        email: values.email ?? "",
        ...(values.password !== undefined ? { password: values.password } : {}),
      });
      console.log(`New password set for ${result.email}; their sessions were signed out.`);
      if (result.generated) console.log(`Password (shown once): ${result.password}`);
    } else {
      const users = await listUsers(prisma);
      if (users.length === 0) console.log("No users yet.");
      for (const user of users) {
        const state = user.disabledAt ? " (disabled)" : "";
        console.log(
          `${String(user.id).padStart(4)}  ${user.role.padEnd(6)}  ${user.email}${state}  since ${isoDay(user.createdAt)}`,
        );
      }
    }
  } finally {
    await prisma.$disconnect();
  }
} catch (error) {
  console.error(error instanceof UserError || error instanceof ConfigError ? error.message : error);
  exitCode = 1;
} finally {
  await db.stop();
}
exit(exitCode);
