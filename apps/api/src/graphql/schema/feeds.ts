import { Prisma } from "../../generated/prisma/client.ts";
import {
  DEFAULT_POLL_MINUTES,
  FeedInputError,
  feedInput,
  MAX_POLL_MINUTES,
  MIN_POLL_MINUTES,
} from "../../ingest/feeds.ts";
import { builder } from "../builder.ts";
import { databaseId, globalIdOf } from "../ids.ts";
import { vocabularyEnum } from "./enums.ts";
import { NotAuthorizedError, NotFoundError, ValidationError } from "./errors.ts";
import { optional, optionalOf } from "./field-options.ts";
import { globalIdField } from "./id-field.ts";
import { guardedMutationField } from "./mutations.ts";

const FeedStatusEnum = vocabularyEnum(
  "FeedStatus",
  ["pending", "ok", "failing"],
  "How a feed's polling goes.",
  {
    pending: "Not polled yet.",
    ok: "The last poll read the feed.",
    failing: "The last poll could not read the feed; see lastError.",
  },
);

export const FeedNode = builder.prismaNode("Feed", {
  id: { field: "id" },
  description:
    "An RSS or Atom feed Headcount follows (admins only): polled on a schedule, each new item ingested once.",
  authScopes: { admin: true },
  fields: (t) => ({
    url: t.exposeString("url", { description: "The feed's address." }),
    title: t.exposeString("title", optional("The feed's own title, as last read.")),
    pollIntervalMinutes: t.exposeInt("pollIntervalMinutes", { description: "Minutes between polls." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was added." }),
    status: t.field({
      type: FeedStatusEnum,
      description: "How the last poll went.",
      select: { lastError: true, lastSuccessAt: true },
      resolve: (feed) => (feed.lastError ? "failing" : feed.lastSuccessAt ? "ok" : "pending"),
    }),
    lastPolledAt: t.expose(
      "lastPolledAt",
      optionalOf("DateTime", "When it was last polled, successfully or not."),
    ),
    lastSuccessAt: t.expose("lastSuccessAt", optionalOf("DateTime", "When a poll last read it.")),
    lastError: t.exposeString("lastError", optional("Why the last poll failed; null when it succeeded.")),
    lastErrorAt: t.expose("lastErrorAt", optionalOf("DateTime", "When the last poll failed.")),
    itemsSeen: t.exposeInt("itemsSeen", { description: "Distinct items the feed has listed." }),
    itemsStored: t.exposeInt("itemsStored", { description: "Items stored as articles." }),
  }),
});

builder.queryField("feeds", (t) =>
  t.prismaField({
    type: [FeedNode],
    description: "The feeds Headcount follows, oldest first (admins only).",
    authScopes: { admin: true },
    resolve: (query, _root, _args, context) =>
      context.prisma.feed.findMany({ ...query, orderBy: { id: "asc" } }),
  }),
);

const AddFeedSuccess = builder.objectRef<{ id: number }>("AddFeedSuccess").implement({
  description: "The feed now followed.",
  fields: (t) => ({
    feed: t.prismaField({
      type: FeedNode,
      description: "The feed; it is polled within a minute.",
      resolve: (query, result, _args, context) =>
        context.prisma.feed.findUniqueOrThrow({ ...query, where: { id: result.id } }),
    }),
  }),
});

guardedMutationField("addFeed", "admin", [ValidationError, NotAuthorizedError], {
  type: AddFeedSuccess,
  description: "Follows an RSS or Atom feed (admins only).",
  args: (arg) => ({
    url: arg.string({ required: true, description: "The feed's http(s) address." }),
    pollIntervalMinutes: arg.int({
      description: `Minutes between polls, ${MIN_POLL_MINUTES} to ${MAX_POLL_MINUTES} (default ${DEFAULT_POLL_MINUTES}).`,
    }),
  }),
  resolve: async (_root, args, context) => {
    try {
      const input = feedInput(args.url, args.pollIntervalMinutes ?? DEFAULT_POLL_MINUTES);
      const feed = await context.prisma.feed.create({ data: input, select: { id: true } });
      return feed;
    } catch (error) {
      const unique = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!(error instanceof FeedInputError) && !unique) throw error;
      const message = unique ? `${args.url.trim()} is already followed.` : `${error.message}.`;
      const field = error instanceof FeedInputError ? error.field : "url";
      throw new ValidationError(message, [{ path: [field], message }]);
    }
  },
});

const RemoveFeedSuccess = builder.objectRef<{ id: number; url: string }>("RemoveFeedSuccess").implement({
  description: "The feed no longer followed; the articles it brought stay.",
  fields: (t) => ({
    removedId: globalIdField(t, "Feed", "The global ID the feed had."),
    url: t.exposeString("url", { description: "The feed's address." }),
  }),
});

guardedMutationField("removeFeed", "admin", [NotFoundError, NotAuthorizedError], {
  type: RemoveFeedSuccess,
  description: "Stops following a feed (admins only); the articles it brought stay.",
  args: (arg) => ({ id: arg.globalID({ required: true, description: "The feed's global ID." }) }),
  resolve: async (_root, args, context) => {
    const id = databaseId(args.id, "Feed", "id") as number;
    const feed = await context.prisma.feed.findUnique({ where: { id }, select: { id: true, url: true } });
    const removed = feed ? await context.prisma.feed.deleteMany({ where: { id } }) : { count: 0 };
    if (!feed || removed.count === 0)
      throw new NotFoundError("No such feed is followed.", globalIdOf("Feed", id));
    return feed;
  },
});
