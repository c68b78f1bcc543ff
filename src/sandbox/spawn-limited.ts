import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Why the parent killed a child. */
export type KillReason = "time" | "memory" | "output";

export interface LimitedSpawnOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  /** The child's whole environment (nothing is inherited). */
  env: Readonly<Record<string, string>>;
  /** Written to the child's stdin, which is then closed. @default "" */
  stdin?: string;
  /** Wall-clock limit in ms; then the process group is killed with SIGKILL. */
  timeLimitMs: number;
  /** Resident memory (bytes) above which the child is killed; checked every `memoryPollMs` on Linux. null = no check. */
  rssLimitBytes: number | null;
  /** @default 20 */
  memoryPollMs?: number;
  /** Bytes of stdout and of stderr kept (the rest is read and dropped). */
  maxOutputBytes: number;
  /** Total bytes of output (stdout + stderr + fd 3) after which the child is killed. */
  killOutputBytes: number;
  /** Open fd 3 as a pipe to the parent (the harness's result channel). @default false */
  resultChannel?: boolean;
}

export interface LimitedSpawnResult {
  /** Exit code, or null when the child died of a signal or never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** What the child wrote to fd 3 (up to `maxOutputBytes`). */
  result: string;
  /** Set when the parent killed the child for exceeding a limit. */
  killed: KillReason | null;
  /** Set when the process could not be started (e.g. the command does not exist). */
  spawnError: string | null;
  /** Wall-clock seconds from spawn to exit. */
  seconds: number;
  /** Largest resident set seen, in bytes (null when not measured). */
  peakRssBytes: number | null;
}

// Children still running, killed if this process exits first (a sweep stopped by Ctrl-C).
const live = new Set<ChildProcess>();
let exitHook = false;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Resident set size of `pid` in bytes from /proc (Linux), or null where that is not available. */
export function residentBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

class Capped {
  private chunks: Buffer[] = [];
  private kept = 0;
  constructor(private readonly cap: number) {}
  add(chunk: Buffer): void {
    if (this.kept >= this.cap) return;
    const piece = chunk.length > this.cap - this.kept ? chunk.subarray(0, this.cap - this.kept) : chunk;
    this.chunks.push(piece);
    this.kept += piece.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

/**
 * Run a process under limits, never throwing: a wall-clock limit, a resident-memory cap (Linux),
 * caps on the output kept and on the output produced, and SIGKILL of its whole process group (it is
 * started detached, as a group leader) when a limit is hit or when this process exits.
 */
export function spawnLimited(options: LimitedSpawnOptions): Promise<LimitedSpawnResult> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const stdout = new Capped(options.maxOutputBytes);
    const stderr = new Capped(options.maxOutputBytes);
    const result = new Capped(options.maxOutputBytes);
    let produced = 0;
    let killed: KillReason | null = null;
    let peak: number | null = null;
    let child: ChildProcess;
    try {
      child = spawn(options.command, [...options.args], {
        cwd: options.cwd,
        env: { ...options.env },
        detached: true,
        shell: false,
        windowsHide: true,
        stdio: ["pipe", "pipe", "pipe", options.resultChannel ? "pipe" : "ignore"],
      });
    } catch (e) {
      resolve({ code: null, signal: null, stdout: "", stderr: "", result: "", killed: null, spawnError: (e as Error).message, seconds: 0, peakRssBytes: null });
      return;
    }
    live.add(child);
    if (!exitHook) {
      exitHook = true;
      process.once("exit", () => {
        for (const c of live) killGroup(c);
      });
    }
    const kill = (reason: KillReason): void => {
      if (killed === null) killed = reason;
      killGroup(child);
    };
    const timer = setTimeout(() => kill("time"), options.timeLimitMs);
    let poll: NodeJS.Timeout | null = null;
    if (options.rssLimitBytes !== null && process.platform === "linux") {
      const limit = options.rssLimitBytes;
      poll = setInterval(() => {
        if (child.pid === undefined) return;
        const rss = residentBytes(child.pid);
        if (rss === null) return;
        if (peak === null || rss > peak) peak = rss;
        if (rss > limit) kill("memory");
      }, options.memoryPollMs ?? 20);
    }
    const count = (cap: Capped) => (chunk: Buffer): void => {
      produced += chunk.length;
      cap.add(chunk);
      if (produced > options.killOutputBytes) kill("output");
    };
    child.stdout?.on("data", count(stdout));
    child.stderr?.on("data", count(stderr));
    const fd3 = child.stdio[3];
    if (fd3 && "on" in fd3) (fd3 as NodeJS.ReadableStream).on("data", count(result) as (chunk: string | Buffer) => void);
    child.stdin?.on("error", () => undefined); // the child may exit before reading its stdin
    child.stdin?.end(options.stdin ?? "");
    let spawnError: string | null = null;
    child.on("error", (e) => {
      spawnError = e.message;
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      live.delete(child);
      // A group member may outlive the leader (a test command's own children).
      killGroup(child);
      resolve({
        code,
        signal,
        stdout: stdout.text(),
        stderr: stderr.text(),
        result: result.text(),
        killed,
        spawnError,
        seconds: (performance.now() - t0) / 1000,
        peakRssBytes: peak,
      });
    });
  });
}

let unshareProbe: readonly string[] | null | undefined;

/**
 * The command prefix that runs a program without network in a new network namespace, found once:
 * `["unshare", "-n"]` (root), else `["unshare", "-rn"]` (an unprivileged user namespace), else null
 * when neither works here (no util-linux, or namespaces disabled, as in many containers).
 */
export function networkNamespacePrefix(): readonly string[] | null {
  if (unshareProbe !== undefined) return unshareProbe;
  unshareProbe = null;
  if (process.platform !== "linux") return null;
  const unshare = findExecutable("unshare");
  if (unshare === null) return null;
  for (const flags of ["-n", "-rn"]) {
    const r = spawnSync(unshare, [flags, process.execPath, "-e", "0"], { stdio: "ignore", timeout: 10_000 });
    if (r.status === 0) {
      unshareProbe = [unshare, flags];
      break;
    }
  }
  return unshareProbe;
}

/** The absolute path of an executable on this process's PATH, or null. */
export function findExecutable(name: string): string | null {
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
