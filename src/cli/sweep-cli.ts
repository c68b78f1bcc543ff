import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ToolkitError } from "../core/errors.js";
import { SIM_PROFILE_NAMES } from "../llm/sim-profiles.js";
import { resolveOpenAIEnv } from "../llm/env-file.js";
import { loadPriceFile } from "../llm/price-file.js";
import { DEFAULT_PRICE_TABLE } from "../llm/prices.js";
import { redactSecrets } from "../llm/secrets.js";
import { TEAM_MODES } from "../agent/mode.js";
import { loadPaperSuite, loadPaperSuites } from "../tasks/paper-format.js";
import type { Suite } from "../tasks/types.js";
import { resolveSweepOptions, SWEEP_BACKENDS, SWEEP_DEFAULTS, type SweepOptionsInput } from "../experiment/options.js";
import { runSweep, type SweepDeps } from "../experiment/sweep.js";
import { BUILTIN_CATALOG, catalogOf, type SuiteCatalog } from "../experiment/catalog.js";
import { createProgress, formatDuration, type OutputStream } from "./progress.js";
import { cassettesDirOf, createLlmSweepDeps, type LlmSweepEnvironment } from "./sweep-backends.js";

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
  ["#", "Real models (--backend openai; the key and URL from OPENAI_API_KEY / OPENAI_BASE_URL):"],
  ["--model NAME", "the model name the endpoint knows, e.g. gpt-4o-mini, llama3.1 (required)"],
  ["--base-url URL", "endpoint, e.g. http://localhost:11434/v1 [default: OPENAI_BASE_URL, else OpenAI]"],
  ["--env-file PATH", "read OPENAI_API_KEY / OPENAI_BASE_URL from this file [default: ./.env if present]"],
  ["", "variables already in the environment win; the key is never taken on the command line"],
  ["--temperature T", "sampling temperature, 0 to 2 [default: the endpoint's]"],
  ["--max-output-tokens K", "max_completion_tokens of each request [default: none]"],
  ["--request-timeout S", `time limit of one request attempt, seconds [default: ${SWEEP_DEFAULTS.requestTimeout}]`],
  ["--max-retries K", `retries on 429, 5xx, timeouts, connection errors [default: ${SWEEP_DEFAULTS.maxRetries}]`],
  ["--max-requests C", `requests in flight at once, all runs together [default: ${SWEEP_DEFAULTS.maxRequests}]`],
  ["--rpm R", "requests per minute, all runs together [default: no limit]"],
  ["--tpm T", "tokens per minute, all runs together [default: no limit]"],
  ["--test-timeout S", `wall-clock limit of one sandboxed test process [default: ${SWEEP_DEFAULTS.testTimeout}]`],
  ["--test-memory MB", `heap limit of one sandboxed test process [default: ${SWEEP_DEFAULTS.testMemory}]`],
  ["--prices FILE", "JSON prices (USD per million tokens) added to the built-in table, for cost_usd"],
  ["--suite-file PATH", "the paper's task-list format: one .json file or a folder of them"],
  ["--test-command CMD", 'how those suites are tested in the workspace, e.g. "pytest -q" (no shell)'],
  ["#", "Replay (--backend replay): play a recorded openai sweep back, offline:"],
  ["--cassette DIR", "the recorded sweep's folder; its grid, model and suites are the defaults"],
  ["#", ""],
  ["-h, --help", "show this help"],
];

/** Option lines aligned in two columns; a `#` row starts a titled group (an empty title: a blank line). */
function formatUsageRows(rows: readonly (readonly [string, string])[]): string {
  return rows.map(([flag, text]) => (flag === "#" ? `\n${text}`.trimEnd() : `  ${flag.padEnd(22)}${text}`.trimEnd())).join("\n");
}

