import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Precision } from "@headcount/shared";
import { isWebAddress, MAX_ARTICLE_BYTES, MAX_ARTICLE_SIZE_LABEL, PRECISIONS } from "@headcount/shared";
import { z } from "zod";
import { declaredCharset, readHtmlArticle } from "./html.ts";
import { DocumentRefused, readDocuments } from "./reader-pool.ts";

/** An input ready for the pipeline: text plus what is known about it. */
export interface SourceDocument {
  /** Where it came from (a path, or a label for pasted text). */
  origin: string;
  format: "txt" | "md" | "html" | "json";
  raw: string;
  title?: string | null;
  body?: string | null;
  url?: string | null;
  /** The address a fetched page names as its own (<link rel=canonical>, og:url). */
  canonicalUrl?: string | null;
  /** When the page was fetched (ISO 8601), for pages taken from the web. */
  fetchedAt?: string | null;
  outlet?: string | null;
  publishedAt?: string | null;
  precision?: Precision | null;
}

export interface RejectedInput {
  origin: string;
  reason: string;
}

export const MAX_TEXT_BYTES = MAX_ARTICLE_BYTES;
const MIN_HTML_TEXT = 80;

const ManifestSchema = z.object({
  articles: z.array(
    z.object({
      file: z.string(),
      outlet: z.string().nullable().optional(),
      url: z.string().trim().refine(isWebAddress, "must be an http(s) address").nullable().optional(),
      publishedAt: z.string().nullable().optional(),
      precision: z.enum(PRECISIONS).nullable().optional(),
    }),
  ),
});
type ManifestEntry = z.infer<typeof ManifestSchema>["articles"][number];

const FORMATS: Record<string, SourceDocument["format"]> = {
  ".txt": "txt",
  ".text": "txt",
  ".md": "md",
  ".markdown": "md",
  ".html": "html",
  ".htm": "html",
  ".json": "json",
  ".ndjson": "json",
  ".jsonl": "json",
};

/** One article in a `.json` / `.ndjson` file. */
const JsonArticleSchema = z.object({
  title: z.string().trim().min(1).optional().nullable(),
  body: z.string().trim().min(1, "body is empty"),
  url: z.string().trim().refine(isWebAddress, "must be an http(s) address").optional().nullable(),
  outlet: z.string().trim().min(1).optional().nullable(),
  publishedAt: z.string().optional().nullable(),
  precision: z.enum(PRECISIONS).optional().nullable(),
});

/**
 * Deepest nesting of a JSON file. An article object needs three or four levels; a file nested thousands
 * deep is refused in one linear pass before any recursive step (parsing, validation) can overflow the stack.
 */
const MAX_JSON_DEPTH = 64;

function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth--;
    if (deepest > MAX_JSON_DEPTH) break;
  }
  return deepest;
}

function jsonDocument(origin: string, value: unknown): SourceDocument | RejectedInput {
  const parsed = JsonArticleSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      origin,
      reason: `invalid article object: ${issue?.path.join(".") || "value"} ${issue?.message ?? ""}`.trim(),
    };
  }
  const article = parsed.data;
  // PostgreSQL text cannot hold U+0000; a "\u0000" escape in the JSON would fail the whole article later.
  if (
    [article.title, article.body, article.url, article.outlet, article.publishedAt].some((v) =>
      v?.includes("\u0000"),
    )
  )
    return { origin, reason: "a field contains a NUL character (\\u0000), which text cannot hold" };
  return {
    origin,
    format: "json",
    raw: JSON.stringify(value),
    title: article.title ?? null,
    body: article.body,
    url: article.url ?? null,
    outlet: article.outlet ?? null,
    publishedAt: article.publishedAt ?? null,
    precision: article.precision ?? null,
  };
}

/** The documents in one decoded file: one for text and HTML, any number for JSON and NDJSON. */
export function documentsFromText(
  origin: string,
  format: SourceDocument["format"],
  text: string,
  ndjson = false,
): (SourceDocument | RejectedInput)[] {
  if (format === "html") {
    let page: ReturnType<typeof readHtmlArticle>;
    try {
      page = readHtmlArticle(text);
    } catch (error) {
      return [{ origin, reason: `the HTML could not be read: ${(error as Error).message}` }];
    }
    // Navigation-only pages leave a word or two; no news article is shorter than a sentence or two.
    if (page.text.trim().length < MIN_HTML_TEXT)
      return [{ origin, reason: "no article text found in the HTML" }];
    return [
      {
        origin,
        format,
        raw: text,
        title: page.title,
        body: page.text,
        url: page.url,
        outlet: page.outlet,
        publishedAt: page.publishedAt,
        precision: page.publishedAt ? "day" : null,
      },
    ];
  }
  if (format === "json") {
    if (jsonNestingDepth(text) > MAX_JSON_DEPTH)
      return [{ origin, reason: `the JSON nests more than ${MAX_JSON_DEPTH} levels deep, the limit` }];
    if (ndjson) {
      return text
        .split("\n")
        .map((line, index) => ({ line: line.trim(), index }))
        .filter(({ line }) => line !== "")
        .map(({ line, index }) => {
          const lineOrigin = `${origin}:${index + 1}`;
          try {
            return jsonDocument(lineOrigin, JSON.parse(line));
          } catch {
            return { origin: lineOrigin, reason: "invalid JSON" };
          }
        });
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return [{ origin, reason: `invalid JSON: ${(error as Error).message}` }];
    }
    const items = Array.isArray(value)
      ? value
      : typeof value === "object" &&
          value !== null &&
          Array.isArray((value as { articles?: unknown }).articles)
        ? (value as { articles: unknown[] }).articles
        : [value];
    if (items.length === 0) return [{ origin, reason: "no articles in the JSON file" }];
    return items.map((item, index) =>
      jsonDocument(items.length > 1 ? `${origin}#${index + 1}` : origin, item),
    );
  }
  return [{ origin, format, raw: text }];
}

