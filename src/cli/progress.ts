import cliProgress from "cli-progress";

/** A place to write text, with whether it is a terminal (`process.stderr` fits). */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressReporter {
  start(total: number, alreadyDone: number): void;
  /** One more run recorded; `label` names it (shown on the bar / line). */
  tick(done: number, label: string): void;
  stop(): void;
}

/** Seconds as `42s`, `3m05s`, `1h02m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * Progress of a sweep on `stream` (stderr): a bar with rate and ETA when it is a terminal, else plain
 * lines, at most one per `lineEverySeconds` (and always the last). The ETA is the time per run so
 * far in this session times the runs left. `now` (seconds) is the wall clock, injectable for tests;
 * `tag` is added to every line.
 */
export function createProgress(
  stream: OutputStream,
  options: { now?: () => number; lineEverySeconds?: number; tag?: string } = {},
): ProgressReporter {
  const now = options.now ?? ((): number => performance.now() / 1000);
  const every = options.lineEverySeconds ?? 1;
  // Shown on every line (e.g. that agent code runs without the OS sandbox).
  const tag = options.tag === undefined ? "" : ` | ${options.tag}`;
  let total = 0;
  let startDone = 0;
  let t0 = 0;
  let lastLine = -Infinity;
  const eta = (done: number): { rate: number; etaS: number } => {
    const elapsed = now() - t0;
    const ran = done - startDone;
    const rate = ran > 0 && elapsed > 0 ? ran / elapsed : 0;
    return { rate, etaS: rate > 0 ? (total - done) / rate : Number.NaN };
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: stream as unknown as NodeJS.WritableStream,
        format: `sweep [{bar}] {value}/{total} runs | {rate} runs/s | ETA {etaText} | {label}${tag}`,
        barsize: 30,
        hideCursor: true,
        clearOnComplete: false,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    return {
      start(n, already) {
        total = n;
        startDone = already;
        t0 = now();
        bar.start(n, already, { rate: "-", etaText: "-", label: already > 0 ? `resuming: ${already} done` : "" });
      },
      tick(done, label) {
        const { rate, etaS } = eta(done);
        bar.update(done, { rate: rate.toFixed(1), etaText: formatDuration(etaS), label });
      },
      stop() {
        bar.stop();
      },
    };
  }
  return {
    start(n, already) {
      total = n;
      startDone = already;
      t0 = now();
      stream.write(`sweep: ${n} runs${already > 0 ? `, ${already} already done (resume)` : ""}${tag}\n`);
    },
    tick(done, label) {
      const t = now();
      if (done < total && t - lastLine < every) return;
      lastLine = t;
      const { rate, etaS } = eta(done);
      stream.write(`[${done}/${total}] ${label} | ${rate.toFixed(1)} runs/s | ETA ${formatDuration(etaS)}${tag}\n`);
    },
    stop() {},
  };
}
