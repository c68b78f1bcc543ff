import { error } from "../core/errors.js";
import { SEED_LIMIT } from "../core/rng.js";
import { SIM_PROFILE_NAMES, DEFAULT_SIM_PROFILE } from "../llm/sim-profiles.js";
import { modelSlug } from "../llm/model-slug.js";
import { TEAM_MODES, isTeamMode, type TeamMode } from "../agent/mode.js";
import { BUILTIN_CATALOG, type SuiteCatalog } from "./catalog.js";

/**
 * Backends a sweep can use: `simulated` (a model of LLM teams, virtual clock), `openai` (a real model
 * behind any OpenAI-compatible endpoint, wall clock, recorded to cassettes) and `replay` (a recorded
 * `openai` sweep played back from its cassettes, offline).
 */
export const SWEEP_BACKENDS = ["simulated", "openai", "replay"] as const;
export type SweepBackend = (typeof SWEEP_BACKENDS)[number];

/**
 * Sweep options as given (CLI strings, or values from code). Lists are comma-separated strings or
 * arrays; every field is optional and falls back to its default.
 */
export interface SweepOptionsInput {
  /** `all`, or a comma-separated list of suite ids (`mathutils_p09`) and domains (`mathutils`). @default "all" */
  suite?: string | readonly string[];
  /** Parallel fractions to keep, e.g. `0.9,0.5,0.2`. @default all p of the selected suites */
  p?: string | readonly number[];
  /** Team sizes: a range `1-5` or a list `1,2,4`. @default "1-5" */
  n?: string | readonly number[];
  /** Repetitions per grid cell. @default 5 */
  reps?: string | number;
  /** Coordination modes: `preassign`, `decentralized`, `lead`. @default "preassign,decentralized" */
  mode?: string | readonly string[];
  /** @default "simulated" */
  backend?: string;
  /** Simulated-backend profiles (comma-separated). @default "balanced" */
  profile?: string | readonly string[];
  /** Sweep seed: run seeds derive from it. @default 1 */
  seed?: string | number;
  /** Output directory (required). */
  out?: string;
  /** Runs in flight at once. @default 1 */
  concurrency?: string | number;
  /** Continue the sweep in `out`, skipping runs already in runs.csv. @default false */
  resume?: boolean;
  /** Rounds before a run fails with max_rounds. @default 50 */
  maxRounds?: string | number;
  /** Model name the endpoint knows (`openai`: required; `replay`: the recorded one). */
  model?: string;
  /** Endpoint base URL (`openai`). @default OPENAI_BASE_URL, else https://api.openai.com/v1 */
  baseUrl?: string;
  /** Sampling temperature, 0 to 2 (`openai`). @default the endpoint's */
  temperature?: string | number;
  /** `max_completion_tokens` of each request (`openai`). @default none */
  maxOutputTokens?: string | number;
  /** Time limit of one request attempt, in seconds (`openai`). @default 180 */
  requestTimeout?: string | number;
  /** Retries of a failed request (429, 5xx, timeouts, connection errors). @default 6 */
  maxRetries?: string | number;
  /** Requests in flight at once, over all runs of the sweep. @default 8 */
  maxRequests?: string | number;
  /** Requests per minute, over all runs. @default no limit */
  rpm?: string | number;
  /** Tokens (input + output) per minute, over all runs. @default no limit */
  tpm?: string | number;
  /** Wall-clock limit of one sandboxed test process, in seconds. @default 10 */
  testTimeout?: string | number;
  /** Heap limit of one sandboxed test process, in MB. @default 256 */
  testMemory?: string | number;
  /** A task list in the paper's format (a file, or a folder of them) that the catalog was loaded from. */
  suiteFile?: string;
  /** The command that tests a paper-format suite in its workspace, e.g. `pytest -q`. */
  testCommand?: string;
  /** `replay`: the recorded sweep's folder (or its `cassettes/` folder). */
  cassette?: string;
}

/** Options of the real-model backends (`openai`, `replay`), complete and validated. */
export interface LlmSweepOptions {
  model: string;
  /** As given (null: from OPENAI_BASE_URL or the default). */
  baseUrl: string | null;
  temperature: number | null;
  maxOutputTokens: number | null;
  requestTimeoutSeconds: number;
  maxRetries: number;
  maxRequests: number;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  testTimeoutSeconds: number;
  testMemoryMb: number;
  /** `replay` only: where the cassettes are. */
  cassette: string | null;
}

