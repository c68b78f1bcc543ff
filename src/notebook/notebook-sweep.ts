import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { error } from "../core/errors.js";
import { projectRoot } from "../core/project-root.js";
import { describeSweep } from "../experiment/describe-sweep.js";
import { resolveSweepOptions, type SweepOptions, type SweepOptionsInput } from "../experiment/options.js";
import { runSweep, type SweepDeps } from "../experiment/sweep.js";
import { SIMULATED_NOTE } from "../llm/simulated-note.js";
import { loadSweepResults, type SweepResults } from "../report/sweep-results.js";
import type { NotebookSession } from "./notebook-session.js";
import { progressBar, stepLine, textBundle, type StepState } from "./progress.js";

/** What a notebook may choose of a sweep: everything but where its files go and resuming. */
export type NotebookSweepInput = Omit<SweepOptionsInput, "out" | "resume">;

/** Options of {@link runNotebookSweep}. */
export interface NotebookSweepOptions {
  /**
   * Folder to keep the sweep's files in (config.json, runs.csv, events/). It must not hold a sweep yet.
   * @default a new temporary folder, removed once the results are loaded
   */
  keepIn?: string;
  /** The package version written to config.json. @default the project's package.json version */
  packageVersion?: string;
  /** Passed to `runSweep` (a catalog, test runner, backends). @default the library's defaults (simulated backend) */
  deps?: Omit<SweepDeps, "packageVersion">;
  /** Monotonic clock in seconds, for the time on the progress line. @default performance.now() / 1000 */
  clock?: () => number;
}

/** A sweep run from a notebook: its resolved options and its results (the same shapes as the paper's data). */
export interface NotebookSweep extends SweepResults {
  options: SweepOptions;
  /** Runs that did not succeed. */
  failed: number;
}

/**
 * Run a sweep with the library's sweep (`runSweep`, the code behind `npm run sweep`) from a notebook,
 * under one progress line that counts the runs, and load its results (`loadSweepResults`). Its files go
 * to a temporary folder that is removed afterwards, unless `keepIn` names a folder to keep them in.
 *
 * @throws ToolkitError for invalid sweep options (`resolveSweepOptions`), or when the sweep fails or stops early.
 */
export async function runNotebookSweep(nb: NotebookSession, input: NotebookSweepInput, options: NotebookSweepOptions = {}): Promise<NotebookSweep> {
  for (const k of ["out", "resume"]) {
    if (k in input) throw error("runNotebookSweep", `the sweep input has "${k}"; leave it out (use options.keepIn to keep the files)`);
  }
  const temp = options.keepIn === undefined ? mkdtempSync(join(tmpdir(), "llm-teams-notebook-sweep-")) : null;
  try {
    const out = options.keepIn ?? join(temp as string, "sweep");
    const resolved = resolveSweepOptions({ ...input, out });
    const packageVersion = options.packageVersion ?? (JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as { version: string }).version;
    const label = resolved.backend.kind === "simulated" ? `Simulated sweep (${SIMULATED_NOTE})` : `Sweep (${resolved.backend.kind} backend)`;
    const grid = describeSweep(resolved);
    const clock = options.clock ?? ((): number => performance.now() / 1000);
    const t0 = clock();
    // One line for the whole sweep: the bar after each run at most a few times a second (the session's
    // progressSeconds; a sweep finishes many runs a second), then its final state, always.
    const line = nb.progress(stepLine(label, "running", grid));
    const running = (done: number, total: number): void => line.update(textBundle(stepLine(label, "running", `${grid} ${progressBar(done, total)}`)));
    const finish = (state: StepState, detail: string): void => line.final(textBundle(stepLine(label, state, detail, clock() - t0)));
    try {
      const summary = await runSweep(resolved, { ...options.deps, packageVersion }, {
        onStart: ({ total, alreadyDone }) => running(alreadyDone, total),
        onRunDone: ({ done, total }) => running(done, total),
      });
      if (summary.aborted || summary.ran + summary.skipped < summary.total) {
        throw error("runNotebookSweep", `the sweep stopped after ${summary.ran} of ${summary.total} runs${summary.stopped ? `: ${summary.stopped}` : ""}`);
      }
      const results = loadSweepResults(out);
      finish("done", `${grid}; ${summary.failed} failed, ${summary.events.toLocaleString("en-US")} events`);
      return { ...results, options: resolved, failed: summary.failed };
    } catch (e) {
      finish("failed", (e as Error).message);
      throw e;
    }
  } finally {
    if (temp !== null) rmSync(temp, { recursive: true, force: true });
  }
}
