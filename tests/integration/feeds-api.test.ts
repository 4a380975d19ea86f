import { afterAll, describe, expect, it } from "vitest";
import { TEST_ROLE_HEADER, testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";

const prisma = testPrisma();
const { query } = testApi(prisma);
afterAll(() => prisma.$disconnect());

const as = (role: string) => ({ [TEST_ROLE_HEADER]: role });

const ADD = `mutation Add($url: String!, $every: Int) {
  addFeed(url: $url, pollIntervalMinutes: $every) {
    __typename
    ... on AddFeedSuccess { feed { id url pollIntervalMinutes status itemsSeen itemsStored lastError } }
    ... on ValidationError { message fieldErrors { path message } }
    ... on NotAuthorizedError { message }
  }
}`;
const REMOVE = `mutation Remove($id: ID!) {
  removeFeed(id: $id) {
    __typename
    ... on RemoveFeedSuccess { removedId url }
    ... on NotFoundError { message }
    ... on NotAuthorizedError { message }
  }
}`;
const LIST = `{ feeds { id url title status lastSuccessAt lastError lastErrorAt itemsSeen itemsStored } }`;

describe("feeds in the GraphQL API", () => {
  it("lets only admins add, list and remove feeds", async () => {
    for (const role of ["viewer", "editor", "anonymous"]) {
      const added = await query(ADD, { url: "https://news.example.org/feed.xml" }, as(role));
      expect(added.data?.addFeed).toMatchObject({ __typename: "NotAuthorizedError" });
      const listed = await query(LIST, {}, as(role));
      expect(listed.data).toBeNull();
      expect(listed.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await prisma.feed.count()).toBe(0);
  });

  it("adds a feed, lists it with its status, and removes it", async () => {
    const added = await query<{ addFeed: { feed: { id: string; url: string } } }>(
      ADD,
      { url: " https://news.example.org/world/rss ", every: 15 },
      as("admin"),
    );
    expect(added.data?.addFeed).toEqual({
      __typename: "AddFeedSuccess",
      feed: {
        id: expect.any(String),
        url: "https://news.example.org/world/rss",
        pollIntervalMinutes: 15,
        status: "PENDING",
        itemsSeen: 0,
        itemsStored: 0,
        lastError: null,
      },
    });
    const id = added.data?.addFeed.feed.id as string;
    await prisma.feed.updateMany({
      data: {
        lastError: "the server answered 500 Internal Server Error",
        lastErrorAt: new Date(),
        itemsSeen: 3,
      },
    });
    const listed = await query<{ feeds: unknown[] }>(LIST, {}, as("admin"));
    expect(listed.data?.feeds).toEqual([
      expect.objectContaining({
        id,
        status: "FAILING",
        lastError: "the server answered 500 Internal Server Error",
        itemsSeen: 3,
        itemsStored: 0,
      }),
    ]);

    const removed = await query(REMOVE, { id }, as("admin"));
    expect(removed.data?.removeFeed).toEqual({
      __typename: "RemoveFeedSuccess",
      removedId: id,
      url: "https://news.example.org/world/rss",
    });
    const again = await query(REMOVE, { id }, as("admin"));
    expect(again.data?.removeFeed).toEqual({
      __typename: "NotFoundError",
      message: "No such feed is followed.",
    });
  });

  it("refuses a URL that is not http(s), a duplicate and an interval out of range, and stores nothing", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { url: "file:///etc/passwd" },
        "url",
        "file:///etc/passwd: only http and https URLs are fetched, not file.",
      ],
      [{ url: "not a url" }, "url", "not a url: not a valid URL."],
      [
        { url: "https://news.example.org/a.xml", every: 1 },
        "pollIntervalMinutes",
        "the poll interval must be a whole number of minutes from 5 to 10080.",
      ],
    ];
    for (const [variables, field, message] of cases) {
      const result = await query(ADD, variables, as("admin"));
      expect(result.data?.addFeed).toEqual({
        __typename: "ValidationError",
        message,
        fieldErrors: [{ path: [field], message }],
      });
    }
    expect(await prisma.feed.count()).toBe(0);
    await query(ADD, { url: "https://news.example.org/b.xml" }, as("admin"));
    const duplicate = await query(ADD, { url: "https://news.example.org/b.xml" }, as("admin"));
    expect(duplicate.data?.addFeed).toMatchObject({
      __typename: "ValidationError",
      message: "https://news.example.org/b.xml is already followed.",
    });
    expect(await prisma.feed.count()).toBe(1);
  });
});
