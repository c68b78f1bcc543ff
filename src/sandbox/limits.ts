import { tmpdir } from "node:os";
import { availableParallelism } from "node:os";
import { error } from "../core/errors.js";

/** How network access of a test process is cut. */
export type NetworkIsolation =
  /** A new network namespace (`unshare -n`) when this machine allows one, else the preload alone. */
  | "auto"
  /** Require the namespace; creating the runner fails where it is not available. */
  | "namespace"
  /** Never use a namespace: only the preload that disables Node's network APIs (test commands get nothing). */
  | "preload";

/** Limits of one sandboxed test process (both runners). */
export interface SandboxLimits {
  /** Wall-clock limit of one test process, in ms; then its process group is killed (SIGKILL). @default 10000 */
  timeLimitMs: number;
  /** JavaScript heap limit in MB (`--max-old-space-size`). @default 256 */
  heapMb: number;
  /**
   * Resident memory limit in MB, checked every 20 ms from /proc on Linux (catches buffers outside the
   * heap, and non-Node test commands); the process is killed above it. @default heapMb + 256
   */
  rssMb: number;
  /** Time limit of one async test function inside the process, in ms. @default 5000 */
  testTimeoutMs: number;
  /** Bytes of stdout and of stderr kept for messages. @default 65536 */
  maxOutputBytes: number;
  /** Bytes of output after which the process is killed. @default 8388608 */
  killOutputBytes: number;
  /** @default "auto" */
  network: NetworkIsolation;
  /** Test processes at once (per runner). @default os.availableParallelism() */
  parallel: number;
  /** Where the temporary job folders are made. @default os.tmpdir() */
  tempParent: string;
}

export function resolveSandboxLimits(fn: string, input: Partial<SandboxLimits> = {}): SandboxLimits {
  const heapMb = input.heapMb ?? 256;
  const l: SandboxLimits = {
    timeLimitMs: input.timeLimitMs ?? 10_000,
    heapMb,
    rssMb: input.rssMb ?? heapMb + 256,
    testTimeoutMs: input.testTimeoutMs ?? 5000,
    maxOutputBytes: input.maxOutputBytes ?? 65_536,
    killOutputBytes: input.killOutputBytes ?? 8 * 1024 * 1024,
    network: input.network ?? "auto",
    parallel: input.parallel ?? Math.max(1, availableParallelism()),
    tempParent: input.tempParent ?? tmpdir(),
  };
  const positive = (k: keyof SandboxLimits, min: number, max: number): void => {
    const v = l[k] as number;
    if (!Number.isFinite(v) || v < min || v > max) throw error(fn, `${k} must be a number from ${min} to ${max}; got ${String(v)}`);
  };
  positive("timeLimitMs", 100, 3_600_000);
  positive("heapMb", 16, 65_536);
  positive("rssMb", 32, 131_072);
  positive("testTimeoutMs", 1, 3_600_000);
  positive("maxOutputBytes", 1024, 64 * 1024 * 1024);
  positive("killOutputBytes", 1024, 1024 * 1024 * 1024);
  positive("parallel", 1, 256);
  if (!Number.isInteger(l.parallel)) throw error(fn, `parallel must be an integer; got ${l.parallel}`);
  if (l.rssMb < l.heapMb) throw error(fn, `rssMb (${l.rssMb}) must be at least heapMb (${l.heapMb})`);
  if (!["auto", "namespace", "preload"].includes(l.network)) throw error(fn, `network must be "auto", "namespace" or "preload"; got ${JSON.stringify(l.network)}`);
  return l;
}
