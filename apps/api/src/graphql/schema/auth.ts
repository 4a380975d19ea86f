import { GraphQLError } from "graphql";
import {
  clearedSessionCookie,
  login,
  logout,
  MAX_EMAIL_LENGTH,
  MAX_PASSWORD_LENGTH,
  SESSION_COOKIE,
  sessionCookie,
} from "../../auth/sessions.ts";
import { builder } from "../builder.ts";
import { errorInterface } from "./errors.ts";
import { payloadOf } from "./mutations.ts";
import { ViewerRef } from "./viewer.ts";

class InvalidCredentialsError extends Error {
  override name = "InvalidCredentialsError";
}

class TooManyAttemptsError extends Error {
  override name = "TooManyAttemptsError";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

const ErrorInterface = errorInterface();

builder.objectType(InvalidCredentialsError, {
  name: "InvalidCredentialsError",
  description: "The e-mail and password do not match an active account (the same answer whichever is wrong).",
  interfaces: [ErrorInterface],
});

builder.objectType(TooManyAttemptsError, {
  name: "TooManyAttemptsError",
  description: "Too many failed sign-ins for this account or from this address; wait and try again.",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt("retryAfterSeconds", {
      description: "Seconds until sign-in is allowed again.",
    }),
  }),
});

const LoginSuccess = payloadOf(
  "LoginSuccess",
  "Signed in; the session cookie is set on the response.",
  "viewer",
  {
    type: ViewerRef,
    description: "Who is now signed in.",
  },
);

builder.mutationField("login", (t) =>
  t.field({
    type: LoginSuccess,
    description:
      "Signs in with e-mail and password and sets an HttpOnly session cookie. A new session starts at every sign-in.",
    errors: {
      types: [InvalidCredentialsError, TooManyAttemptsError],
      directResult: true,
      union: {
        name: "LoginResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: {
      email: t.arg.string({ required: true, description: "The account's e-mail address." }),
      password: t.arg.string({ required: true, description: "The account's password." }),
    },
    resolve: async (_root, args, context) => {
      if (args.email.length > MAX_EMAIL_LENGTH || args.password.length > MAX_PASSWORD_LENGTH) {
        const argument = args.email.length > MAX_EMAIL_LENGTH ? "email" : "password";
        const limit = argument === "email" ? MAX_EMAIL_LENGTH : MAX_PASSWORD_LENGTH;
        throw new GraphQLError(
          `The ${argument === "email" ? "e-mail address" : "password"} is too long (at most ${limit} characters).`,
          { extensions: { code: "BAD_USER_INPUT", argument } },
        );
      }
      const result = await login(context.prisma, {
        email: args.email,
        password: args.password,
        clientIp: context.clientIp,
        userAgent: null,
      });
      if (!result.ok && result.reason === "throttled") {
        const seconds = result.retryAfterSeconds ?? 60;
        const wait =
          seconds < 60
            ? `${seconds} second${seconds === 1 ? "" : "s"}`
            : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? "" : "s"}`;
        throw new TooManyAttemptsError(`Too many failed sign-ins; try again in ${wait}.`, seconds);
      }
      if (!result.ok) throw new InvalidCredentialsError("Wrong e-mail or password.");
      // A session that arrived with the request is ended: signing in never reuses a session id.
      if (context.viewer?.sessionId) await logout(context.prisma, context.viewer.sessionId);
      context.cookies.set(
        sessionCookie(result.token, {
          secure: context.secure,
          maxAgeSeconds: Math.floor((result.expiresAt.getTime() - Date.now()) / 1000),
        }),
      );
      const viewer = { id: result.viewer.id, email: result.viewer.email, role: result.viewer.role };
      context.viewer = { ...viewer, sessionId: result.viewer.sessionId };
      return { viewer };
    },
  }),
);

builder.mutationField("logout", (t) =>
  t.boolean({
    description: `Ends the current session for good and clears the ${SESSION_COOKIE} cookie. True when a session was ended.`,
    resolve: async (_root, _args, context) => {
      context.cookies.set(clearedSessionCookie(context.secure));
      if (!context.viewer?.sessionId) return false;
      await logout(context.prisma, context.viewer.sessionId);
      context.viewer = null;
      return true;
    },
  }),
);
