import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeStaleTempDirs } from "../core/owned-temp.js";
import { appendWithPath, describeFileError, isFileError, makeDirectory } from "./file-errors.js";
import type { Suite } from "../tasks/types.js";
import type { TestRunner } from "../tasks/runner.js";
import { runSuiteTests } from "../tasks/runner.js";
import type { AgentBackend } from "../agent/types.js";
import { createSimulatedBackend } from "../llm/simulated-backend.js";
import { formatEventLog } from "../events/jsonl.js";
import { runCsvHeader, formatRunCsvRow } from "../runs/csv.js";
import { runTeam } from "../team/orchestrator.js";
import type { TeamRunResult } from "../team/types.js";
import { RUN_EXTRA_COLUMNS, summarizeRun, type RunSummaryRow } from "../team/run-summary.js";
import { error, ToolkitError } from "../core/errors.js";
import { BUILTIN_CATALOG, type SuiteCatalog } from "./catalog.js";
import { configDifferences, sweepConfig, type SweepConfig, type SweepConfigExtras } from "./config.js";
import { planSweep, type RunSpec } from "./grid.js";
import type { SweepOptions } from "./options.js";
import { SWEEP_FILES, TMP_SUFFIX, lockSweep, removeTempFiles, repairRunsCsv, writeFileAtomic } from "./sweep-files.js";

/**
 * Temporary folders of this toolkit in the system's temp folder start with this and end with their
 * owner's pid and start time (`createOwnedTempDir`); those of dead processes (a sweep killed with -9)
 * are removed when a sweep starts.
 */
export const STALE_TEMP_PREFIX = "llm-teams-";

/** Where real runs' cassettes go: `OUT/cassettes/<run-id>.jsonl`. */
export const CASSETTES_DIR = "cassettes";

/**
 * What one run is made with when the sweep's backend needs per-run state (recording, replay): the
 * backend, test runner and clock to pass to `runTeam`, and what to keep once it ended.
 */
export interface RunSession {
  backend: AgentBackend;
  testRunner: TestRunner;
  /** The orchestrator's wall clock (Unix seconds), for wall-clock backends. @default runTeam's: monotonicUnixSeconds() */
  now?: () => number;
  /**
   * Called when the run ended, before anything of it is written: its cassette (null for none) and its
   * row's extra values. May throw (a replay that diverged): the sweep then stops with that error.
   */
  finish(result: TeamRunResult, row: RunSummaryRow): { cassette: string | null; costUsd: number | null; usageEstimated: number | null };
}

/** What a sweep is run with, besides its options. Everything has a default except the version. */
export interface SweepDeps {
  /** The package version, written to config.json. */
  packageVersion: string;
  /** @default BUILTIN_CATALOG */
  catalog?: SuiteCatalog;
  /** @default the process-wide in-process runner (`runSuiteTests`), for trusted reference code */
  testRunner?: TestRunner;
  /** The backend for one profile. @default the simulated backend with that profile */
  backendFor?: (profile: string) => AgentBackend;
  /** A per-run session (real backends: recording or replay); overrides `backendFor` and `testRunner`. */
  sessionFor?: (spec: RunSpec, suite: Suite) => RunSession;
  /**
   * Checked before each run starts: a reason stops the sweep there (runs in flight finish and are
   * recorded; the rest are left for `--resume`). Real backends stop on a fatal error such as a 401.
   */
  stopReason?: () => string | null;
  /** More facts for config.json (prices, test runners, task-list hashes). */
  configExtras?: SweepConfigExtras;
}

/** Progress and cancellation. */
export interface SweepHooks {
  /** Called once the plan is known: runs in the grid, and how many are already done. */
  onStart?(info: {
    total: number;
    alreadyDone: number;
    /** Temporary files of an interrupted run of this sweep, removed from OUT. */
    removedTempFiles: string[];
    /** Temporary folders of dead toolkit processes (any sweep's), removed from the system's temp folder. */
    removedTempDirs: string[];
    droppedRows: number;
  }): void;
  /** Called after each run is recorded. `done` counts all recorded runs, earlier ones included. */
  onRunDone?(info: { spec: RunSpec; row: RunSummaryRow; events: number; done: number; total: number }): void;
  /** Stops the sweep: no new runs start, runs in flight are abandoned (not recorded). */
  signal?: AbortSignal;
}

export interface SweepSummary {
  out: string;
  total: number;
  /** Runs found already recorded (resume). */
  skipped: number;
  /** Runs run and recorded now. */
  ran: number;
  /** Of those, runs that did not succeed. */
  failed: number;
  events: number;
  /** True when the sweep stopped early because `signal` was aborted. */
  aborted: boolean;
  /** Why the sweep stopped before running every run (`stopReason`), or null. */
  stopped: string | null;
}

