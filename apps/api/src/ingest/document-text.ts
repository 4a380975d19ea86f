import { createHash } from "node:crypto";
import type { SourceDocument } from "./documents.ts";

// What a document is read and recognised by: the text the extractor reads and its hash (its date is read by
// `publicationDate` in @headcount/shared).

export function contentHash(body: string): string {
  return createHash("sha256").update(body.normalize("NFC")).digest("hex");
}

/** The text the extractor reads: headline first, then the body (headers included for plain-text files). */
export function documentText(document: SourceDocument): string {
  if (document.body) return `${document.title ?? ""}\n\n${document.body}`;
  return document.raw;
}
