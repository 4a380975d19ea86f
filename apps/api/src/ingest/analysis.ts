import { cleanArticleText, type ExtractedArticle, extractArticle } from "@headcount/extract";
import { publicationDate } from "@headcount/shared";
import { contentHash, documentText } from "./document-text.ts";
import { documentsFromText, type RejectedInput, type SourceDocument } from "./documents.ts";

/**
 * The CPU-bound steps of ingest (reading a page, cleaning, extracting), run in the reader threads
 * (reader-pool.ts) so that a hostile or unlucky document never holds the thread that serves requests.
 */

export type DocumentAnalysis = { hash: string; extracted: ExtractedArticle } | { failed: string };

export interface ReadTask {
  origin: string;
  format: SourceDocument["format"];
  text: string;
  ndjson?: boolean;
}

export function read(task: ReadTask): (SourceDocument | RejectedInput)[] {
  return documentsFromText(task.origin, task.format, task.text, task.ndjson ?? false);
}

export function analyse(document: SourceDocument): DocumentAnalysis {
  const input = documentText(document);
  const cleaned = cleanArticleText(input);
  if (cleaned.body.trim() === "") return { failed: "no article text after the headline" };
  const publishedAt = publicationDate(document.publishedAt);
  const extracted = extractArticle(input, {
    publishedAt,
    precision: publishedAt ? (document.precision ?? null) : null,
    outlet: document.outlet ?? null,
    url: document.url ?? null,
    title: document.title ?? null,
  });
  return { hash: contentHash(cleaned.body), extracted };
}