/** Complete, validated sweep options: what the rest of the code sees. */
export interface SweepOptions {
  /** Suite ids, in catalog order. */
  suites: string[];
  /** p labels kept (`p09`, ...), in the order given. */
  pLabels: string[];
  n: number[];
  reps: number;
  modes: TeamMode[];
  backend: SweepBackend;
  profiles: string[];
  seed: number;
  out: string;
  concurrency: number;
  resume: boolean;
  maxRounds: number;
  /** Null for the simulated backend. */
  llm: LlmSweepOptions | null;
  /** The paper-format task list the suites come from, or null for the built-in catalog. */
  suiteFile: string | null;
  /** The test command of those suites, or null. */
  testCommand: string | null;
}

export const SWEEP_DEFAULTS = {
  suite: "all",
  n: "1-5",
  reps: 5,
  mode: "preassign,decentralized",
  backend: "simulated" as SweepBackend,
  profile: DEFAULT_SIM_PROFILE,
  seed: 1,
  concurrency: 1,
  maxRounds: 50,
  requestTimeout: 180,
  maxRetries: 6,
  maxRequests: 8,
  testTimeout: 10,
  testMemory: 256,
} as const;

const FN = "resolveSweepOptions";

function list(value: string | readonly (string | number)[], option: string): string[] {
  const parts = typeof value === "string" ? value.split(",").map((s) => s.trim()) : value.map((v) => String(v).trim());
  if (parts.length === 0 || parts.some((s) => s === "")) throw error(FN, `--${option} has an empty item in "${String(value)}"`);
  return [...new Set(parts)];
}

function integer(value: string | number, option: string, min: number, max: number): number {
  const s = String(value).trim();
  const v = typeof value === "number" ? value : /^[+-]?\d+$/.test(s) ? Number(s) : Number.NaN;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw error(FN, `invalid --${option} ${JSON.stringify(String(value))}; expected an integer from ${min} to ${max}`);
  }
  return v;
}

/** A number option: `[min, max]`, optionally an integer. */
function numberOption(value: string | number, option: string, min: number, max: number, integerOnly = false): number {
  const s = String(value).trim();
  const v = typeof value === "number" ? value : /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : Number.NaN;
  if (!Number.isFinite(v) || v < min || v > max || (integerOnly && !Number.isInteger(v))) {
    throw error(FN, `invalid --${option} ${JSON.stringify(String(value))}; expected ${integerOnly ? "an integer" : "a number"} from ${min} to ${max}`);
  }
  return v;
}

/** Options that only the real-model backends read, with their flag names. */
const LLM_ONLY: readonly (readonly [keyof SweepOptionsInput, string])[] = [
  ["model", "model"],
  ["baseUrl", "base-url"],
  ["temperature", "temperature"],
  ["maxOutputTokens", "max-output-tokens"],
  ["requestTimeout", "request-timeout"],
  ["maxRetries", "max-retries"],
  ["maxRequests", "max-requests"],
  ["rpm", "rpm"],
  ["tpm", "tpm"],
  ["testTimeout", "test-timeout"],
  ["testMemory", "test-memory"],
  ["cassette", "cassette"],
];

