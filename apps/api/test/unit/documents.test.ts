import { describe, expect, it } from "vitest";
import { decodeText, MAX_TEXT_BYTES } from "../../src/ingest/documents.ts";
import { contentHash, parseTextArticle } from "../../src/ingest/pipeline.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("decodeText", () => {
  it("accepts UTF-8 text and drops a byte-order mark", () => {
    expect(decodeText(bytes("\uFEFFHeadline\n\nBody"))).toEqual({ text: "Headline\n\nBody" });
  });

  it("names the reason for every kind of bad input", () => {
    expect(decodeText(new Uint8Array())).toEqual({ reason: "empty file" });
    expect(decodeText(bytes("  \n\t "))).toEqual({ reason: "empty file (only whitespace)" });
    expect(decodeText(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toEqual({
      reason: "binary file (it contains NUL bytes)",
    });
    expect(decodeText(Uint8Array.from([0x48, 0x69, 0xff, 0xfe, 0x21]))).toEqual({
      reason: "not valid UTF-8 text",
    });
    expect(decodeText(new Uint8Array(MAX_TEXT_BYTES + 1).fill(0x61))).toEqual({
      reason: "too large: 2.0 MB (the limit is 2 MB)",
    });
  });
});

describe("parseTextArticle", () => {
  it("reads the headline and the optional Source and Date header lines", () => {
    const article = parseTextArticle({
      origin: "a.txt",
      format: "txt",
      raw: "Troops gather at the border\nSource: Example Wire\nDate: 2024-03-05\n\nThe first paragraph.\n\nThe second.",
    });
    expect(article).toEqual({
      title: "Troops gather at the border",
      body: "The first paragraph.\n\nThe second.",
      outlet: "Example Wire",
      publishedAt: "2024-03-05",
      precision: "day",
    });
  });

  it("prefers metadata given beside the file over the header lines", () => {
    const article = parseTextArticle({
      origin: "b.txt",
      format: "txt",
      raw: "Headline\nSource: Header Outlet\n\nBody.",
      outlet: "Manifest Outlet",
      publishedAt: "2025-01",
      precision: "month",
    });
    expect(article.outlet).toBe("Manifest Outlet");
    expect(article.precision).toBe("month");
  });
});

describe("contentHash", () => {
  it("is the same for the same text in either Unicode normal form", () => {
    expect(contentHash("Zelenskyy\u0301")).toBe(contentHash("Zelenskyy\u0301".normalize("NFC")));
    expect(contentHash("a")).not.toBe(contentHash("b"));
  });
});
