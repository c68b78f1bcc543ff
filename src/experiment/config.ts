import { basename, resolve } from "node:path";
import { RUN_COLUMNS } from "../runs/types.js";
import { RUN_EXTRA_COLUMNS } from "../team/run-summary.js";
import { DEFAULT_VIRTUAL_TEST_SECONDS } from "../team/types.js";
import { getSimProfile, type SimProfile } from "../llm/sim-profiles.js";
import { TOKENIZER } from "../llm/tokens.js";
import { safeBaseUrl } from "../llm/secrets.js";
import { PROMPT_VERSION } from "../team/prompt.js";
import type { SweepOptions } from "./options.js";
import { EVENT_SCHEMA_VERSION } from "../events/types.js";

/** Everything that decides a sweep's results, written to `OUT/config.json`. */
export interface SweepConfig {
  format: "llm-teams-ds/sweep-config";
  format_version: 1;
  package_version: string;
  /** `EVENT_SCHEMA_VERSION` (src/events/types.ts) of the event logs the sweep writes. */
  event_schema_version: number;
  /** True when the backend is the simulator: every number in this sweep comes from a model, not from LLMs. */
  simulated: boolean;
  backend: string;
  clock: "virtual" | "wall";
  tokenizer: string;
  /** `PROMPT_VERSION` of the prompts the agents were sent. */
  prompt_version: string;
  /** The run table's `exp_dir`: the output folder's name. */
  exp_dir: string;
  seed: number;
  run_seed_rule: string;
  options: {
    suites: string[];
    p_labels: string[];
    n: number[];
    reps: number;
    modes: string[];
    profiles: string[];
    max_rounds: number;
  };
  /** The full parameters of each profile used (simulated backend; empty otherwise). */
  profiles: Record<string, SimProfile>;
  /**
   * The real model's settings (`openai`; `replay`: the recorded model and the folder played back, as
   * a replay sends no requests), null for the simulated backend. Never the API key; the base URL
   * without credentials or query.
   */
  llm: {
    model: string;
    base_url: string | null;
    temperature: number | null;
    max_output_tokens: number | null;
    request_timeout_s: number;
    request_deadline_s: number;
    max_response_bytes: number;
    max_retries: number;
    limits: { max_requests: number; requests_per_minute: number | null; tokens_per_minute: number | null };
    test_limits: { timeout_s: number; heap_mb: number };
    /** `--unsafe-no-sandbox`: agent code may run without the OS sandbox where it cannot start (whether it did: `test_runner.isolation`). */
    unsafe_no_sandbox: boolean;
    replay_of: null;
  } | { model: string; replay_of: string; unsafe_no_sandbox: boolean } | null;
  /** The paper-format task list the suites were loaded from and its test command, or null (built-in suites). */
  suite_file: { path: string; test_command: string } | null;
  virtual_test_seconds: { base: number; perTask: number };
  runs: number;
  run_columns: string[];
  /** How the sweep was executed; does not affect results (not compared on resume). */
  execution: { out: string; concurrency: number } & Record<string, unknown>;
  /** More facts from the caller (prices, test runners, task-list hashes); compared on resume. */
  [extra: string]: unknown;
}

/** What the caller adds to config.json: top-level keys (compared on resume) and execution facts (not compared). */
export interface SweepConfigExtras {
  config?: Record<string, unknown>;
  execution?: Record<string, unknown>;
}

/** The sweep's `exp_dir`: the name of its output folder. */
export function expDirOf(out: string): string {
  return basename(resolve(out));
}

