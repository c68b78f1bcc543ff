import { error } from "../core/errors.js";
import { SEED_LIMIT } from "../core/rng.js";
import { TEAM_MODES } from "../agent/mode.js";
import { SIM_PROFILE_NAMES, DEFAULT_SIM_PROFILE } from "../llm/sim-profiles.js";

/**
 * Backends a sweep can use: `simulated` (a model of LLM teams, virtual clock), `openai` (a real model
 * behind any OpenAI-compatible endpoint, wall clock, recorded to cassettes) and `replay` (a recorded
 * `openai` sweep played back from its cassettes, offline).
 */
export const SWEEP_BACKENDS = ["simulated", "openai", "replay"] as const;
export type SweepBackend = (typeof SWEEP_BACKENDS)[number];

/**
 * One sweep option: its flag, how its value is read and checked, its default, which backends read
 * it, and its help text. `SWEEP_FIELDS` holds one per option; `resolveSweepOptions` reads values
 * through it and the sweep's command line (flags, usage, the valid-options list) is generated from it.
 */
export interface SweepField {
  /** The command-line flag without its dashes (`max-rounds`); messages name the option by it. */
  flag: string;
  /** What the value looks like in the usage (`DIR`, `LIST`); absent for a switch. */
  metavar?: string;
  /**
   * `text` a string, `switch` a boolean, `integer` / `number` within `[min, max]`, `list` a
   * comma-separated list (of `choices` when given), `sizes` a range `1-5` or a list of integers in
   * `[min, max]`, `url` an http(s) URL, `choice` one of `choices`.
   */
  kind: "text" | "switch" | "integer" | "number" | "list" | "sizes" | "url" | "choice";
  min?: number;
  max?: number;
  choices?: readonly string[];
  /** The value used when the option is not given (shown in the usage). */
  default?: string | number;
  /** What happens when the option is not given, for options without a default value (shown in the usage). */
  absent?: string;
  /** True for an option the sweep cannot run without. */
  required?: true;
  /** The backends that read the option; given to another backend it is refused. @default every backend */
  backends?: readonly SweepBackend[];
  /** Why it does not apply to other backends, added to the refusal. */
  why?: string;
  /** The usage section: the grid, real models, replay. */
  section: "grid" | "openai" | "replay";
  help: string;
}

const REAL: readonly SweepBackend[] = ["openai", "replay"];

/**
 * Every sweep option, in the order the usage lists them. The keys are the fields of
 * `SweepOptionsInput` (the compiler checks that each has exactly one entry).
 */