/** The run's row and events for one spec: the one function both the sweep and the benchmark use. */
export async function executeRun(
  spec: RunSpec,
  ctx: { suite: Suite; backend: AgentBackend; testRunner: TestRunner; maxRounds: number; expDir: string; signal?: AbortSignal; now?: () => number; unsafeNoSandbox?: boolean },
): Promise<{ row: RunSummaryRow; jsonl: string; events: number; aborted: boolean; result: TeamRunResult }> {
  const opts = {
    backend: ctx.backend,
    testRunner: ctx.testRunner,
    unsafeNoSandbox: ctx.unsafeNoSandbox ?? false,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.now ? { now: ctx.now } : {}),
  };
  const result = await runTeam({ runId: spec.runId, suite: ctx.suite, mode: spec.mode, teammates: spec.n, maxRounds: ctx.maxRounds, seed: spec.seed }, opts);
  const row = summarizeRun(result, {
    runId: spec.runId,
    expDir: ctx.expDir,
    suite: ctx.suite,
    mode: spec.mode,
    teammates: spec.n,
    rep: spec.rep,
    seed: spec.seed,
    backend: ctx.backend,
  });
  const aborted = ctx.signal?.aborted === true && result.endReason === "error";
  return { row, jsonl: formatEventLog(result.events), events: result.events.length, aborted, result };
}

/** The runs.csv header of our sweeps: the paper's columns, then our extras. */
export const SWEEP_CSV_HEADER = runCsvHeader(RUN_EXTRA_COLUMNS);

/**
 * Run (or resume) a sweep into `options.out`: config.json, runs.csv, events/<run-id>.jsonl (see
 * `sweep-files.ts` for the crash-safe write protocol).
 *
 * - A fresh sweep refuses an `out` that already holds a sweep; `resume` continues one, after checking
 *   that its config.json matches these options (anything but `execution` must be equal), removing
 *   temp files and repairing runs.csv. Runs already in runs.csv are not rerun.
 * - Runs execute `concurrency` at a time; rows are appended in completion order (sort when
 *   analysing). Each run's seed depends only on its coordinates, so results do not depend on
 *   concurrency or interruptions.
 * - A run whose backend fails is recorded with `end_reason` "error" (and rerun by a later resume);
 *   an exception from the runtime itself is a bug and stops the sweep.
 */
export async function runSweep(options: SweepOptions, deps: SweepDeps, hooks: SweepHooks = {}): Promise<SweepSummary> {
  const catalog = deps.catalog ?? BUILTIN_CATALOG;
  const testRunner: TestRunner = deps.testRunner ?? { run: runSuiteTests };
  const backendFor = deps.backendFor ?? ((profile: string): AgentBackend => createSimulatedBackend(profile));
  const specs = planSweep(options);
  const out = options.out;
  const configPath = join(out, SWEEP_FILES.config);
  const csvPath = join(out, SWEEP_FILES.runs);
  const eventsDir = join(out, SWEEP_FILES.events);
  const config = sweepConfig(options, deps.packageVersion, specs.length, deps.configExtras);

  try {
    makeDirectory(out);
  } catch (e) {
    throw error("runSweep", `cannot create the sweep folder: ${describeFileError(e, out)}`, e);
  }
  const unlock = lockSweep(out);
  try {
    return await sweepLocked(options, hooks, {
      catalog,
      testRunner,
      backendFor,
      sessionFor: deps.sessionFor ?? null,
      stopReason: deps.stopReason ?? ((): null => null),
      specs,
      configPath,
      csvPath,
      eventsDir,
      config,
    });
  } catch (e) {
    // Writing config.json, runs.csv or a folder at the start: say which code and path.
    if (isFileError(e)) throw error("runSweep", `cannot write the sweep in ${out}: ${describeFileError(e, out)}`, e);
    throw e;
  } finally {
    unlock();
  }
}

