import { builder } from "../builder.ts";
import type { Viewer } from "../context.ts";
import { RoleEnum } from "./enums.ts";

export const ViewerRef = builder.objectRef<Viewer>("Viewer").implement({
  description: "The signed-in user making the request.",
  fields: (t) => ({
    email: t.exposeString("email", { description: "The user's e-mail address." }),
    role: t.expose("role", { type: RoleEnum, description: "What the user may do." }),
  }),
});

builder.queryField("me", (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description: "Who is asking; null when not signed in.",
    resolve: (_root, _args, context) => context.viewer,
  }),
);
