import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DataFileError } from "../core/errors.js";
import { withPath } from "./file-errors.js";

/**
 * The files of a sweep folder and how they are written so that an interrupted sweep (even by
 * kill -9) loses nothing that was recorded and leaves nothing half-written that counts:
 *
 *   OUT/config.json               resolved options (written once, atomically)
 *   OUT/runs.csv                  one row per finished run: the completion record
 *   OUT/events/<run-id>.jsonl     the run's events
 *
 * A run is recorded by (1) writing its JSONL to `<run-id>.jsonl.tmp` and renaming it into place
 * (atomic on POSIX file systems), then (2) appending its CSV row with one `appendFileSync` of one
 * complete line. A run counts as done only when its row is in runs.csv. After a kill: a `.tmp` file
 * is garbage (removed on resume); a JSONL without a row is rerun and replaced by identical bytes; a
 * last CSV line without its newline is a torn append, dropped on resume and rerun.
 *
 * `OUT/sweep.lock/` names the process writing to OUT (pid and start time), so that two sweeps never
 * append to one runs.csv; a lock left by a killed process is taken over by exactly one process
 * (`sweep-lock.ts`).
 */
export const SWEEP_FILES = { config: "config.json", runs: "runs.csv", events: "events", lock: "sweep.lock" } as const;

export const TMP_SUFFIX = ".tmp";

/**
 * Write a file atomically: to `path.tmp`, then rename over `path`. A failed write (ENOSPC) is thrown
 * with the temporary file as its `path`.
 */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = path + TMP_SUFFIX;
  try {
    writeFileSync(tmp, text);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw withPath(e, tmp);
  }
  renameSync(tmp, path);
}

/** Remove leftover temporary files of an interrupted sweep; returns their names. */
export function removeTempFiles(out: string): string[] {
  const removed: string[] = [];
  for (const dir of [out, join(out, SWEEP_FILES.events)]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (f.endsWith(TMP_SUFFIX)) {
        rmSync(join(dir, f), { force: true });
        removed.push(f);
      }
    }
  }
  return removed.sort();
}

export interface RunsCsvState {
  /** run_dir of every complete row kept. */
  completed: Set<string>;
  /** True when the last line had no newline (a torn append) and was dropped. */
  droppedTornLine: boolean;
  /** run_dir of rows dropped because the run ended in an error (they are rerun). */
  droppedErrors: string[];
}

/**
 * Read an existing runs.csv for a resume, and repair it: drop a torn last line and the rows of runs
 * that ended with `end_reason` "error" (a backend failure, worth retrying), rewriting the file
 * atomically if anything was dropped.
 *
 * @throws DataFileError when the header is not `header`, or a complete line has the wrong number of
 *   fields or a quoted field (runs.csv is only ever written by this module, so that is corruption).
 */
export function repairRunsCsv(path: string, header: string): RunsCsvState {
  const text = readFileSync(path, "utf8");
  const columns = header.split(",");
  const runCol = columns.indexOf("run_dir");
  const endCol = columns.indexOf("end_reason");
  const state: RunsCsvState = { completed: new Set(), droppedTornLine: false, droppedErrors: [] };
  const lastNewline = text.lastIndexOf("\n");
  const complete = lastNewline === -1 ? "" : text.slice(0, lastNewline);
  state.droppedTornLine = lastNewline !== text.length - 1;
  const lines = complete === "" ? [] : complete.split("\n");
  if (lines.length === 0) {
    // Not even the header survived: start the file again.
    writeFileAtomic(path, header + "\n");
    return state;
  }
  if (lines[0] !== header) {
    throw new DataFileError(path, `header differs from this version's run columns; expected:\n${header}\ngot:\n${lines[0]}`);
  }
  const kept: string[] = [header];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes('"')) throw new DataFileError(path, `line ${i + 1} has a quoted field; runs.csv rows never do`);
    const cells = line.split(",");
    if (cells.length !== columns.length) {
      throw new DataFileError(path, `line ${i + 1} has ${cells.length} fields; expected ${columns.length}`);
    }
    const run = cells[runCol]!;
    if (endCol !== -1 && cells[endCol] === "error") {
      state.droppedErrors.push(run);
      continue;
    }
    if (state.completed.has(run)) throw new DataFileError(path, `line ${i + 1}: run ${run} appears twice`);
    state.completed.add(run);
    kept.push(line);
  }
  if (state.droppedTornLine || state.droppedErrors.length > 0) writeFileAtomic(path, kept.join("\n") + "\n");
  return state;
}

export { lockSweep } from "./sweep-lock.js";
