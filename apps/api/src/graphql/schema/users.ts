import type { Role } from "@headcount/shared";
import { createUser, listUsers, UserError } from "../../users/users.ts";
import { builder } from "../builder.ts";
import { RoleEnum } from "./enums.ts";
import { NotAuthorizedError, NotFoundError, registerErrorTypes, ValidationError } from "./errors.ts";

registerErrorTypes();

interface UserRow {
  id: number;
  email: string;
  role: Role;
  displayName: string | null;
  createdAt: Date;
  disabledAt: Date | null;
}

const UserRef = builder.objectRef<UserRow>("User").implement({
  description: "An account (admins only). Passwords and their hashes are never exposed.",
  fields: (t) => ({
    id: t.id({
      description: "The account's id.",
      resolve: (user) => Buffer.from(`User:${user.id}`).toString("base64"),
    }),
    email: t.exposeString("email", { description: "The sign-in e-mail address." }),
    role: t.expose("role", { type: RoleEnum, description: "What the account may do." }),
    displayName: t.exposeString("displayName", { nullable: true, description: "A name to show." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the account was created." }),
    disabled: t.boolean({
      description: "True when the account may no longer sign in.",
      resolve: (user) => user.disabledAt !== null,
    }),
  }),
});

builder.queryField("users", (t) =>
  t.field({
    type: [UserRef],
    description: "Every account (admins only).",
    authScopes: { admin: true },
    resolve: (_root, _args, context) => listUsers(context.prisma),
  }),
);

const CreateUserSuccess = builder
  .objectRef<{ user: UserRow; password: string | null }>("CreateUserSuccess")
  .implement({
    description: "The new account.",
    fields: (t) => ({
      user: t.field({ type: UserRef, description: "The account.", resolve: (result) => result.user }),
      password: t.exposeString("password", {
        nullable: true,
        description: "The generated password, shown this once; null when one was given.",
      }),
    }),
  });

builder.mutationField("createUser", (t) =>
  t.field({
    type: CreateUserSuccess,
    description: "Creates an account (admins only); a password is generated when none is given.",
    authScopes: { admin: true },
    errors: {
      types: [ValidationError, NotAuthorizedError],
      directResult: true,
      union: {
        name: "CreateUserResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: {
      email: t.arg.string({ required: true, description: "The sign-in e-mail address." }),
      role: t.arg({ type: RoleEnum, required: true, description: "What the account may do." }),
      password: t.arg.string({ description: "At least 12 characters; generated when left out." }),
    },
    resolve: async (_root, args, context) => {
      try {
        const created = await createUser(context.prisma, {
          email: args.email,
          role: args.role,
          ...(args.password ? { password: args.password } : {}),
          ...(context.viewer?.id ? { actorId: context.viewer.id } : {}),
        });
        const user = await context.prisma.user.findUniqueOrThrow({
          where: { id: created.id },
          select: { id: true, email: true, role: true, displayName: true, createdAt: true, disabledAt: true },
        });
        return { user, password: created.generated ? created.password : null };
      } catch (error) {
        if (error instanceof UserError)
          throw new ValidationError(error.message, [{ path: ["email"], message: error.message }]);
        throw error;
      }
    },
  }),
);

builder.mutationField("setUserRole", (t) =>
  t.field({
    type: UserRef,
    description: "Changes what an account may do (admins only). Its sessions are signed out.",
    authScopes: { admin: true },
    errors: {
      types: [NotFoundError, ValidationError, NotAuthorizedError],
      directResult: true,
      union: {
        name: "SetUserRoleResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: {
      email: t.arg.string({ required: true, description: "The account's e-mail address." }),
      role: t.arg({ type: RoleEnum, required: true, description: "The new role." }),
    },
    resolve: async (_root, args, context) => {
      const email = args.email.trim().toLowerCase();
      const actorId = context.viewer?.id ?? null;
      return context.prisma.$transaction(async (tx) => {
        const user = await tx.user.findUnique({ where: { email } });
        if (!user) throw new NotFoundError(`No account has e-mail ${email}.`);
        if (user.id === actorId && args.role !== "admin") {
          throw new ValidationError("An admin cannot demote themselves.", [
            { path: ["role"], message: "would remove your own admin role" },
          ]);
        }
        const updated = await tx.user.update({
          where: { id: user.id },
          data: { role: args.role, version: { increment: 1 } },
          select: { id: true, email: true, role: true, displayName: true, createdAt: true, disabledAt: true },
        });
        await tx.session.updateMany({
          where: { userId: user.id, revokedAt: null },
          data: { revokedAt: new Date() },
        });
        await tx.auditEvent.create({
          data: {
            action: "user.set_role",
            subjectType: "User",
            subjectId: user.id,
            actorId,
            requestId: context.requestId,
            before: { role: user.role },
            after: { role: args.role },
          },
        });
        return updated;
      });
    },
  }),
);
