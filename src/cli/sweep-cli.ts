import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { error, ToolkitError } from "../core/errors.js";
import { resolveOpenAIEnv } from "../llm/env-file.js";
import { loadPriceFile } from "../llm/price-file.js";
import { DEFAULT_PRICE_TABLE } from "../llm/prices.js";
import { redactSecrets } from "../llm/secrets.js";
import { loadPaperSuite, loadPaperSuites } from "../tasks/paper-format.js";
import type { Suite } from "../tasks/types.js";
import { resolveSweepOptions, type RealSweepBackend, type SweepOptions, type SweepOptionsInput } from "../experiment/options.js";
import { runSweep, type SweepDeps } from "../experiment/sweep.js";
import { BUILTIN_CATALOG, catalogOf, type SuiteCatalog } from "../experiment/catalog.js";
import { createProgress, formatDuration, type OutputStream } from "./progress.js";
import { cassettesDirOf, createLlmSweepDeps, type LlmSweepEnvironment } from "./sweep-backends.js";
import { parseSweepArgs, SWEEP_USAGE } from "./sweep-flags.js";

/**
 * For `--backend replay`: the recorded sweep's grid, model and suites, as defaults for the options
 * not given (read from its config.json, next to its cassettes/ folder).
 * @throws ToolkitError when the recorded config.json is missing or not a real-model sweep.
 */
