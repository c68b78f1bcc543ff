import { spawn, spawnSync, type ChildProcess, type StdioOptions } from "node:child_process";
import { accessSync, closeSync, constants, openSync, readFileSync, readdirSync } from "node:fs";
import { constants as osConstants } from "node:os";
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
  /**
   * A descriptor on which the command is bubblewrap's `--json-status-fd`: the exit code is taken from
   * its `"exit-code"` line (a code above 128 is the signal that ended the command), and a run without
   * one is a sandbox that did not start (`spawnError`). @default none
   */
  statusFd?: number;
  /** Texts written to descriptors `inputFd`, `inputFd + 1`, ... and then closed (file contents for bubblewrap). @default [] */
  inputs?: readonly string[];
  /** @default 5 */
  inputFd?: number;
  /** Run the child as this user and group (this process must be root). */
  uid?: number;
  gid?: number;
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
  /** Largest resident set seen, summed over the child and its descendants, in bytes (null when not measured). */
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

/**
 * The process ids of `pid`'s children started by its main thread, from /proc (Linux); [] when gone.
 * (Reading every thread's list costs ten times more for a Node process; a child started by another
 * thread is missed by the watch, not by the per-process limits.)
 */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .split(" ")
      .filter((c) => c.trim() !== "")
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * Resident memory of `pid` and all its descendants, in bytes (Linux), or null when `pid` is gone. A
 * sandbox's processes are bubblewrap's descendants, so this is the whole sandbox's memory (at most
 * 4096 processes are visited; the sandbox's process limit is far lower).
 */
export function treeResidentBytes(pid: number): number | null {
  const own = residentBytes(pid);
  if (own === null) return null;
  let total = own;
  const stack = childrenOf(pid);
  for (let seen = 0; stack.length > 0 && seen < 4096; seen++) {
    const p = stack.pop()!;
    total += residentBytes(p) ?? 0;
    stack.push(...childrenOf(p));
  }
  return total;
}

/**
 * Descriptors of this process, above 2, that a child would inherit (opened without close-on-exec,
 * e.g. handed down by the shell that started this process), from /proc/self/fdinfo (Linux; [] elsewhere).
 * `spawnLimited` covers each with /dev/null in the child, so that no such descriptor (a pipe, a
 * socket, a folder outside) reaches the sandbox.
 */
export function inheritableFds(): number[] {
  if (process.platform !== "linux") return [];
  const out: number[] = [];
  let fds: string[];
  try {
    fds = readdirSync("/proc/self/fdinfo");
  } catch {
    return out;
  }
  for (const name of fds) {
    const fd = Number(name);
    if (!(fd > 2)) continue;
    try {
      const m = /^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${name}`, "utf8"));
      if (m && (parseInt(m[1]!, 8) & 0o2000000) === 0) out.push(fd);
    } catch {
      // closed meanwhile (the readdir's own descriptor)
    }
  }
  return out;
}

/** Signal numbers to names, the first name for a number (SIGABRT, not its alias SIGIOT). */
const SIGNAL_NAMES = new Map<number, NodeJS.Signals>();
for (const [name, n] of Object.entries(osConstants.signals)) if (!SIGNAL_NAMES.has(n)) SIGNAL_NAMES.set(n, name as NodeJS.Signals);

/** The exit code bubblewrap reported on its status channel, or null when the command never ran. */
function statusExitCode(status: string): number | null {
  let code: number | null = null;
  for (const line of status.split("\n")) {
    const m = /^\{\s*"exit-code"\s*:\s*(\d+)\s*\}$/.exec(line.trim());
    if (m) code = Number(m[1]);
  }
  return code;
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
    const status = new Capped(64 * 1024);
    const inputs = options.inputs ?? [];
    const inputFd = options.inputFd ?? 5;
    const stdio: (string | number)[] = ["pipe", "pipe", "pipe", options.resultChannel ? "pipe" : "ignore"];
    const slot = (fd: number, what: string | number): void => {
      while (stdio.length <= fd) stdio.push("ignore");
      stdio[fd] = what;
    };
    if (options.statusFd !== undefined) slot(options.statusFd, "pipe");
    inputs.forEach((_, i) => slot(inputFd + i, "pipe"));
    let devNull: number | null = null;
    for (const fd of inheritableFds()) {
      if (fd < stdio.length && stdio[fd] !== "ignore") continue;
      devNull ??= openSync("/dev/null", "r");
      slot(fd, devNull);
    }
    let child: ChildProcess;
    try {
      child = spawn(options.command, [...options.args], {
        cwd: options.cwd,
        env: { ...options.env },
        detached: true,
        shell: false,
        windowsHide: true,
        stdio: stdio as StdioOptions,
        ...(options.uid !== undefined ? { uid: options.uid } : {}),
        ...(options.gid !== undefined ? { gid: options.gid } : {}),
      });
    } catch (e) {
      resolve({ code: null, signal: null, stdout: "", stderr: "", result: "", killed: null, spawnError: (e as Error).message, seconds: 0, peakRssBytes: null });
      return;
    } finally {
      if (devNull !== null) closeSync(devNull);
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
        const rss = treeResidentBytes(child.pid);
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
    if (options.statusFd !== undefined) {
      const fd = child.stdio[options.statusFd] as NodeJS.ReadableStream | null | undefined;
      fd?.on("data", (chunk: Buffer) => status.add(chunk));
    }
    inputs.forEach((text, i) => {
      const fd = child.stdio[inputFd + i] as NodeJS.WritableStream | null | undefined;
      if (!fd) return;
      fd.on("error", () => undefined); // the sandbox failed before reading it
      fd.end(text);
    });
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
      let exitCode = code;
      let exitSignal = signal;
      if (options.statusFd !== undefined && spawnError === null) {
        const reported = statusExitCode(status.text());
        if (reported === null) {
          exitCode = null;
          if (killed === null) spawnError = `the sandbox did not start (bubblewrap ${signal !== null ? `signal ${signal}` : `exit code ${String(code)}`}): ${stderr.text().trim().split("\n").slice(-3).join(" ") || "no message"}`;
        } else if (reported > 128 && SIGNAL_NAMES.has(reported - 128)) {
          exitCode = null;
          exitSignal = SIGNAL_NAMES.get(reported - 128)!;
        } else {
          exitCode = reported;
          exitSignal = null;
        }
      }
      resolve({
        code: exitCode,
        signal: exitSignal,
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

/** The absolute path of an executable on `path` (default: this process's PATH), or null. */
export function findExecutable(name: string, path: string = process.env["PATH"] ?? ""): string | null {
  for (const dir of path.split(delimiter)) {
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
