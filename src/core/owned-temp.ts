import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { currentProcess, processLiveness } from "./process-identity.js";

/**
 * Temporary folders named after the process that made them, so that the next start can remove the
 * ones a killed process (kill -9, a crash, a power cut) left behind without touching those of
 * processes still running: `<parent>/<prefix><pid>-<start>-XXXXXX`, where `start` is the process's
 * start time (`processStartTime`, "0" where unknown) and XXXXXX is mkdtemp's random suffix.
 */

/**
 * Make a fresh folder `<parent>/<prefix><pid>-<start>-XXXXXX` for this process; returns its path.
 * @example createOwnedTempDir(tmpdir(), "llm-teams-tests-") // "/tmp/llm-teams-tests-4242-327364-a1B2c3"
 */
export function createOwnedTempDir(parent: string, prefix: string): string {
  const me = currentProcess();
  return mkdtempSync(join(parent, `${prefix}${me.pid}-${me.start ?? "0"}-`));
}

/**
 * Remove the folders `createOwnedTempDir(parent, p)` made, for any `p` starting with `prefix`, for
 * processes that no longer run (by pid and start time); returns their names. Folders of running processes, and names that do not
 * follow the pattern, are left alone. Errors removing one folder (permissions) are skipped: this is
 * a clean-up, never a reason to fail.
 */
export function removeStaleTempDirs(parent: string, prefix: string): string[] {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /-(\d+)-(\d+)-[A-Za-z0-9]{6}$/.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    if (pid === process.pid && (m[2] === (currentProcess().start ?? "0"))) continue;
    const alive = processLiveness({ pid, start: m[2] === "0" ? null : m[2]!, boot: null, host: hostname() });
    if (alive.state !== "dead") continue;
    try {
      rmSync(join(parent, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Not ours to remove after all (another user's folder): leave it.
    }
  }
  return removed.sort();
}
