import { availableParallelism } from "node:os";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type { DocumentAnalysis, ReadTask } from "./analysis.ts";
import type { RejectedInput, SourceDocument } from "./documents.ts";

/**
 * Reading pages and extracting claims run in a pool of worker threads (piscina), never on the thread that
 * answers requests: a document that takes too long or needs too much memory is refused and its thread
 * replaced, and everyone else's requests go on being answered meanwhile.
 */
export const READ_TIME_LIMIT_MS = 10_000;
const READ_MEMORY_LIMIT_MB = 512;

/** A document refused for what it is (too slow or too big to read), not for a fault of the service. */
export class DocumentRefused extends Error {}

let readers: Piscina | null = null;
let readerPriority = 0;

/**
 * Called by a process that serves requests, before its first document: its reader threads then run at a
 * lower priority than the thread that answers requests, so a hostile document never slows an answer.
 */
export function readersYieldToRequests(): void {
  readerPriority = 10;
}

// Two at least, so one slow document never leaves the others waiting; more than four gives ingest nothing
// on the machines this runs on, where PostgreSQL and the API need cores too.
const threads = Math.max(2, Math.min(4, availableParallelism()));

function pool(): Piscina {
  readers ??= new Piscina({
    filename: new URL("./reader-worker.mjs", import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // Idle threads are unreferenced by piscina, so a CLI exits when its work is done.
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: READ_MEMORY_LIMIT_MB },
    workerData: { priority: readerPriority },
  });
  return readers;
}

async function inReader<T>(name: "read" | "analyse", task: unknown, timeLimitMs: number): Promise<T> {
  // The time limit counts from when a thread starts on the task, not from when it was queued: a busy
  // batch makes documents wait, which is no fault of theirs. The thread says when it starts.
  const controller = new AbortController();
  const { port1, port2 } = new MessageChannel();
  let timer: NodeJS.Timeout | undefined;
  port1.once("message", () => {
    timer = setTimeout(() => controller.abort(), timeLimitMs);
  });
  try {
    return (await pool().run(
      { task, started: port2 },
      { name, signal: controller.signal, transferList: [port2] },
    )) as T;
  } catch (error) {
    const { name: errorName, code } = error as { name?: string; code?: string };
    if (errorName === "AbortError")
      throw new DocumentRefused(`reading it took longer than ${timeLimitMs / 1000} s, the limit`);
    if (code === "ERR_WORKER_OUT_OF_MEMORY")
      throw new DocumentRefused(
        `reading it needed more than ${READ_MEMORY_LIMIT_MB} MB of memory, the limit`,
      );
    throw error;
  } finally {
    clearTimeout(timer);
    port1.close();
  }
}

/** The documents in one decoded file or paste (HTML read into text and metadata). */
export function readDocuments(
  task: ReadTask,
  timeLimitMs = READ_TIME_LIMIT_MS,
): Promise<(SourceDocument | RejectedInput)[]> {
  return inReader("read", task, timeLimitMs);
}

/** Cleaned text's hash and the extracted claims of one document. */
export function analyseDocument(
  document: SourceDocument,
  timeLimitMs = READ_TIME_LIMIT_MS,
): Promise<DocumentAnalysis> {
  return inReader("analyse", document, timeLimitMs);
}

export async function closeReaders(): Promise<void> {
  const closing = readers;
  readers = null;
  await closing?.close({ force: true });
}
