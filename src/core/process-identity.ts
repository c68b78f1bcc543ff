import { readFileSync } from "node:fs";
import { hostname } from "node:os";

/**
 * Who a process is, well enough to tell later whether it still runs: a process id alone is not
 * enough, since ids are reused (a lock left by a sweep killed last week may name a pid that now
 * belongs to a shell). On Linux the kernel's start time of the process (`/proc/<pid>/stat`, field 22,
 * clock ticks since boot) and the boot id (`/proc/sys/kernel/random/boot_id`) make the identity
 * unique; elsewhere they are null and only the pid is checked.
 */
export interface ProcessIdentity {
  pid: number;
  /** Field 22 of `/proc/<pid>/stat` (start time in clock ticks since boot), or null off Linux. */
  start: string | null;
  /** `/proc/sys/kernel/random/boot_id`, or null off Linux. */
  boot: string | null;
  host: string;
}

/** Field 22 (`starttime`) of `/proc/<pid>/stat`, or null when it cannot be read (no such process, no /proc). */
export function processStartTime(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count fields after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state), so field 22 is fields[19].
  return fields[19] ?? null;
}

let bootId: string | null | undefined;
function currentBoot(): string | null {
  if (bootId === undefined) {
    try {
      bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || null;
    } catch {
      bootId = null;
    }
  }
  return bootId;
}

/** This process's identity. */
export function currentProcess(): ProcessIdentity {
  return { pid: process.pid, start: processStartTime(process.pid), boot: currentBoot(), host: hostname() };
}

/** Whether the process a recorded identity names still runs, and why it is thought so. */
export type Liveness =
  | { state: "alive" }
  | { state: "dead"; reason: string }
  /** On another machine (a shared folder): cannot be checked from here. */
  | { state: "elsewhere"; reason: string };

/**
 * Whether the process `id` still runs: dead when no process has its pid, when the machine has been
 * rebooted since (another boot id), or when the process with that pid started at another time (the
 * pid was reused); "elsewhere" when it was recorded on another host.
 */
export function processLiveness(id: ProcessIdentity): Liveness {
  if (id.host !== hostname()) return { state: "elsewhere", reason: `it ran on host ${JSON.stringify(id.host)}, not this one (${JSON.stringify(hostname())})` };
  const boot = currentBoot();
  if (id.boot !== null && boot !== null && id.boot !== boot) return { state: "dead", reason: "the machine has been restarted since" };
  try {
    process.kill(id.pid, 0);
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return { state: "dead", reason: `no process ${id.pid} runs` };
  }
  if (id.start !== null) {
    const now = processStartTime(id.pid);
    if (now !== null && now !== id.start) return { state: "dead", reason: `process ${id.pid} is another process now (its start time differs: the id was reused)` };
  }
  return { state: "alive" };
}

/**
 * Parse an identity written as JSON, or null for anything else (an older lock holding only a pid
 * gives `{ pid, start: null, boot: null, host: this host }`).
 */
export function parseProcessIdentity(text: string): ProcessIdentity | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { pid: Number(t), start: null, boot: null, host: hostname() };
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch {
    return null;
  }
  const o = v as Partial<ProcessIdentity> | null;
  if (typeof o !== "object" || o === null || !Number.isSafeInteger(o.pid) || (o.pid as number) <= 0 || typeof o.host !== "string") return null;
  const str = (x: unknown): string | null => (typeof x === "string" ? x : null);
  return { pid: o.pid as number, start: str(o.start), boot: str(o.boot), host: o.host };
}
