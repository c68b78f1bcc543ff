import { tmpdir } from "node:os";
import { availableParallelism } from "node:os";
import { error } from "../core/errors.js";

/** How network access of a test process is cut when the OS sandbox is NOT used (`unsafeNoSandbox`). */
export type NetworkIsolation =
  /** A new network namespace (`unshare -n`) when this machine allows one, else the preload alone. */
  | "auto"
  /** Require the namespace; creating the runner fails where it is not available. */
  | "namespace"
  /** Never use a namespace: only the preload that disables Node's network APIs (test commands get nothing). */
  | "preload";

/**
 * Limits and switches of sandboxed test processes (both runners). Inside the OS sandbox (bubblewrap,
 * see README.md) every limit applies; the memory, file-size, process, open-file and CPU limits are
 * resource limits (`prlimit`) set on the first process in the sandbox and inherited by its children.
 */
export interface SandboxLimits {
  /** Wall-clock limit of one test run, in ms; then the whole sandbox is killed (SIGKILL) from outside. @default 10000 */
  timeLimitMs: number;
  /** CPU seconds of each process in the sandbox (RLIMIT_CPU; SIGXCPU, then SIGKILL a second later). @default ceil(timeLimitMs / 1000) + 1 */
  cpuSeconds: number;
  /** JavaScript heap limit in MB (`--max-old-space-size`). @default 256 */
  heapMb: number;
  /**
   * Memory limit in MB: the data segment of each process in the sandbox (RLIMIT_DATA: heap, malloc,
   * private writable mappings) and the resident memory of the whole sandbox, summed over its
   * processes every 20 ms from /proc (the sandbox is killed above it). @default heapMb + 256
   */
  rssMb: number;
  /** Largest file a test process may write, in MB (RLIMIT_FSIZE: the write fails with EFBIG). @default 64 */
  fileSizeMb: number;
  /** Size in MB of each of the sandbox's two writable file systems, the workspace and /tmp (tmpfs; writes beyond fail with ENOSPC). @default 128 */
  diskMb: number;
  /** Processes and threads in the sandbox (RLIMIT_NPROC, counted per sandbox in its own user namespace; Node uses about 11). @default 128 */
  maxProcesses: number;
  /** Open file descriptors per process (RLIMIT_NOFILE). @default 512 */
  openFiles: number;
  /** Time limit of one async test function inside the process, in ms. @default 5000 */
  testTimeoutMs: number;
  /** Bytes of stdout and of stderr kept for messages. @default 65536 */
  maxOutputBytes: number;
  /** Bytes of output after which the process is killed. @default 8388608 */
  killOutputBytes: number;
  /**
   * Run agent code even where the OS sandbox cannot start (no bubblewrap, user namespaces disabled,
   * not Linux): then only Node's permission model, the network preload and `network` confine a JS
   * test, and almost nothing confines a test command. Without it such a runner refuses to be made.
   * Where the sandbox works it is used whatever this says. CLI: `--unsafe-no-sandbox`. @default false
   */
  unsafeNoSandbox: boolean;
  /** Network cut without the OS sandbox (the sandbox always has its own empty network namespace). @default "auto" */
  network: NetworkIsolation;
  /** Test processes at once (per runner). @default os.availableParallelism() */
  parallel: number;
  /** Where temporary job folders are made (only without the OS sandbox: inside it the workspace is a tmpfs). @default os.tmpdir() */
  tempParent: string;
  /** The bubblewrap executable; tests point it at a missing file to see the refusal. @default "bwrap" found on PATH, then /usr/bin/bwrap */
  bwrapPath: string | null;
}

export function resolveSandboxLimits(fn: string, input: Partial<SandboxLimits> = {}): SandboxLimits {
  const heapMb = input.heapMb ?? 256;
  const timeLimitMs = input.timeLimitMs ?? 10_000;
  const l: SandboxLimits = {
    timeLimitMs,
    cpuSeconds: input.cpuSeconds ?? Math.ceil(timeLimitMs / 1000) + 1,
    heapMb,
    rssMb: input.rssMb ?? heapMb + 256,
    fileSizeMb: input.fileSizeMb ?? 64,
    diskMb: input.diskMb ?? 128,
    maxProcesses: input.maxProcesses ?? 128,
    openFiles: input.openFiles ?? 512,
    testTimeoutMs: input.testTimeoutMs ?? 5000,
    maxOutputBytes: input.maxOutputBytes ?? 65_536,
    killOutputBytes: input.killOutputBytes ?? 8 * 1024 * 1024,
    unsafeNoSandbox: input.unsafeNoSandbox ?? false,
    network: input.network ?? "auto",
    parallel: input.parallel ?? Math.max(1, availableParallelism()),
    tempParent: input.tempParent ?? tmpdir(),
    bwrapPath: input.bwrapPath ?? null,
  };
  const inRange = (k: keyof SandboxLimits, min: number, max: number, integer = false): void => {
    const v = l[k] as number;
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      throw error(fn, `${k} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}; got ${String(v)}`);
    }
  };
  inRange("timeLimitMs", 100, 3_600_000);
  inRange("cpuSeconds", 1, 3600, true);
  inRange("heapMb", 16, 65_536);
  inRange("rssMb", 32, 131_072);
  inRange("fileSizeMb", 1, 65_536, true);
  inRange("diskMb", 1, 65_536, true);
  inRange("maxProcesses", 16, 65_536, true);
  inRange("openFiles", 64, 65_536, true);
  inRange("testTimeoutMs", 1, 3_600_000);
  inRange("maxOutputBytes", 1024, 64 * 1024 * 1024);
  inRange("killOutputBytes", 1024, 1024 * 1024 * 1024);
  inRange("parallel", 1, 256, true);
  if (l.rssMb < l.heapMb) throw error(fn, `rssMb (${l.rssMb}) must be at least heapMb (${l.heapMb})`);
  if (typeof l.unsafeNoSandbox !== "boolean") throw error(fn, `unsafeNoSandbox must be true or false; got ${JSON.stringify(l.unsafeNoSandbox)}`);
  if (!["auto", "namespace", "preload"].includes(l.network)) throw error(fn, `network must be "auto", "namespace" or "preload"; got ${JSON.stringify(l.network)}`);
  if (l.bwrapPath !== null && (typeof l.bwrapPath !== "string" || !l.bwrapPath.startsWith("/"))) {
    throw error(fn, `bwrapPath must be an absolute path or null; got ${JSON.stringify(l.bwrapPath)}`);
  }
  return l;
}
