import cliProgress from "cli-progress";

export interface ProgressReporter {
  update(done: number, total: number, label?: string): void;
  stop(): void;
}

/**
 * A progress bar with rate and ETA on a terminal; plain lines (at most one every 2 seconds, plus the
 * last) when the output is a file or a pipe, so logs stay readable.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: "ingest [{bar}] {value}/{total} articles · {rate}/s · ETA {eta_formatted} {label}",
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    let running = false;
    return {
      update(done, total, label = "") {
        const seconds = (Date.now() - started) / 1000;
        const rate = seconds > 0 ? (done / seconds).toFixed(1) : "0";
        if (!running) {
          bar.start(total, done, { rate, label });
          running = true;
        } else {
          bar.setTotal(total);
          bar.update(done, { rate, label });
        }
      },
      stop() {
        if (running) bar.stop();
      },
    };
  }
  const started = Date.now();
  let lastPrinted = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (done !== total && now - lastPrinted < 2_000) return;
      lastPrinted = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
      stream.write(`ingest: ${done}/${total} articles, ${rate.toFixed(1)}/s, ETA ${eta}s\n`);
    },
    stop() {},
  };
}
