import { existsSync, linkSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { error } from "../core/errors.js";
import { currentProcess, parseProcessIdentity, processLiveness, type ProcessIdentity } from "../core/process-identity.js";
import { describeFileError, makeDirectory } from "./file-errors.js";

/**
 * The sweep lock, `OUT/sweep.lock/`: at most one process writes to a sweep folder, and a lock left by
 * a process that died (kill -9) is taken over by exactly one of the processes that find it, however
 * many race for it.
 *
 * The lock is a folder of generation files. `OUT/sweep.lock/<g>` holds the identity of the process
 * that took generation g (pid, its start time, boot id, host: `ProcessIdentity`); on release it is
 * renamed to `<g>.released`. The lock is held by the owner of the highest generation, unless that
 * file is released or its owner is dead (by pid AND start time, so a reused pid does not keep a dead
 * sweep's lock alive). To take the lock, a process that sees generation m free creates m + 1
 * exclusively: it writes its identity to a private file and hard-links it to `<m + 1>` (link fails
 * if the name exists, and the file appears with its whole content, never empty). Of several
 * processes that saw m free, exactly one link succeeds; the others see m + 1 taken and alive, and
 * refuse. Generations are never reused while a higher one exists: after taking g, the holder
 * removes generations below g, and a slow taker that then re-creates one of them sees g above it
 * and backs off.
 *
 * A lock of an older version (`OUT/sweep.lock` as a file holding a pid) is honoured if that pid
 * runs, else replaced.
 */
export const LOCK_DIR = "sweep.lock";

interface Entry {
  gen: number;
  released: boolean;
  name: string;
}

function entries(dir: string): Entry[] {
  const out: Entry[] = [];
  for (const name of readdirSync(dir)) {
    const m = /^(\d{1,15})(\.released)?$/.exec(name);
    if (m !== null) out.push({ gen: Number(m[1]), released: m[2] !== undefined, name });
  }
  return out;
}

function describeHolder(id: ProcessIdentity): string {
  return `process ${id.pid}${id.host === currentProcess().host ? "" : ` on host ${id.host}`}`;
}

/** Take over an older version's lock file (a pid) if its process is gone; throw if it runs. */
function replaceLegacyLock(out: string, path: string): void {
  const holder = parseProcessIdentity(readFileSync(path, "utf8"));
  if (holder !== null && holder.pid !== process.pid && processLiveness(holder).state !== "dead") {
    throw error("runSweep", `another sweep (${describeHolder(holder)}) is writing to ${out}; wait for it to finish or stop it first`);
  }
  rmSync(path, { force: true });
}

/** Remove the private files `.taking-<pid>-...` of processes that died while taking the lock. */
function removeDeadTakers(dir: string): void {
  for (const name of readdirSync(dir)) {
    const m = /^\.taking-(\d+)-[0-9a-f]+$/.exec(name);
    if (m === null || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ESRCH") rmSync(join(dir, name), { force: true });
    }
  }
}

/**
 * Take `OUT/sweep.lock` for this process; returns the function that releases it.
 * @throws ToolkitError when a running process holds it (naming its pid), when it is held from another
 *   host (which cannot be checked from here), or when the folder cannot be written (naming the code).
 */
export function lockSweep(out: string): () => void {
  const dir = join(out, LOCK_DIR);
  const me = currentProcess();
  try {
    if (existsSync(dir) && !lstatSync(dir).isDirectory()) replaceLegacyLock(out, dir);
    makeDirectory(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === undefined) throw e;
    throw error("runSweep", `cannot create the sweep lock: ${describeFileError(e, dir)}`, e);
  }
  const mine = join(dir, `.taking-${me.pid}-${randomBytes(6).toString("hex")}`);
  try {
    writeFileSync(mine, JSON.stringify({ ...me, at: new Date().toISOString() }) + "\n");
    for (let tries = 0; tries < 100; tries++) {
      const all = entries(dir);
      const top = all.reduce<Entry | null>((a, b) => (a === null || b.gen > a.gen || (b.gen === a.gen && !b.released) ? b : a), null);
      const m = top?.gen ?? 0;
      if (top !== null && !top.released) {
        let text: string;
        try {
          text = readFileSync(join(dir, top.name), "utf8");
        } catch {
          continue; // released or cleaned up meanwhile: look again
        }
        const holder = parseProcessIdentity(text);
        if (holder !== null) {
          const alive = processLiveness(holder);
          if (alive.state === "alive") {
            throw error("runSweep", `another sweep (${describeHolder(holder)}) is writing to ${out}; wait for it to finish or stop it first`);
          }
          if (alive.state === "elsewhere") {
            throw error("runSweep", `${out} is locked by ${describeHolder(holder)} (${alive.reason}); if no sweep runs there, remove ${dir} and try again`);
          }
        }
      }
      const gen = m + 1;
      try {
        linkSync(mine, join(dir, String(gen)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") continue; // another process took it first
        throw e;
      }
      // A generation above ours means ours was a stale number (cleaned up and re-created): back off.
      if (entries(dir).some((x) => x.gen > gen)) {
        rmSync(join(dir, String(gen)), { force: true });
        continue;
      }
      for (const x of entries(dir)) if (x.gen < gen) rmSync(join(dir, x.name), { force: true });
      removeDeadTakers(dir);
      return () => {
        try {
          renameSync(join(dir, String(gen)), join(dir, `${gen}.released`));
        } catch {
          // Already gone (the folder was removed): nothing to release.
        }
      };
    }
    throw error("runSweep", `could not take the lock ${dir} after 100 tries (many processes racing for it?)`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== undefined) throw error("runSweep", `cannot take the sweep lock: ${describeFileError(e, dir)}`, e);
    throw e;
  } finally {
    try {
      unlinkSync(mine);
    } catch {
      // already removed
    }
  }
}