export const SWEEP_FIELDS = {
  out: { flag: "out", metavar: "DIR", kind: "text", required: true, section: "grid", help: "output directory" },
  suite: {
    flag: "suite",
    metavar: "LIST",
    kind: "list",
    default: "all",
    section: "grid",
    help: '"all", domains (mathutils, dataanalysis, svgutils) or suite ids (mathutils_p09)',
  },
  p: { flag: "p", metavar: "LIST", kind: "list", absent: "all", section: "grid", help: "parallel fractions to keep, e.g. 0.9,0.5,0.2" },
  n: { flag: "n", metavar: "RANGE|LIST", kind: "sizes", min: 1, max: 64, default: "1-5", section: "grid", help: "team sizes: 1-5 or 1,2,4" },
  reps: { flag: "reps", metavar: "K", kind: "integer", min: 1, max: 1000, default: 5, section: "grid", help: "repetitions per cell" },
  mode: { flag: "mode", metavar: "LIST", kind: "list", choices: TEAM_MODES, default: "preassign,decentralized", section: "grid", help: "coordination modes" },
  backend: { flag: "backend", metavar: "NAME", kind: "choice", choices: SWEEP_BACKENDS, default: "simulated", section: "grid", help: "who plays the agents" },
  profile: {
    flag: "profile",
    metavar: "LIST",
    kind: "list",
    choices: SIM_PROFILE_NAMES,
    default: DEFAULT_SIM_PROFILE,
    backends: ["simulated"],
    why: "runs of a real model are named after --model",
    section: "grid",
    help: "simulated-backend profiles",
  },
  seed: {
    flag: "seed",
    metavar: "S",
    kind: "integer",
    min: 0,
    max: SEED_LIMIT - 1,
    default: 1,
    section: "grid",
    help: "sweep seed; each run's seed derives from it and the run's suite, mode, n and rep",
  },
  maxRounds: { flag: "max-rounds", metavar: "R", kind: "integer", min: 1, max: 10_000, default: 50, section: "grid", help: "rounds before a run fails" },
  concurrency: { flag: "concurrency", metavar: "C", kind: "integer", min: 1, max: 64, default: 1, section: "grid", help: "runs in flight at once" },
  resume: { flag: "resume", kind: "switch", section: "grid", help: "continue the sweep in DIR: runs already in runs.csv are skipped" },
  model: {
    flag: "model",
    metavar: "NAME",
    kind: "text",
    backends: REAL,
    section: "openai",
    help: "the model name the endpoint knows, e.g. gpt-4o-mini, llama3.1 (required)",
  },
  baseUrl: {
    flag: "base-url",
    metavar: "URL",
    kind: "url",
    absent: "OPENAI_BASE_URL, else OpenAI",
    backends: ["openai"],
    section: "openai",
    help: "endpoint, e.g. http://localhost:11434/v1",
  },
  envFile: {
    flag: "env-file",
    metavar: "PATH",
    kind: "text",
    absent: "./.env if present",
    backends: ["openai"],
    section: "openai",
    help: "read OPENAI_API_KEY / OPENAI_BASE_URL from this file; variables already in the environment win, and the key is never taken on the command line",
  },
  temperature: { flag: "temperature", metavar: "T", kind: "number", min: 0, max: 2, absent: "the endpoint's", backends: ["openai"], section: "openai", help: "sampling temperature" },
  maxOutputTokens: {
    flag: "max-output-tokens",
    metavar: "K",
    kind: "integer",
    min: 1,
    max: 1_000_000,
    absent: "none",
    backends: ["openai"],
    section: "openai",
    help: "max_completion_tokens of each request",
  },
  requestTimeout: {
    flag: "request-timeout",
    metavar: "S",
    kind: "number",
    min: 0.001,
    max: 3600,
    default: 180,
    backends: ["openai"],
    section: "openai",
    help: "time limit of one request attempt, seconds",
  },
  requestDeadline: {
    flag: "request-deadline",
    metavar: "S",
    kind: "number",
    min: 0.001,
    max: 604_800,
    default: 900,
    backends: ["openai"],
    section: "openai",
    help: "time limit of a whole request, retries and waits included, seconds",
  },
  maxResponseBytes: {
    flag: "max-response-bytes",
    metavar: "B",
    kind: "integer",
    min: 1024,
    max: 1_073_741_824,
    default: 8_388_608,
    backends: ["openai"],
    section: "openai",
    help: "largest response body read (after decompression); a longer one is cut off while it streams and its request fails",
  },
  maxRetries: {
    flag: "max-retries",
    metavar: "K",
    kind: "integer",
    min: 0,
    max: 20,
    default: 6,
    backends: ["openai"],
    section: "openai",
    help: "retries on 429, 5xx, timeouts, connection errors",
  },
  maxRequests: {
    flag: "max-requests",
    metavar: "C",
    kind: "integer",
    min: 1,
    max: 256,
    default: 8,
    backends: ["openai"],
    section: "openai",
    help: "requests in flight at once, all runs together",
  },
  rpm: { flag: "rpm", metavar: "R", kind: "integer", min: 1, max: 1e9, absent: "no limit", backends: ["openai"], section: "openai", help: "requests per minute, all runs together" },
  tpm: { flag: "tpm", metavar: "T", kind: "integer", min: 1, max: 1e12, absent: "no limit", backends: ["openai"], section: "openai", help: "tokens per minute, all runs together" },
  testTimeout: {
    flag: "test-timeout",
    metavar: "S",
    kind: "number",
    min: 0.1,
    max: 3600,
    default: 10,
    backends: ["openai"],
    section: "openai",
    help: "wall-clock limit of one sandboxed test process, seconds",
  },
  testMemory: {
    flag: "test-memory",
    metavar: "MB",
    kind: "integer",
    min: 16,
    max: 65_536,
    default: 256,
    backends: ["openai"],
    section: "openai",
    help: "heap limit of one sandboxed test process",
  },
  unsafeNoSandbox: {
    flag: "unsafe-no-sandbox",
    kind: "switch",
    backends: REAL,
    section: "openai",
    help: "UNSAFE: run agent-written code with this user's rights where the OS sandbox (bubblewrap) cannot start; recorded in config.json and every run_start",
  },
  prices: {
    flag: "prices",
    metavar: "FILE",
    kind: "text",
    backends: REAL,
    section: "openai",
    help: "JSON prices (USD per million tokens) added to the built-in table, for cost_usd",
  },
  suiteFile: {
    flag: "suite-file",
    metavar: "PATH",
    kind: "text",
    backends: REAL,
    why: "the simulated backend writes reference solutions, which the paper's task lists do not have",
    section: "openai",
    help: "the paper's task-list format: one .json file or a folder of them",
  },
  testCommand: {
    flag: "test-command",
    metavar: "CMD",
    kind: "text",
    backends: REAL,
    section: "openai",
    help: 'how those suites are tested in the workspace, e.g. "python3 -m pytest -q" (no shell; the program must be under /usr, e.g. Debian\'s python3-pytest)',
  },
  cassette: {
    flag: "cassette",
    metavar: "DIR",
    kind: "text",
    backends: ["replay"],
    section: "replay",
    help: "the recorded sweep's folder (or its cassettes/); its grid, model and suites are the defaults (required)",
  },
} as const satisfies Record<string, SweepField>;

