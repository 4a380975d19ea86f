import type { Role } from "@headcount/shared";
import { setUserRole } from "../../users/set-role.ts";
import { createUser, listUsers, UserError } from "../../users/users.ts";
import { builder } from "../builder.ts";
import { RoleEnum } from "./enums.ts";
import { NotAuthorizedError, NotFoundError, ValidationError } from "./errors.ts";
import { optional } from "./field-options.ts";
import { globalIdField } from "./id-field.ts";
import { guardedMutationField } from "./mutations.ts";

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
    id: globalIdField(t, "User", "The account's id."),
    email: t.exposeString("email", { description: "The sign-in e-mail address." }),
    role: t.expose("role", { type: RoleEnum, description: "What the account may do." }),
    displayName: t.exposeString("displayName", optional("A name to show.")),
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
      password: t.exposeString(
        "password",
        optional("The generated password, shown this once; null when one was given."),
      ),
    }),
  });

guardedMutationField("createUser", "admin", [ValidationError, NotAuthorizedError], {
  type: CreateUserSuccess,
  description: "Creates an account (admins only); a password is generated when none is given.",
  args: (arg) => ({
    email: arg.string({ required: true, description: "The sign-in e-mail address." }),
    role: arg({ type: RoleEnum, required: true, description: "What the account may do." }),
    password: arg.string({ description: "At least 12 characters; generated when left out." }),
  }),
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
});

guardedMutationField("setUserRole", "admin", [NotFoundError, ValidationError, NotAuthorizedError], {
  type: UserRef,
  description: "Changes what an account may do (admins only). Its sessions are signed out.",
  args: (arg) => ({
    email: arg.string({ required: true, description: "The account's e-mail address." }),
    role: arg({ type: RoleEnum, required: true, description: "The new role." }),
  }),
  resolve: (_root, args, context) =>
    setUserRole(
      context.prisma,
      { userId: context.viewer?.id ?? null, requestId: context.requestId },
      { email: args.email, role: args.role },
    ),
});
