import { createHash } from "node:crypto";
import { isoDay } from "@headcount/shared";
import type { SourceDocument } from "./documents.ts";
import { toDate } from "./store-claims.ts";

// What a document is read and recognised by: the text the extractor reads, its hash and its date.

export function contentHash(body: string): string {
  return createHash("sha256").update(body.normalize("NFC")).digest("hex");
}

/** The text the extractor reads: headline first, then the body (headers included for plain-text files). */
export function documentText(document: SourceDocument): string {
  if (document.body) return `${document.title ?? ""}\n\n${document.body}`;
  return document.raw;
}

/**
 * A publication date as given by a file, a manifest or a page, kept only when it names a real day, month
 * or year: "2024-02-30", "2024-13-45", "0000-00-00" or "yesterday" leave the article without a date rather
 * than with another one.
 */
export function publicationDate(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return toDate(text) ? text : null;
  const partial = /^(\d{4})(?:-(\d{2}))?$/.exec(text);
  if (partial) {
    const month = partial[2] === undefined ? 1 : Number(partial[2]);
    return Number(partial[1]) >= 1 && month >= 1 && month <= 12 ? text : null;
  }
  // Absolute dates in other forms ("Mon, 02 Dec 2024 10:00:00 GMT"); words relative to an unknown day are not.
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : isoDay(new Date(parsed));
}
