import { parseArgs } from "node:util";
import { ToolkitError } from "../errors.js";
import { SIM_PROFILE_NAMES } from "../llm/sim-profiles.js";
import { TEAM_MODES } from "../team/mode.js";
import { resolveSweepOptions, SWEEP_BACKENDS, SWEEP_DEFAULTS, type SweepOptionsInput } from "../experiment/options.js";
import { runSweep, type SweepDeps } from "../experiment/sweep.js";
import { BUILTIN_CATALOG } from "../experiment/catalog.js";
import { createProgress, formatDuration, type OutputStream } from "./progress.js";

const USAGE_ROWS: readonly [string, string][] = [
  ["--out DIR", "output directory (required)"],
  ["--suite LIST", `"all", domains or suite ids [default: ${SWEEP_DEFAULTS.suite}]`],
  ["", "domains: mathutils, dataanalysis, svgutils; ids like mathutils_p09"],
  ["--p LIST", "parallel fractions to keep: 0.9,0.5,0.2 [default: all]"],
  ["--n RANGE|LIST", `team sizes: 1-5 or 1,2,4 (1 to 64) [default: ${SWEEP_DEFAULTS.n}]`],
  ["--reps K", `repetitions per cell (1 to 1000) [default: ${SWEEP_DEFAULTS.reps}]`],
  ["--mode LIST", `${TEAM_MODES.join(", ")} [default: ${SWEEP_DEFAULTS.mode}]`],
  ["--backend NAME", `${SWEEP_BACKENDS.join(", ")} [default: ${SWEEP_DEFAULTS.backend}]`],
  ["--profile LIST", `simulated-backend profiles: ${SIM_PROFILE_NAMES.join(", ")} [default: ${SWEEP_DEFAULTS.profile}]`],
  ["--seed S", `sweep seed, 0 to 4294967295 [default: ${SWEEP_DEFAULTS.seed}]`],
  ["", "each run's seed derives from it and the run's (suite, mode, n, rep)"],
  ["--max-rounds R", `rounds before a run fails (1 to 10000) [default: ${SWEEP_DEFAULTS.maxRounds}]`],
  ["--concurrency C", `runs in flight at once (1 to 64) [default: ${SWEEP_DEFAULTS.concurrency}]`],
  ["--resume", "continue the sweep in DIR: runs already in runs.csv are skipped"],
  ["-h, --help", "show this help"],
];

export const SWEEP_USAGE = `Usage: npm run sweep -- --out DIR [options]

Run a grid of team runs and write DIR/config.json, DIR/runs.csv (the paper's run-table columns,
then ours) and DIR/events/<run-id>.jsonl. Lists are comma-separated.

Options:
${USAGE_ROWS.map(([flag, text]) => `  ${flag.padEnd(17)}${text}`).join("\n")}

The simulated backend is a model of LLM teams, not a measurement of them: its runs are labelled
simulated in config.json, runs.csv and every run_start event.
Rows of runs.csv are in completion order; sort them when analysing.
`;