export function isRejected(value: SourceDocument | RejectedInput): value is RejectedInput {
  return "reason" in value;
}

/**
 * Decodes bytes as UTF-8 or explains why it cannot: an input must be text, not empty, not binary, and at
 * most MAX_ARTICLE_BYTES.
 */
export function decodeText(
  bytes: Uint8Array,
  declaredCharset?: string | null,
): { text: string } | { reason: string } {
  if (bytes.byteLength === 0) return { reason: "empty file" };
  if (bytes.byteLength > MAX_TEXT_BYTES) {
    return {
      reason: `too large: ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB (the limit is ${MAX_ARTICLE_SIZE_LABEL})`,
    };
  }
  // Anywhere in the file, not only near its start: PostgreSQL text cannot hold a NUL character.
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    return { reason: `binary file (it contains a NUL byte at byte ${nul.toLocaleString("en-US")})` };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: a page that names its charset is decoded with it; anything else is refused.
    const charset =
      declaredCharset && declaredCharset !== "utf-8" && declaredCharset !== "utf8" ? declaredCharset : null;
    if (!charset) return { reason: "not valid UTF-8 text" };
    try {
      text = new TextDecoder(charset, { fatal: true }).decode(bytes);
    } catch {
      return { reason: `not valid ${charset} text (the charset it declares)` };
    }
  }
  const withoutBom = text.replace(/^\uFEFF/, "");
  if (withoutBom.trim() === "") return { reason: "empty file (only whitespace)" };
  return { text: withoutBom };
}

/** Expands files and folders (recursively) into the text files to ingest, with manifest metadata. */
export async function collectDocuments(
  paths: string[],
): Promise<{ documents: SourceDocument[]; rejected: RejectedInput[] }> {
  const documents: SourceDocument[] = [];
  const rejected: RejectedInput[] = [];
  const files: string[] = [];
  for (const input of paths) {
    const resolved = path.resolve(input);
    const info = await stat(resolved).catch(() => null);
    if (!info) {
      rejected.push({ origin: input, reason: "no such file or folder" });
    } else if (info.isDirectory()) {
      files.push(...(await listFiles(resolved)));
    } else {
      files.push(resolved);
    }
  }
  const manifests = new Map<string, Map<string, ManifestEntry> | RejectedInput>();
  for (const file of files.sort()) {
    const base = path.basename(file);
    if (base === "manifest.json") continue;
    const extension = path.extname(file).toLowerCase();
    const format = FORMATS[extension];
    if (!format) continue;
    const folder = path.dirname(file);
    if (!manifests.has(folder)) manifests.set(folder, await readManifest(folder));
    const manifest = manifests.get(folder);
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => error);
    if (bytes instanceof Error) {
      rejected.push({ origin: file, reason: `unreadable: ${bytes.code ?? bytes.message}` });
      continue;
    }
    const decoded = decodeText(bytes, format === "html" ? declaredCharset(bytes) : null);
    if ("reason" in decoded) {
      rejected.push({ origin: file, reason: decoded.reason });
      continue;
    }
    const entry = manifest instanceof Map ? manifest.get(base) : undefined;
    // Read in a reader thread, bounded in time and memory: one bad file fails alone with its reason.
    const items = await readDocuments({
      origin: file,
      format,
      text: decoded.text,
      ndjson: extension !== ".json",
    }).catch((error: unknown): RejectedInput[] => [
      {
        origin: file,
        reason:
          error instanceof DocumentRefused
            ? error.message
            : `could not be read: ${(error as Error).message.slice(0, 200)}`,
      },
    ]);
    for (const item of items) {
      if (isRejected(item)) {
        rejected.push(item);
        continue;
      }
      // The manifest beside a file is the crawler's record of it and wins over what the file says.
      documents.push({
        ...item,
        url: entry?.url ?? item.url ?? null,
        outlet: entry?.outlet ?? item.outlet ?? null,
        publishedAt: entry?.publishedAt ?? item.publishedAt ?? null,
        precision: entry?.precision ?? item.precision ?? null,
      });
    }
  }
  for (const [folder, manifest] of manifests) {
    if (!(manifest instanceof Map))
      rejected.push({ ...manifest, origin: path.join(folder, "manifest.json") });
  }
  return { documents, rejected };
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

async function readManifest(folder: string): Promise<Map<string, ManifestEntry> | RejectedInput> {
  const file = path.join(folder, "manifest.json");
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) return new Map();
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { origin: file, reason: `invalid manifest: ${issue?.path.join(".")} ${issue?.message}` };
    }
    return new Map(parsed.data.articles.map((entry) => [entry.file, entry]));
  } catch (error) {
    return { origin: file, reason: `invalid manifest: ${(error as Error).message.slice(0, 200)}` };
  }
}