export function replayDefaults(input: SweepOptionsInput, cwd: string): SweepOptionsInput {
  const dir = resolve(cwd, input.cassette ?? "");
  const sweepDir = cassettesDirOf(dir) === dir ? dirname(dir) : dir;
  const path = join(sweepDir, "config.json");
  if (!existsSync(path)) throw error("replayDefaults", `--cassette ${input.cassette}: no config.json of the recorded sweep at ${path}`);
  let c: {
    options?: { suites?: string[]; n?: number[]; reps?: number; modes?: string[]; max_rounds?: number };
    seed?: number;
    llm?: { model?: string; unsafe_no_sandbox?: boolean } | null;
    suite_file?: { path: string; test_command: string } | null;
  };
  try {
    c = JSON.parse(readFileSync(path, "utf8")) as typeof c;
  } catch (e) {
    throw error("replayDefaults", `${path} is not valid JSON`, e);
  }
  if (!c.llm?.model) throw error("replayDefaults", `${path} is not the config of a real-model sweep (no llm.model); only --backend openai sweeps are recorded`);
  const out: SweepOptionsInput = { ...input };
  out.model ??= c.llm.model;
  if (out.suite === undefined && c.options?.suites) out.suite = c.options.suites.join(",");
  if (out.n === undefined && c.options?.n) out.n = c.options.n.join(",");
  if (out.reps === undefined && c.options?.reps !== undefined) out.reps = c.options.reps;
  if (out.mode === undefined && c.options?.modes) out.mode = c.options.modes.join(",");
  if (out.maxRounds === undefined && c.options?.max_rounds !== undefined) out.maxRounds = c.options.max_rounds;
  if (out.seed === undefined && c.seed !== undefined) out.seed = c.seed;
  // A replay runs no code; its run_start events carry the recorded sweep's --unsafe-no-sandbox.
  const recordedUnsafe = c.llm.unsafe_no_sandbox === true;
  if (out.unsafeNoSandbox !== undefined && out.unsafeNoSandbox !== recordedUnsafe) {
    throw error("replayDefaults", `--unsafe-no-sandbox: the recorded sweep was run ${recordedUnsafe ? "with" : "without"} it, and a replay writes the recorded value; leave the flag out`);
  }
  if (recordedUnsafe) out.unsafeNoSandbox = true;
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
    throw error("loadSuiteFile", `--suite-file ${path}: ${(e as Error).message}`, e);
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
 * What to say when a sweep was given `--unsafe-no-sandbox`: one line at the start, and a tag on every
 * progress line; null without the flag.
 */
export function unsafeNotice(
  backend: RealSweepBackend,
  sandbox: { isolation: "bwrap" | "none"; unavailable: string | null } | null,
): { line: string; tag: string } | null {
  if (!backend.unsafeNoSandbox) return null;
  if (backend.kind === "replay") return { line: "replaying a sweep recorded with --unsafe-no-sandbox (a replay runs no agent code)", tag: "recorded with --unsafe-no-sandbox" };
  if (sandbox === null) return { line: "--unsafe-no-sandbox: agent code is tested by the test runner the caller gave", tag: "--unsafe-no-sandbox" };
  if (sandbox.isolation === "none") {
    return {
      line: `UNSAFE: --unsafe-no-sandbox: the OS sandbox cannot start here (${sandbox.unavailable ?? "unknown cause"}); agent-written code runs WITHOUT isolation, with this user's rights`,
      tag: "UNSAFE: no OS sandbox",
    };
  }
  return { line: "--unsafe-no-sandbox: the OS sandbox starts here and is used anyway", tag: "--unsafe-no-sandbox (OS sandbox used)" };
}

/** One line for the temporary folders of dead processes removed at the start (the first five named). */
export function removedDirsLine(dirs: readonly string[]): string {
  const shown = dirs.slice(0, 5).join(", ") + (dirs.length > 5 ? `, and ${dirs.length - 5} more` : "");
  return `removed ${dirs.length} temporary folder(s) left by processes no longer running (a sweep killed with -9?) from ${tmpdir()}: ${shown}`;
}

/**
 * `npm run sweep -- ...`: parse, validate, run with progress on stderr, print a summary on stdout.
 * @returns the exit code: 0 done, 1 failed, 2 bad usage, 130 interrupted (resume to continue).
 */
export async function sweepMain(argv: readonly string[], io: SweepCliIo): Promise<number> {
  const now = io.now ?? ((): number => performance.now() / 1000);
  const cwd = io.cwd ?? process.cwd();
  let input: SweepOptionsInput;
  try {
    const parsed = parseSweepArgs(argv);
    if (parsed.help === true) {
      io.stdout.write(SWEEP_USAGE);
      return 0;
    }
    input = parsed.input;
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }

  // Everything the options need from files: the recorded sweep (replay), the task lists, the env.
  let options: SweepOptions;
  let real: RealSweepBackend | null = null;
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
    if (options.backend.kind !== "simulated") {
      real = options.backend;
      let apiKey: string | null = null;
      let baseURL: string | null = null;
      if (real.kind === "openai") {
        const env = resolveOpenAIEnv({ env: io.env ?? process.env, cwd, ...(real.envFile !== null ? { envFile: real.envFile } : {}) });
        if (env.apiKey === null) {
          throw new ToolkitError(
            `--backend openai needs an API key: set OPENAI_API_KEY in the environment or in ${env.envFile ?? "a .env file"} (for a local server without keys, e.g. Ollama, any value such as OPENAI_API_KEY=ollama)`,
          );
        }
        apiKey = env.apiKey;
        baseURL = real.baseUrl ?? env.baseURL;
      }
      secrets = apiKey === null ? [] : [apiKey];
      llmEnv = {
        apiKey,
        baseURL,
        prices: real.pricesFile !== null ? loadPriceFile(resolve(cwd, real.pricesFile)) : DEFAULT_PRICE_TABLE,
        log: (line) => io.stderr.write(`${redactSecrets(line, secrets)}\n`),
        ...io.llm,
        ...(suiteSource ? { suiteSource } : {}),
      };
    }
  } catch (e) {
    io.stderr.write(`sweep: ${redactSecrets((e as Error).message, secrets)}\n`);
    return 2;
  }

  let progress = createProgress(io.stderr, { now });
  const t0 = now();
  let llmDeps: ReturnType<typeof createLlmSweepDeps> | null = null;
  try {
    let deps: SweepDeps = { ...io.deps, packageVersion: io.packageVersion, catalog };
    if (real !== null && llmEnv !== null) {
      llmDeps = createLlmSweepDeps(real, llmEnv);
      deps = { ...deps, ...llmDeps.deps };
      if (llmDeps.priceId === null) io.stderr.write(`sweep: no price for model ${JSON.stringify(real.model)}: cost_usd stays empty (add one with --prices FILE)\n`);
      const unsafe = unsafeNotice(real, llmDeps.sandbox);
      if (unsafe !== null) {
        io.stderr.write(`sweep: ${unsafe.line}\n`);
        progress = createProgress(io.stderr, { now, tag: unsafe.tag });
      }
    }
    const summary = await runSweep(options, deps, {
      onStart: (info) => {
        if (info.removedTempDirs.length > 0) io.stderr.write(`sweep: ${removedDirsLine(info.removedTempDirs)}\n`);
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