async function sweepLocked(
  options: SweepOptions,
  hooks: SweepHooks,
  ctx: {
    catalog: SuiteCatalog;
    testRunner: TestRunner;
    backendFor: (profile: string) => AgentBackend;
    sessionFor: ((spec: RunSpec, suite: Suite) => RunSession) | null;
    stopReason: () => string | null;
    specs: RunSpec[];
    configPath: string;
    csvPath: string;
    eventsDir: string;
    config: SweepConfig;
  },
): Promise<SweepSummary> {
  const { catalog, testRunner, backendFor, sessionFor, stopReason, specs, configPath, csvPath, eventsDir, config } = ctx;
  const cassettesDir = join(options.out, CASSETTES_DIR);
  const out = options.out;
  let completed = new Set<string>();
  let removedTempFiles: string[] = [];
  let droppedRows = 0;
  if (existsSync(configPath) || existsSync(csvPath)) {
    if (!options.resume) {
      throw error("runSweep", `${out} already holds a sweep (config.json or runs.csv); pass --resume to continue it, or choose another --out`);
    }
    if (!existsSync(configPath)) throw error("runSweep", `${out} has runs.csv but no config.json; cannot check it is the same sweep`);
    let previous: SweepConfig;
    try {
      previous = JSON.parse(readFileSync(configPath, "utf8")) as SweepConfig;
    } catch (e) {
      throw error("runSweep", `${configPath} is not valid JSON; cannot resume`, e);
    }
    // A moved (renamed) folder resumes: its runs keep the exp_dir they were recorded with.
    if (typeof previous.exp_dir === "string") config.exp_dir = previous.exp_dir;
    const diff = configDifferences(previous, config);
    if (diff.length > 0) {
      throw error("runSweep", `--resume: the options differ from the sweep in ${out}: ${diff.join("; ")}; resume with the same options, or choose another --out`);
    }
    removedTempFiles = [...removeTempFiles(out), ...removeCassetteTemps(cassettesDir)];
    if (existsSync(csvPath)) {
      const state = repairRunsCsv(csvPath, SWEEP_CSV_HEADER);
      completed = state.completed;
      droppedRows = state.droppedErrors.length + (state.droppedTornLine ? 1 : 0);
    } else {
      writeFileAtomic(csvPath, SWEEP_CSV_HEADER + "\n");
    }
    mkdirSync(eventsDir, { recursive: true });
  } else {
    mkdirSync(eventsDir, { recursive: true });
    removedTempFiles = removeTempFiles(out);
    writeFileAtomic(configPath, JSON.stringify(config, null, 2) + "\n");
    writeFileAtomic(csvPath, SWEEP_CSV_HEADER + "\n");
  }

  const known = new Set(specs.map((s) => s.runId));
  for (const id of completed) {
    if (!known.has(id)) throw error("runSweep", `runs.csv in ${out} has run ${id}, which is not in this sweep's grid`);
  }
  const pending = specs.filter((s) => !completed.has(s.runId));
  const removedTempDirs = removeStaleTempDirs(tmpdir(), STALE_TEMP_PREFIX);
  hooks.onStart?.({ total: specs.length, alreadyDone: completed.size, removedTempFiles, removedTempDirs, droppedRows });

  // Each suite is built once per sweep (prompt and token caches are keyed by the suite object).
  const suites = new Map<string, Suite>();
  const suiteOf = (id: string): Suite => {
    let s = suites.get(id);
    if (!s) suites.set(id, (s = catalog.get(id)));
    return s;
  };
  const backends = new Map<string, AgentBackend>();
  const backendOf = (profile: string): AgentBackend => {
    let b = backends.get(profile);
    if (!b) backends.set(profile, (b = backendFor(profile)));
    return b;
  };
  const expDir = config.exp_dir;
  // Written to every run_start (a replay writes the recorded sweep's value).
  const unsafeNoSandbox = options.backend.kind === "simulated" ? false : options.backend.unsafeNoSandbox;

  const summary: SweepSummary = { out, total: specs.length, skipped: completed.size, ran: 0, failed: 0, events: 0, aborted: false, stopped: null };
  let next = 0;
  let done = completed.size;
  let failure: unknown = null;
  const worker = async (): Promise<void> => {
    while (failure === null && !hooks.signal?.aborted) {
      const stop = summary.stopped ?? stopReason();
      if (stop !== null) {
        summary.stopped = stop;
        return;
      }
      const spec = pending[next++];
      if (spec === undefined) return;
      try {
        const suite = suiteOf(spec.suiteId);
        const session = sessionFor?.(spec, suite) ?? null;
        const ctx = {
          suite,
          backend: session?.backend ?? backendOf(spec.profile),
          testRunner: session?.testRunner ?? testRunner,
          maxRounds: options.maxRounds,
          expDir,
          unsafeNoSandbox,
          ...(session?.now ? { now: session.now } : {}),
        };
        const r = await executeRun(spec, hooks.signal ? { ...ctx, signal: hooks.signal } : ctx);
        if (r.aborted || hooks.signal?.aborted) return;
        if (session !== null) {
          const fin = session.finish(r.result, r.row);
          r.row.cost_usd = fin.costUsd;
          r.row.usage_estimated = fin.usageEstimated;
          if (fin.cassette !== null) {
            mkdirSync(cassettesDir, { recursive: true });
            writeFileAtomic(join(cassettesDir, `${spec.runId}.jsonl`), fin.cassette);
          }
        }
        writeFileAtomic(join(eventsDir, `${spec.runId}.jsonl`), r.jsonl);
        appendWithPath(csvPath, formatRunCsvRow(r.row, RUN_EXTRA_COLUMNS) + "\n");
        summary.ran++;
        summary.events += r.events;
        if (!r.row.success) summary.failed++;
        done++;
        hooks.onRunDone?.({ spec, row: r.row, events: r.events, done, total: specs.length });
      } catch (e) {
        failure ??= e instanceof ToolkitError ? e : isFileError(e) ? error("runSweep", `cannot record run ${spec.runId}: ${describeFileError(e, out)}`, e) : error("runSweep", `run ${spec.runId} failed`, e);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, Math.max(1, pending.length)) }, worker));
  if (failure !== null) throw failure;
  if (summary.stopped === null && done < specs.length && !hooks.signal?.aborted) summary.stopped = stopReason();
  summary.aborted = hooks.signal?.aborted === true && done < specs.length;
  return summary;
}

/** Remove leftover temporary cassette files of an interrupted sweep; returns their names. */
function removeCassetteTemps(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const f of readdirSync(dir)) {
    if (f.endsWith(TMP_SUFFIX)) {
      rmSync(join(dir, f), { force: true });
      removed.push(f);
    }
  }
  return removed.sort();
}