export function sweepConfig(options: SweepOptions, packageVersion: string, runs: number, extras: SweepConfigExtras = {}): SweepConfig {
  const b = options.backend;
  return {
    format: "llm-teams-ds/sweep-config",
    format_version: 1,
    package_version: packageVersion,
    event_schema_version: EVENT_SCHEMA_VERSION,
    simulated: b.kind === "simulated",
    backend: b.kind,
    clock: b.kind === "simulated" ? "virtual" : "wall",
    tokenizer: TOKENIZER,
    prompt_version: PROMPT_VERSION,
    exp_dir: expDirOf(options.out),
    seed: options.seed,
    run_seed_rule: "deriveSeed(seed, suite, mode, n, rep): 32-bit FNV-1a of 'seed|suite|mode|n|rep', then MurmurHash3 fmix32",
    options: {
      suites: options.suites,
      p_labels: options.pLabels,
      n: options.n,
      reps: options.reps,
      modes: options.modes,
      profiles: options.profiles,
      max_rounds: options.maxRounds,
    },
    profiles: b.kind === "simulated" ? Object.fromEntries(options.profiles.map((p) => [p, getSimProfile(p)])) : {},
    llm:
      b.kind === "simulated"
        ? null
        : b.kind === "replay"
          ? { model: b.model, replay_of: b.cassette, unsafe_no_sandbox: b.unsafeNoSandbox }
          : {
              model: b.model,
              base_url: b.baseUrl === null ? null : safeBaseUrl(b.baseUrl),
              temperature: b.temperature,
              max_output_tokens: b.maxOutputTokens,
              request_timeout_s: b.requestTimeoutSeconds,
              request_deadline_s: b.requestDeadlineSeconds,
              max_response_bytes: b.maxResponseBytes,
              max_retries: b.maxRetries,
              limits: { max_requests: b.maxRequests, requests_per_minute: b.requestsPerMinute, tokens_per_minute: b.tokensPerMinute },
              test_limits: { timeout_s: b.testTimeoutSeconds, heap_mb: b.testMemoryMb },
              unsafe_no_sandbox: b.unsafeNoSandbox,
              replay_of: null,
            },
    suite_file: options.suiteSource.kind === "file" ? { path: options.suiteSource.path, test_command: options.suiteSource.testCommand } : null,
    virtual_test_seconds: { ...DEFAULT_VIRTUAL_TEST_SECONDS },
    runs,
    run_columns: [...RUN_COLUMNS, ...RUN_EXTRA_COLUMNS],
    ...extras.config,
    execution: { ...extras.execution, out: options.out, concurrency: options.concurrency },
  };
}

/** The command-line option behind a config field, for messages. */
const CONFIG_FLAGS: Readonly<Record<string, string>> = {
  seed: "--seed",
  backend: "--backend",
  "options.suites": "--suite",
  "options.p_labels": "--p",
  "options.n": "--n",
  "options.reps": "--reps",
  "options.modes": "--mode",
  "options.profiles": "--profile",
  "options.max_rounds": "--max-rounds",
  "llm.model": "--model",
  "llm.base_url": "--base-url",
  "llm.temperature": "--temperature",
  "llm.max_output_tokens": "--max-output-tokens",
  "llm.request_timeout_s": "--request-timeout",
  "llm.request_deadline_s": "--request-deadline",
  "llm.max_response_bytes": "--max-response-bytes",
  "llm.unsafe_no_sandbox": "--unsafe-no-sandbox",
  "llm.max_retries": "--max-retries",
  "llm.limits.max_requests": "--max-requests",
  "llm.limits.requests_per_minute": "--rpm",
  "llm.limits.tokens_per_minute": "--tpm",
  "llm.test_limits.timeout_s": "--test-timeout",
  "llm.test_limits.heap_mb": "--test-memory",
  "suite_file.path": "--suite-file",
  "suite_file.test_command": "--test-command",
};

/**
 * Where two configs differ (`execution` aside), one entry per differing field, naming its option
 * and both values: `options.max_rounds (--max-rounds): recorded 20, now 30`.
 */
export function configDifferences(a: SweepConfig, b: SweepConfig): string[] {
  const out: string[] = [];
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  const show = (v: unknown): string => {
    const t = v === undefined ? "nothing" : JSON.stringify(v);
    return t.length > 60 ? `${t.slice(0, 57)}...` : t;
  };
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (isRecord(x) && isRecord(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        if (path === "" && k === "execution") continue;
        walk(x[k], y[k], path === "" ? k : `${path}.${k}`);
      }
    } else if (JSON.stringify(x) !== JSON.stringify(y)) {
      const flag = CONFIG_FLAGS[path];
      out.push(`${path}${flag === undefined ? "" : ` (${flag})`}: recorded ${show(x)}, now ${show(y)}`);
    }
  };
  walk(a, b, "");
  return out;
}
