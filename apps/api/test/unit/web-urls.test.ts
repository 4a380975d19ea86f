import { describe, expect, it } from "vitest";
import { readFeed } from "../../src/ingest/feeds.ts";
import { checkWebUrl, looksLikeUrl } from "../../src/ingest/fetch-page.ts";

describe("web addresses", () => {
  it("fetches http and https only, and says why not otherwise", () => {
    expect(checkWebUrl("https://example.org/a?b=1")).toEqual({ url: new URL("https://example.org/a?b=1") });
    expect(checkWebUrl("http://127.0.0.1:8080/")).toHaveProperty("url");
    expect(checkWebUrl("ftp://example.org/a")).toEqual({
      reason: "only http and https URLs are fetched, not ftp",
    });
    expect(checkWebUrl("file:///etc/passwd")).toEqual({
      reason: "only http and https URLs are fetched, not file",
    });
    expect(checkWebUrl("javascript:alert(1)")).toEqual({
      reason: "only http and https URLs are fetched, not javascript",
    });
    expect(checkWebUrl("example.org/a")).toEqual({ reason: "not a valid URL" });
    expect(checkWebUrl("https://user:secret@example.org/")).toEqual({
      reason: "URLs with a user name or password are not fetched",
    });
  });

  it("tells a URL argument from a path", () => {
    expect(looksLikeUrl("https://example.org/a")).toBe(true);
    expect(looksLikeUrl("ftp://example.org/a")).toBe(true);
    expect(looksLikeUrl("./articles/a.html")).toBe(false);
    expect(looksLikeUrl("C:\\articles\\a.html")).toBe(false);
    expect(looksLikeUrl("articles/http:/a.html")).toBe(false);
  });

  it("reads RSS items by GUID, else by link, once each", () => {
    const feed = readFeed(`<?xml version="1.0"?><rss version="2.0"><channel><title> Wire </title>
      <link>https://example.org/</link><description>d</description>
      <item><title>A</title><link>https://example.org/a</link><guid>id-a</guid></item>
      <item><title>B</title><link>https://example.org/b</link></item>
      <item><title>B again</title><link>https://example.org/b</link></item>
      <item><title>No link</title><guid>id-c</guid></item>
    </channel></rss>`);
    expect(feed).toEqual({
      title: "Wire",
      items: [
        { key: "id-a", link: "https://example.org/a" },
        { key: "https://example.org/b", link: "https://example.org/b" },
        { key: "id-c", link: null },
      ],
    });
  });
});
