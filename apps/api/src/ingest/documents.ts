import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Precision } from "@headcount/shared";
import { PRECISIONS } from "@headcount/shared";
import { z } from "zod";

/** An input ready for the pipeline: text plus what is known about it. */
export interface SourceDocument {
  /** Where it came from (a path, or a label for pasted text). */
  origin: string;
  format: "txt" | "md" | "html" | "json";
  raw: string;
  title?: string | null;
  body?: string | null;
  url?: string | null;
  outlet?: string | null;
  publishedAt?: string | null;
  precision?: Precision | null;
}

export interface RejectedInput {
  origin: string;
  reason: string;
}

export const MAX_TEXT_BYTES = 2 * 1024 * 1024;

const ManifestSchema = z.object({
  articles: z.array(
    z.object({
      file: z.string(),
      outlet: z.string().nullable().optional(),
      url: z.string().nullable().optional(),
      publishedAt: z.string().nullable().optional(),
      precision: z.enum(PRECISIONS).nullable().optional(),
    }),
  ),
});
type ManifestEntry = z.infer<typeof ManifestSchema>["articles"][number];

const TEXT_EXTENSIONS = new Set([".txt", ".md"]);

/**
 * Decodes bytes as UTF-8 or explains why it cannot: an input must be text, not empty, not binary, and at
 * most 2 MB.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { reason: string } {
  if (bytes.byteLength === 0) return { reason: "empty file" };
  if (bytes.byteLength > MAX_TEXT_BYTES) {
    return { reason: `too large: ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB (the limit is 2 MB)` };
  }
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return { reason: "binary file (it contains NUL bytes)" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { reason: "not valid UTF-8 text" };
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
    if (!TEXT_EXTENSIONS.has(extension)) continue;
    const folder = path.dirname(file);
    if (!manifests.has(folder)) manifests.set(folder, await readManifest(folder));
    const manifest = manifests.get(folder);
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => error);
    if (bytes instanceof Error) {
      rejected.push({ origin: file, reason: `unreadable: ${bytes.code ?? bytes.message}` });
      continue;
    }
    const decoded = decodeText(bytes);
    if ("reason" in decoded) {
      rejected.push({ origin: file, reason: decoded.reason });
      continue;
    }
    const entry = manifest instanceof Map ? manifest.get(base) : undefined;
    documents.push({
      origin: file,
      format: extension === ".md" ? "md" : "txt",
      raw: decoded.text,
      url: entry?.url ?? null,
      outlet: entry?.outlet ?? null,
      publishedAt: entry?.publishedAt ?? null,
      precision: entry?.precision ?? null,
    });
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
    const manifest = ManifestSchema.parse(JSON.parse(text));
    return new Map(manifest.articles.map((entry) => [entry.file, entry]));
  } catch (error) {
    return { origin: file, reason: `invalid manifest: ${(error as Error).message.slice(0, 200)}` };
  }
}
