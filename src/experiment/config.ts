import { basename, resolve } from "node:path";
import { RUN_COLUMNS } from "../runs/types.js";
import { RUN_EXTRA_COLUMNS } from "../team/run-summary.js";
import { DEFAULT_VIRTUAL_TEST_SECONDS } from "../team/types.js";
import { getSimProfile, type SimProfile } from "../llm/sim-profiles.js";
import { TOKENIZER } from "../llm/tokens.js";
import type { SweepOptions } from "./options.js";

/**
 * Version of the event schema our runs write (`src/events/types.ts`): 1 = the paper's event types
 * and fields plus `input_tokens`, `output_tokens`, `latency_s` on replies, `task` on claims, `ok` on
 * lock attempts, `assignee` on assignments, `passed`/`failed` on test runs, `to`/`chars` on
 * broadcasts, and `action_rejected`.
 */
export const EVENT_SCHEMA_VERSION = 1;

/** Everything that decides a sweep's results, written to `OUT/config.json`. */
export interface SweepConfig {
  format: "llm-teams-ds/sweep-config";
  format_version: 1;
  package_version: string;
  event_schema_version: number;
  /** True when the backend is the simulator: every number in this sweep comes from a model, not from LLMs. */
  simulated: boolean;
  backend: string;
  clock: "virtual" | "wall";
  tokenizer: string;
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
  /** The full parameters of each profile used. */
  profiles: Record<string, SimProfile>;
  virtual_test_seconds: { base: number; perTask: number };
  runs: number;
  run_columns: string[];
  /** How the sweep was executed; does not affect results (not compared on resume). */
  execution: { out: string; concurrency: number };
}

/** The sweep's `exp_dir`: the name of its output folder. */
export function expDirOf(out: string): string {
  return basename(resolve(out));
}

export function sweepConfig(options: SweepOptions, packageVersion: string, runs: number): SweepConfig {
  return {
    format: "llm-teams-ds/sweep-config",
    format_version: 1,
    package_version: packageVersion,
    event_schema_version: EVENT_SCHEMA_VERSION,
    simulated: options.backend === "simulated",
    backend: options.backend,
    clock: options.backend === "simulated" ? "virtual" : "wall",
    tokenizer: TOKENIZER,
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
    profiles: Object.fromEntries(options.profiles.map((p) => [p, getSimProfile(p)])),
    virtual_test_seconds: { ...DEFAULT_VIRTUAL_TEST_SECONDS },
    runs,
    run_columns: [...RUN_COLUMNS, ...RUN_EXTRA_COLUMNS],
    execution: { out: options.out, concurrency: options.concurrency },
  };
}

/** Top-level keys (other than `execution`) on which two configs differ. */
export function configDifferences(a: SweepConfig, b: SweepConfig): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete("execution");
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  return [...keys].filter((k) => JSON.stringify(ra[k]) !== JSON.stringify(rb[k]));
}