function resolveLlmOptions(input: SweepOptionsInput, backend: SweepBackend): LlmSweepOptions | null {
  if (backend === "simulated") {
    for (const [key, flag] of LLM_ONLY) {
      if (input[key] !== undefined) throw error(FN, `--${flag} applies to --backend openai or replay, not to the simulated backend`);
    }
    return null;
  }
  const model = input.model?.trim() ?? "";
  if (model === "") {
    throw error(FN, backend === "openai" ? "--backend openai needs --model (the model name the endpoint knows, e.g. gpt-4o-mini or llama3.1)" : "--backend replay needs --model (the recorded model)");
  }
  modelSlug(model); // refuses a name with nothing usable for file names
  if (backend === "openai" && input.cassette !== undefined) throw error(FN, "--cassette is for --backend replay (a recorded sweep to play back)");
  if (backend === "replay" && (input.cassette === undefined || input.cassette.trim() === "")) {
    throw error(FN, "--backend replay needs --cassette DIR: the output folder of the recorded openai sweep (or its cassettes/ folder)");
  }
  const baseUrl = input.baseUrl?.trim() ?? null;
  if (baseUrl !== null && !/^https?:\/\/[^\s]+$/i.test(baseUrl)) throw error(FN, `invalid --base-url ${JSON.stringify(baseUrl)}; expected an http(s) URL such as http://localhost:11434/v1`);
  const opt = (v: string | number | undefined, flag: string, min: number, max: number, int: boolean): number | null =>
    v === undefined ? null : numberOption(v, flag, min, max, int);
  return {
    model,
    baseUrl,
    temperature: opt(input.temperature, "temperature", 0, 2, false),
    maxOutputTokens: opt(input.maxOutputTokens, "max-output-tokens", 1, 1_000_000, true),
    requestTimeoutSeconds: numberOption(input.requestTimeout ?? SWEEP_DEFAULTS.requestTimeout, "request-timeout", 0.001, 3600),
    maxRetries: numberOption(input.maxRetries ?? SWEEP_DEFAULTS.maxRetries, "max-retries", 0, 20, true),
    maxRequests: numberOption(input.maxRequests ?? SWEEP_DEFAULTS.maxRequests, "max-requests", 1, 256, true),
    requestsPerMinute: opt(input.rpm, "rpm", 1, 1e9, true),
    tokensPerMinute: opt(input.tpm, "tpm", 1, 1e12, true),
    testTimeoutSeconds: numberOption(input.testTimeout ?? SWEEP_DEFAULTS.testTimeout, "test-timeout", 0.1, 3600),
    testMemoryMb: numberOption(input.testMemory ?? SWEEP_DEFAULTS.testMemory, "test-memory", 16, 65_536, true),
    cassette: backend === "replay" ? input.cassette!.trim() : null,
  };
}

/** `p09` for 0.9: "p" and round(10 p) in two digits. */
export function pLabelOf(p: number): string {
  return `p${String(Math.round(p * 10)).padStart(2, "0")}`;
}

/** 0.9 for `p09`. */
export function pOfLabel(label: string): number {
  return Number(label.slice(1)) / 10;
}

/** Team sizes from `1-5` (inclusive range) or `1,2,4`. */
function teamSizes(value: string | readonly number[]): number[] {
  const valid = `expected a range like 1-5 or a list like 1,2,4 of integers from 1 to 64`;
  if (typeof value === "string") {
    const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(value);
    if (m) {
      const a = integer(m[1]!, "n", 1, 64);
      const b = integer(m[2]!, "n", 1, 64);
      if (a > b) throw error(FN, `invalid --n "${value}"; the range is empty (${a} > ${b}); ${valid}`);
      return Array.from({ length: b - a + 1 }, (_, i) => a + i);
    }
  }
  const parts = list(value, "n");
  return parts.map((s) => {
    if (!/^\d+$/.test(s)) throw error(FN, `invalid --n "${String(value)}"; ${valid}`);
    return integer(s, "n", 1, 64);
  });
}

/**
 * Validate and complete sweep options, once, up front. Pure (no I/O): suites are looked up in
 * `catalog`, profiles in `SIM_PROFILES`.
 *
 * @throws ToolkitError naming the option, the bad value and the valid values.
 * @example resolveSweepOptions({ suite: "mathutils", p: "0.9", n: "1-3", out: "runs/x" })
 */
