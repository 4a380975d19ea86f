import { describe, expect, it } from "vitest";
import { contentHash } from "../../src/ingest/document-text.ts";
import { decodeText, documentsFromText, isRejected, MAX_TEXT_BYTES } from "../../src/ingest/documents.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("decodeText", () => {
  it("accepts UTF-8 text and drops a byte-order mark", () => {
    expect(decodeText(bytes("\uFEFFHeadline\n\nBody"))).toEqual({ text: "Headline\n\nBody" });
  });

  it("names the reason for every kind of bad input", () => {
    expect(decodeText(new Uint8Array())).toEqual({ reason: "empty file" });
    expect(decodeText(bytes("  \n\t "))).toEqual({ reason: "empty file (only whitespace)" });
    expect(decodeText(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toEqual({
      reason: "binary file (it contains a NUL byte at byte 4)",
    });
    expect(decodeText(Uint8Array.from([0x48, 0x69, 0xff, 0xfe, 0x21]))).toEqual({
      reason: "not valid UTF-8 text",
    });
    expect(decodeText(new Uint8Array(MAX_TEXT_BYTES + 1).fill(0x61))).toEqual({
      reason: "too large: 2.0 MB (the limit is 2 MB)",
    });
  });
});

describe("documentsFromText", () => {
  it("reads one article object, an array, or an { articles } wrapper from JSON", () => {
    const one = documentsFromText(
      "a.json",
      "json",
      JSON.stringify({ title: "T", body: "Body text.", outlet: "Wire" }),
    );
    expect(one).toMatchObject([
      { origin: "a.json", title: "T", body: "Body text.", outlet: "Wire", format: "json" },
    ]);
    const many = documentsFromText(
      "b.json",
      "json",
      JSON.stringify({ articles: [{ body: "One." }, { body: "Two." }] }),
    );
    expect(many.map((d) => d.origin)).toEqual(["b.json#1", "b.json#2"]);
  });

  it("fails a bad NDJSON line alone and names it", () => {
    const items = documentsFromText(
      "c.ndjson",
      "json",
      '{"body":"Fine."}\nnot json\n{"title":"No body"}\n',
      true,
    );
    expect(items.filter((item) => !isRejected(item))).toHaveLength(1);
    expect(items.filter(isRejected)).toEqual([
      { origin: "c.ndjson:2", reason: "invalid JSON" },
      { origin: "c.ndjson:3", reason: expect.stringMatching(/body/) },
    ]);
  });

  it("takes the main text and metadata of an HTML page", () => {
    const paragraph =
      "Officials said the brigade had about 4,000 soldiers when it crossed the river last week. ";
    const html = `<!doctype html><html><head><title>Page title | Site</title>
      <meta property="og:site_name" content="Example Daily">
      <meta property="article:published_time" content="2024-05-02T08:00:00Z">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Brigade crosses the river","url":"https://example.org/a"}</script>
      </head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
      <article><h1>Brigade crosses the river</h1><p>${paragraph.repeat(3)}</p><p>${paragraph.repeat(2)}</p></article>
      <footer>Copyright Example Daily</footer></body></html>`;
    const [document] = documentsFromText("d.html", "html", html);
    expect(document).toMatchObject({
      title: "Brigade crosses the river",
      outlet: "Example Daily",
      url: "https://example.org/a",
      publishedAt: "2024-05-02T08:00:00Z",
    });
    const body = (document as { body: string }).body;
    expect(body).toContain("about 4,000 soldiers");
    expect(body).not.toContain("Home");
    expect(body.split("\n\n").length).toBeGreaterThanOrEqual(2);
  });

  it("refuses an HTML page with no article text", () => {
    expect(documentsFromText("e.html", "html", "<html><body><nav>Home</nav></body></html>")).toEqual([
      { origin: "e.html", reason: "no article text found in the HTML" },
    ]);
  });
});

describe("contentHash", () => {
  it("is the same for the same text in either Unicode normal form", () => {
    expect(contentHash("Zelenskyy\u0301")).toBe(contentHash("Zelenskyy\u0301".normalize("NFC")));
    expect(contentHash("a")).not.toBe(contentHash("b"));
  });
});