export const SWEEP_USAGE = `Usage: npm run sweep -- --out DIR [options]

Run a grid of team runs and write DIR/config.json, DIR/runs.csv (the paper's run-table columns,
then ours) and DIR/events/<run-id>.jsonl. Lists are comma-separated.

Options:
${formatUsageRows(USAGE_ROWS)}

The simulated backend is a model of LLM teams, not a measurement of them: its runs are labelled
simulated in config.json, runs.csv and every run_start event.
Rows of runs.csv are in completion order; sort them when analysing.

With --backend openai every run is recorded to DIR/cassettes/<run-id>.jsonl and agent code is tested
in a sandboxed child process. A run that fails (after retries) is recorded with end_reason error and
rerun by --resume; a 401, 403 or 404 stops the sweep (fix the key, model or URL, then --resume).
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
  model: { type: "string" },
  "base-url": { type: "string" },
  "env-file": { type: "string" },
  temperature: { type: "string" },
  "max-output-tokens": { type: "string" },
  "request-timeout": { type: "string" },
  "max-retries": { type: "string" },
  "max-requests": { type: "string" },
  rpm: { type: "string" },
  tpm: { type: "string" },
  "test-timeout": { type: "string" },
  "test-memory": { type: "string" },
  prices: { type: "string" },
  "suite-file": { type: "string" },
  "test-command": { type: "string" },
  cassette: { type: "string" },
  "api-key": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const VALID_OPTIONS = Object.keys(OPTIONS)
  .filter((k) => k !== "api-key")
  .map((k) => `--${k}`)
  .join(", ");

/** CLI options that are not sweep options (files the CLI reads). */
export interface SweepCliFiles {
  envFile?: string;
  prices?: string;
}

export type ParsedSweepArgs = { help: true } | { help: false; input: SweepOptionsInput; files: SweepCliFiles };

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
  if (v["api-key"] !== undefined) {
    throw new ToolkitError(
      "sweep: --api-key is refused: a key on the command line ends up in shell history and process lists; set OPENAI_API_KEY in the environment or in a .env file (--env-file PATH)",
    );
  }
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
  if (v.model !== undefined) input.model = v.model;
  if (v["base-url"] !== undefined) input.baseUrl = v["base-url"];
  if (v.temperature !== undefined) input.temperature = v.temperature;
  if (v["max-output-tokens"] !== undefined) input.maxOutputTokens = v["max-output-tokens"];
  if (v["request-timeout"] !== undefined) input.requestTimeout = v["request-timeout"];
  if (v["max-retries"] !== undefined) input.maxRetries = v["max-retries"];
  if (v["max-requests"] !== undefined) input.maxRequests = v["max-requests"];
  if (v.rpm !== undefined) input.rpm = v.rpm;
  if (v.tpm !== undefined) input.tpm = v.tpm;
  if (v["test-timeout"] !== undefined) input.testTimeout = v["test-timeout"];
  if (v["test-memory"] !== undefined) input.testMemory = v["test-memory"];
  if (v["suite-file"] !== undefined) input.suiteFile = v["suite-file"];
  if (v["test-command"] !== undefined) input.testCommand = v["test-command"];
  if (v.cassette !== undefined) input.cassette = v.cassette;
  const files: SweepCliFiles = {};
  if (v["env-file"] !== undefined) files.envFile = v["env-file"];
  if (v.prices !== undefined) files.prices = v.prices;
  return { help: false, input, files };
}

/**
 * For `--backend replay`: the recorded sweep's grid, model and suites, as defaults for the options
 * not given (read from its config.json, next to its cassettes/ folder).
 * @throws ToolkitError when the recorded config.json is missing or not a real-model sweep.
 */
export function replayDefaults(input: SweepOptionsInput, cwd: string): SweepOptionsInput {
  const dir = resolve(cwd, input.cassette ?? "");
  const sweepDir = cassettesDirOf(dir) === dir ? dirname(dir) : dir;
  const path = join(sweepDir, "config.json");
  if (!existsSync(path)) throw new ToolkitError(`sweep: --cassette ${input.cassette}: no config.json of the recorded sweep at ${path}`);
  let c: {
    options?: { suites?: string[]; n?: number[]; reps?: number; modes?: string[]; max_rounds?: number };
    seed?: number;
    llm?: { model?: string } | null;
    suite_file?: { path: string; test_command: string } | null;
  };
  try {
    c = JSON.parse(readFileSync(path, "utf8")) as typeof c;
  } catch (e) {
    throw new ToolkitError(`sweep: ${path} is not valid JSON`, { cause: e });
  }
  if (!c.llm?.model) throw new ToolkitError(`sweep: ${path} is not the config of a real-model sweep (no llm.model); only --backend openai sweeps are recorded`);
  const out: SweepOptionsInput = { ...input };
  out.model ??= c.llm.model;
  if (out.suite === undefined && c.options?.suites) out.suite = c.options.suites.join(",");
  if (out.n === undefined && c.options?.n) out.n = c.options.n.join(",");
  if (out.reps === undefined && c.options?.reps !== undefined) out.reps = c.options.reps;
  if (out.mode === undefined && c.options?.modes) out.mode = c.options.modes.join(",");
  if (out.maxRounds === undefined && c.options?.max_rounds !== undefined) out.maxRounds = c.options.max_rounds;
  if (out.seed === undefined && c.seed !== undefined) out.seed = c.seed;
  if (out.suiteFile === undefined && c.suite_file) {
    out.suiteFile = c.suite_file.path;
    out.testCommand ??= c.suite_file.test_command;
  }
  return out;
}

/**
 * Load paper-format suites from a file or a folder, with their test command, and what config.json
 * records of them (absolute path, each file's SHA-256).
 */
export function loadSuiteFile(path: string, testCommand: string, cwd: string): { suites: Suite[]; source: Record<string, unknown>; path: string } {
  const abs = resolve(cwd, path);
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch (e) {
    throw new ToolkitError(`sweep: --suite-file ${path}: ${(e as Error).message}`, { cause: e });
  }
  const suites = isDir ? loadPaperSuites(abs, { testCommand }) : [loadPaperSuite(abs, { testCommand })];
  const files = isDir ? suites.map((s) => join(abs, `${s.id}.json`)) : [abs];
  const sha = Object.fromEntries(files.map((f) => [basename(f), createHash("sha256").update(readFileSync(f)).digest("hex")]));
  return { suites, source: { path: abs, sha256: sha }, path: abs };
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
  /** Where OPENAI_API_KEY / OPENAI_BASE_URL are read. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Folder of `.env` and of relative paths. @default process.cwd() */
  cwd?: string;
  /** Tests: what to override in the real-model backends (fetch, delays, sandbox limits, test runner). */
  llm?: Pick<LlmSweepEnvironment, "backendOverrides" | "sandbox" | "testRunner">;
}

/**
 * `npm run sweep -- ...`: parse, validate, run with progress on stderr, print a summary on stdout.
 * @returns the exit code: 0 done, 1 failed, 2 bad usage, 130 interrupted (resume to continue).
 */
export async function sweepMain(argv: readonly string[], io: SweepCliIo): Promise<number> {
  const now = io.now ?? ((): number => performance.now() / 1000);
  const cwd = io.cwd ?? process.cwd();
  let input: SweepOptionsInput;
  let files: SweepCliFiles;
  try {
    const parsed = parseSweepArgs(argv);
    if (parsed.help === true) {
      io.stdout.write(SWEEP_USAGE);
      return 0;
    }
    input = parsed.input;
    files = parsed.files;
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }

  // Everything the options need from files: the recorded sweep (replay), the task lists, the env.
  let options;
  let llmEnv: LlmSweepEnvironment | null = null;
  let secrets: string[] = [];
  let catalog: SuiteCatalog = io.deps?.catalog ?? BUILTIN_CATALOG;
  try {
    if (input.backend?.trim() === "replay" && input.cassette !== undefined) input = replayDefaults(input, cwd);
    let suiteSource: Record<string, unknown> | undefined;
    if (input.suiteFile !== undefined && input.testCommand !== undefined) {
      const loaded = loadSuiteFile(input.suiteFile, input.testCommand, cwd);
      catalog = catalogOf(loaded.suites);
      suiteSource = loaded.source;
      input = { ...input, suiteFile: loaded.path };
    }
    options = resolveSweepOptions(input, catalog);
    if (options.llm !== null) {
      const env =
        options.backend === "openai"
          ? resolveOpenAIEnv({ env: io.env ?? process.env, cwd, ...(files.envFile !== undefined ? { envFile: files.envFile } : {}) })
          : { apiKey: null, baseURL: null, envFile: null };
      if (options.backend === "openai" && env.apiKey === null) {
        throw new ToolkitError(
          `--backend openai needs an API key: set OPENAI_API_KEY in the environment or in ${env.envFile ?? "a .env file"} (for a local server without keys, e.g. Ollama, any value such as OPENAI_API_KEY=ollama)`,
        );
      }
      secrets = env.apiKey === null ? [] : [env.apiKey];
      llmEnv = {
        apiKey: env.apiKey,
        baseURL: options.llm.baseUrl ?? env.baseURL,
        prices: files.prices !== undefined ? loadPriceFile(resolve(cwd, files.prices)) : DEFAULT_PRICE_TABLE,
        log: (line) => io.stderr.write(`${redactSecrets(line, secrets)}\n`),
        ...io.llm,
        ...(suiteSource ? { suiteSource } : {}),
      };
    } else if (files.envFile !== undefined || files.prices !== undefined) {
      throw new ToolkitError(`--${files.envFile !== undefined ? "env-file" : "prices"} applies to --backend openai or replay`);
    }
  } catch (e) {
    io.stderr.write(`sweep: ${redactSecrets((e as Error).message, secrets)}\n`);
    return 2;
  }

  const progress = createProgress(io.stderr, { now });
  const t0 = now();
  let llmDeps: ReturnType<typeof createLlmSweepDeps> | null = null;
  try {
    let deps: SweepDeps = { ...io.deps, packageVersion: io.packageVersion, catalog };
    if (llmEnv !== null) {
      llmDeps = createLlmSweepDeps(options, llmEnv);
      deps = { ...deps, ...llmDeps.deps };
      if (llmDeps.priceId === null) io.stderr.write(`sweep: no price for model ${JSON.stringify(options.llm!.model)}: cost_usd stays empty (add one with --prices FILE)\n`);
    }
    const summary = await runSweep(options, deps, {
      onStart: (info) => {
        if (info.removedTempFiles.length > 0) io.stderr.write(`resume: removed ${info.removedTempFiles.length} temporary file(s) of an interrupted run\n`);
        if (info.droppedRows > 0) io.stderr.write(`resume: dropped ${info.droppedRows} torn or errored row(s) of runs.csv; they will be rerun\n`);
        progress.start(info.total, info.alreadyDone);
      },
      onRunDone: (info) => progress.tick(info.done, `${info.spec.runId} ${info.row.end_reason}`),
      ...(io.signal ? { signal: io.signal } : {}),
    });
    progress.stop();
    const seconds = now() - t0;
    if (summary.aborted) {
      io.stderr.write(`sweep: interrupted after ${summary.ran} new run(s); continue with --resume\n`);
      return 130;
    }
    if (summary.stopped !== null) {
      const left = summary.total - summary.skipped - summary.ran;
      io.stderr.write(
        `sweep: stopped early after ${summary.ran} new run(s), ${left} not run: ${redactSecrets(summary.stopped, secrets)}\n` +
          "sweep: fix the key, model or base URL, then continue with --resume (runs that ended in error are rerun)\n",
      );
      return 1;
    }
    io.stdout.write(
      `sweep: ${summary.total} runs in ${options.out} (${summary.skipped} already done, ${summary.ran} run now, ${summary.failed} unsuccessful), ` +
        `${summary.events} events, ${formatDuration(seconds)}\n`,
    );
    return 0;
  } catch (e) {
    progress.stop();
    io.stderr.write(`sweep: ${redactSecrets((e as Error).message, secrets)}\n`);
    return 1;
  } finally {
    llmDeps?.dispose();
  }
}
