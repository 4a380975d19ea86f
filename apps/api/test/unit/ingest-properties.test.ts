import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText, documentsFromText, isRejected } from "../../src/ingest/documents.ts";

describe("ingest input properties", () => {
  it("any bytes are either decoded text or refused with a reason, never a crash", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2_000 }),
        fc.option(fc.constantFrom("windows-1252", "iso-8859-2", "bogus")),
        (bytes, charset) => {
          const result = decodeText(bytes, charset);
          if ("reason" in result) expect(result.reason.length).toBeGreaterThan(0);
          else expect(typeof result.text).toBe("string");
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });

  it("any string read as HTML, JSON or NDJSON yields documents or named refusals", () => {
    const html = fc
      .array(
        fc.constantFrom(
          "<p>",
          "</p>",
          "<article>",
          "<script>",
          "<title>",
          "About 3,000 troops moved. ",
          "&amp;",
          "<",
          ">",
          "\u0000",
        ),
        {
          maxLength: 80,
        },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(
        fc.oneof(html, fc.string({ maxLength: 500 })),
        fc.constantFrom("html", "json", "txt"),
        fc.boolean(),
        (text, format, ndjson) => {
          const items = documentsFromText("input", format as "html" | "json" | "txt", text, ndjson);
          for (const item of items) {
            if (isRejected(item)) expect(item.reason.length).toBeGreaterThan(0);
            else expect(typeof item.raw).toBe("string");
          }
        },
      ),
      { numRuns: 400, seed: 5 },
    );
  });
});