const OPTIONS = {
  out: { type: "string" },
  suite: { type: "string" },
  p: { type: "string" },
  n: { type: "string" },
  reps: { type: "string" },
  mode: { type: "string" },
  backend: { type: "string" },
  profile: { type: "string" },
  seed: { type: "string" },
  "max-rounds": { type: "string" },
  concurrency: { type: "string" },
  resume: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const VALID_OPTIONS = Object.keys(OPTIONS)
  .map((k) => `--${k}`)
  .join(", ");

export type ParsedSweepArgs = { help: true } | { help: false; input: SweepOptionsInput };

/**
 * Parse the sweep's command line into raw options (validated later by `resolveSweepOptions`).
 * @throws ToolkitError for unknown options, missing values or positional arguments, listing the valid options.
 */
export function parseSweepArgs(argv: readonly string[]): ParsedSweepArgs {
  const parse = () => {
    try {
      return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, "");
      throw new ToolkitError(`sweep: ${msg}; valid options: ${VALID_OPTIONS} (see --help)`, { cause: e });
    }
  };
  const parsed = parse();
  if (parsed.positionals.length > 0) {
    throw new ToolkitError(`sweep: unexpected argument "${parsed.positionals[0]}"; options take the form --name value; valid options: ${VALID_OPTIONS}`);
  }
  const v = parsed.values;
  if (v.help) return { help: true };
  const input: SweepOptionsInput = {};
  if (v.out !== undefined) input.out = v.out;
  if (v.suite !== undefined) input.suite = v.suite;
  if (v.p !== undefined) input.p = v.p;
  if (v.n !== undefined) input.n = v.n;
  if (v.reps !== undefined) input.reps = v.reps;
  if (v.mode !== undefined) input.mode = v.mode;
  if (v.backend !== undefined) input.backend = v.backend;
  if (v.profile !== undefined) input.profile = v.profile;
  if (v.seed !== undefined) input.seed = v.seed;
  if (v["max-rounds"] !== undefined) input.maxRounds = v["max-rounds"];
  if (v.concurrency !== undefined) input.concurrency = v.concurrency;
  if (v.resume !== undefined) input.resume = v.resume;
  return { help: false, input };
}

/** The CLI's surroundings, passed in so tests can run it in-process. */
export interface SweepCliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  packageVersion: string;
  /** Aborted on Ctrl-C by the script. */
  signal?: AbortSignal;
  /** Wall clock in seconds for progress and timing. @default performance.now() / 1000 */
  now?: () => number;
  /** Dependencies of the sweep other than the version (tests inject small catalogs). */
  deps?: Omit<SweepDeps, "packageVersion">;
}

/**
 * `npm run sweep -- ...`: parse, validate, run with progress on stderr, print a summary on stdout.
 * @returns the exit code: 0 done, 1 failed, 2 bad usage, 130 interrupted (resume to continue).
 */
export async function sweepMain(argv: readonly string[], io: SweepCliIo): Promise<number> {
  const now = io.now ?? ((): number => performance.now() / 1000);
  let input: SweepOptionsInput;
  try {
    const parsed = parseSweepArgs(argv);
    if (parsed.help) {
      io.stdout.write(SWEEP_USAGE);
      return 0;
    }
    input = parsed.input;
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  let options;
  try {
    options = resolveSweepOptions(input, io.deps?.catalog ?? BUILTIN_CATALOG);
  } catch (e) {
    io.stderr.write(`sweep: ${(e as Error).message}\n`);
    return 2;
  }
  const progress = createProgress(io.stderr, { now });
  const t0 = now();
  try {
    const summary = await runSweep(
      options,
      { ...io.deps, packageVersion: io.packageVersion },
      {
        onStart: (info) => {
          if (info.removedTempFiles.length > 0) io.stderr.write(`resume: removed ${info.removedTempFiles.length} temporary file(s) of an interrupted run\n`);
          if (info.droppedRows > 0) io.stderr.write(`resume: dropped ${info.droppedRows} torn or errored row(s) of runs.csv; they will be rerun\n`);
          progress.start(info.total, info.alreadyDone);
        },
        onRunDone: (info) => progress.tick(info.done, `${info.spec.runId} ${info.row.end_reason}`),
        ...(io.signal ? { signal: io.signal } : {}),
      },
    );
    progress.stop();
    const seconds = now() - t0;
    if (summary.aborted) {
      io.stderr.write(`sweep: interrupted after ${summary.ran} new run(s); continue with --resume\n`);
      return 130;
    }
    io.stdout.write(
      `sweep: ${summary.total} runs in ${options.out} (${summary.skipped} already done, ${summary.ran} run now, ${summary.failed} unsuccessful), ` +
        `${summary.events} events, ${formatDuration(seconds)}\n`,
    );
    return 0;
  } catch (e) {
    progress.stop();
    io.stderr.write(`sweep: ${(e as Error).message}\n`);
    return 1;
  }
}
