// Entry of a reader thread (reader-pool.ts). The sources are TypeScript: where the thread has no loader for
// them (tsx's hooks do not always reach worker threads), it registers tsx's own.
import { setPriority } from "node:os";
import { workerData } from "node:worker_threads";

// In a process that answers requests, reading and extraction yield the CPU to the thread that answers
// them: on Linux a thread has a priority of its own, and this lowers only this reader thread's. A batch
// ingest (the CLI, a queue worker) keeps the normal priority.
if (workerData?.priority) {
  try {
    setPriority(workerData.priority);
  } catch {
    // not permitted here: the thread keeps the process's priority
  }
}

async function load() {
  try {
    return await import("./analysis.ts");
  } catch (error) {
    if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
    const { tsImport } = await import("tsx/esm/api");
    return tsImport("./analysis.ts", import.meta.url);
  }
}
const analysis = await load();
// The extractor builds its lexicons on first use (about half a second): pay that when the thread starts,
// not in the first request it serves.
analysis.analyse({
  origin: "warm-up",
  format: "txt",
  raw: "Warm-up\n\nAbout 10 soldiers arrived, officials said.",
});

/** Runs one task after telling the pool it has started (its time limit counts from here). */
function started(step) {
  return ({ task, started: port }) => {
    port.postMessage("started");
    port.close();
    return step(task);
  };
}

export const read = started(analysis.read);
export const analyse = started(analysis.analyse);