export type SweepFieldKey = keyof typeof SWEEP_FIELDS;

const FN = "resolveSweepOptions";

/** The comma-separated items of a list option, trimmed; an item given twice is refused (a typo, or a grid not meant). */
export function readList(field: SweepField, value: string | readonly (string | number)[]): string[] {
  const parts = typeof value === "string" ? value.split(",").map((s) => s.trim()) : value.map((v) => String(v).trim());
  if (parts.length === 0 || parts.some((s) => s === "")) throw error(FN, `--${field.flag} has an empty item in "${String(value)}"`);
  const items = [...new Set(parts)];
  if (items.length < parts.length) {
    const twice = parts.find((p, i) => parts.indexOf(p) !== i)!;
    throw error(FN, `--${field.flag} lists "${twice}" more than once in "${String(value)}"; give each value once`);
  }
  if (field.choices !== undefined) {
    for (const item of items) {
      if (!field.choices.includes(item)) throw error(FN, `unknown --${field.flag} "${item}"; valid: ${field.choices.join(", ")}`);
    }
  }
  return items;
}

/** One of `field.choices`. */
export function readChoice(field: SweepField, value: string): string {
  const v = value.trim();
  if (!field.choices!.includes(v)) throw error(FN, `unknown --${field.flag} "${v}"; valid: ${field.choices!.join(", ")}`);
  return v;
}

/** An integer (`kind: "integer"`) or a number (`kind: "number"`) in `[field.min, field.max]`; strings are read strictly. */
export function readNumber(field: SweepField, value: string | number): number {
  const integer = field.kind === "integer" || field.kind === "sizes";
  const s = String(value).trim();
  const pattern = integer ? /^[+-]?\d+$/ : /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  const v = typeof value === "number" ? value : pattern.test(s) ? Number(s) : Number.NaN;
  const min = field.min ?? -Infinity;
  const max = field.max ?? Infinity;
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw error(FN, `invalid --${field.flag} ${JSON.stringify(String(value))}; expected ${integer ? "an integer" : "a number"} from ${min} to ${max}`);
  }
  return v;
}

/** Team sizes from a range `1-5` (inclusive) or a list `1,2,4`, each in `[field.min, field.max]`. */
export function readSizes(field: SweepField, value: string | readonly number[]): number[] {
  const valid = `expected a range like 1-5 or a list like 1,2,4 of integers from ${field.min} to ${field.max}`;
  if (typeof value === "string") {
    const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(value);
    if (m) {
      const a = readNumber(field, m[1]!);
      const b = readNumber(field, m[2]!);
      if (a > b) throw error(FN, `invalid --${field.flag} "${value}"; the range is empty (${a} > ${b}); ${valid}`);
      return Array.from({ length: b - a + 1 }, (_, i) => a + i);
    }
  }
  return readList(field, value).map((s) => {
    if (!/^\d+$/.test(s)) throw error(FN, `invalid --${field.flag} "${String(value)}"; ${valid}`);
    return readNumber(field, s);
  });
}

/** A switch: true or false (absent is false). */
export function readSwitch(field: SweepField, value: boolean | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") throw error(FN, `invalid --${field.flag} ${JSON.stringify(value)}; expected true or false (on the command line: the flag alone)`);
  return value;
}

/** A non-empty string, trimmed. */
export function readText(field: SweepField, value: string): string {
  const v = value.trim();
  if (v === "") throw error(FN, `--${field.flag} is empty; give ${field.metavar ?? "a value"}`);
  return v;
}

/** An http(s) URL. */
export function readUrl(field: SweepField, value: string): string {
  const v = value.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(v)) throw error(FN, `invalid --${field.flag} ${JSON.stringify(v)}; expected an http(s) URL such as http://localhost:11434/v1`);
  return v;
}

/**
 * Refuse an option given to a backend that does not read it, naming the option and the backends it
 * applies to: `--rpm applies to --backend openai, not to the simulated backend`.
 */
export function checkBackendFields(input: Partial<Record<SweepFieldKey, unknown>>, backend: SweepBackend): void {
  for (const key of Object.keys(SWEEP_FIELDS) as SweepFieldKey[]) {
    const field: SweepField = SWEEP_FIELDS[key];
    if (input[key] === undefined || field.backends === undefined || field.backends.includes(backend)) continue;
    const here = backend === "simulated" ? "the simulated backend" : `--backend ${backend}`;
    throw error(FN, `--${field.flag} applies to --backend ${field.backends.join(" or ")}, not to ${here}${field.why ? `; ${field.why}` : ""}`);
  }
}