export function resolveSweepOptions(input: SweepOptionsInput, catalog: SuiteCatalog = BUILTIN_CATALOG): SweepOptions {
  if (input.out === undefined || input.out.trim() === "") {
    throw error(FN, "missing --out: give the directory for config.json, runs.csv and events/");
  }

  // Suites: ids and domains, expanded in catalog order.
  const suitesOf = new Map<string, string[]>();
  const labelOf = new Map<string, string>();
  for (const id of catalog.ids) {
    const s = catalog.get(id);
    labelOf.set(id, s.p_label);
    const d = suitesOf.get(s.domain) ?? [];
    d.push(id);
    suitesOf.set(s.domain, d);
  }
  const wanted = list(input.suite ?? SWEEP_DEFAULTS.suite, "suite");
  const chosen = new Set<string>();
  for (const w of wanted) {
    if (w === "all") catalog.ids.forEach((id) => chosen.add(id));
    else if (labelOf.has(w)) chosen.add(w);
    else if (suitesOf.has(w)) suitesOf.get(w)!.forEach((id) => chosen.add(id));
    else {
      throw error(FN, `unknown --suite "${w}"; valid: all, ${[...suitesOf.keys()].join(", ")}, or a suite id: ${catalog.ids.join(", ")}`);
    }
  }

  // p: keep the chosen suites whose label matches.
  const labels = [...new Set(catalog.ids.map((id) => labelOf.get(id)!))];
  let pLabels: string[];
  if (input.p === undefined) {
    pLabels = labels.filter((l) => [...chosen].some((id) => labelOf.get(id) === l));
  } else {
    const validP = labels.map(pOfLabel).join(", ");
    pLabels = list(input.p, "p").map((s) => {
      const v = Number(s);
      if (s === "" || !Number.isFinite(v) || !labels.includes(pLabelOf(v)) || Math.abs(v * 10 - Math.round(v * 10)) > 1e-9) {
        throw error(FN, `invalid --p "${s}"; valid: ${validP}`);
      }
      return pLabelOf(v);
    });
  }
  const suites = catalog.ids.filter((id) => chosen.has(id) && pLabels.includes(labelOf.get(id)!));
  if (suites.length === 0) {
    throw error(FN, `--suite ${JSON.stringify(String(input.suite ?? SWEEP_DEFAULTS.suite))} with --p ${JSON.stringify(String(input.p))} selects no suite`);
  }

  const modes = list(input.mode ?? SWEEP_DEFAULTS.mode, "mode").map((m) => {
    if (!isTeamMode(m)) throw error(FN, `unknown --mode "${m}"; valid: ${TEAM_MODES.join(", ")}`);
    return m;
  });

  const backend = (input.backend ?? SWEEP_DEFAULTS.backend).trim();
  if (!(SWEEP_BACKENDS as readonly string[]).includes(backend)) {
    throw error(FN, `unknown --backend "${backend}"; valid: ${SWEEP_BACKENDS.join(", ")}`);
  }

  const llm = resolveLlmOptions(input, backend as SweepBackend);
  let profiles: string[];
  if (llm === null) {
    profiles = list(input.profile ?? SWEEP_DEFAULTS.profile, "profile").map((p) => {
      if (!SIM_PROFILE_NAMES.includes(p)) throw error(FN, `unknown --profile "${p}"; valid: ${SIM_PROFILE_NAMES.join(", ")}`);
      return p;
    });
  } else {
    if (input.profile !== undefined) throw error(FN, `--profile is for the simulated backend; runs of --backend ${backend} are named after --model`);
    profiles = [modelSlug(llm.model)];
  }

  const suiteFile = input.suiteFile?.trim() || null;
  const testCommand = input.testCommand?.trim() || null;
  if (suiteFile !== null && testCommand === null) {
    throw error(FN, '--suite-file needs --test-command: the paper\'s task lists have no tests of their own (e.g. --test-command "pytest -q")');
  }
  if (testCommand !== null && suiteFile === null) {
    throw error(FN, "--test-command applies to suites loaded with --suite-file (the built-in suites carry their own JS tests)");
  }
  if (suiteFile !== null && llm === null) {
    throw error(FN, "--suite-file needs --backend openai (or replay): the simulated backend writes reference solutions, which the paper's task lists do not have");
  }

  return {
    suites,
    pLabels,
    n: teamSizes(input.n ?? SWEEP_DEFAULTS.n),
    reps: integer(input.reps ?? SWEEP_DEFAULTS.reps, "reps", 1, 1000),
    modes,
    backend: backend as SweepBackend,
    profiles,
    seed: integer(input.seed ?? SWEEP_DEFAULTS.seed, "seed", 0, SEED_LIMIT - 1),
    out: input.out,
    concurrency: integer(input.concurrency ?? SWEEP_DEFAULTS.concurrency, "concurrency", 1, 64),
    resume: input.resume ?? false,
    maxRounds: integer(input.maxRounds ?? SWEEP_DEFAULTS.maxRounds, "max-rounds", 1, 10_000),
    llm,
    suiteFile,
    testCommand,
  };
}
