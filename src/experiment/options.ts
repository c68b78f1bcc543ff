import { error } from "../core/errors.js";
import { modelSlug } from "../llm/model-slug.js";
import { pFromLabel, pLabel } from "../tasks/p-label.js";
import type { TeamMode } from "../agent/mode.js";
import { BUILTIN_CATALOG, type SuiteCatalog } from "./catalog.js";
import {
  SWEEP_FIELDS,
  checkBackendFields,
  readChoice,
  readList,
  readNumber,
  readSizes,
  readSwitch,
  readText,
  readUrl,
  type SweepBackend,
  type SweepField,
  type SweepFieldKey,
} from "./sweep-fields.js";

export { SWEEP_BACKENDS, SWEEP_FIELDS, type SweepBackend, type SweepField } from "./sweep-fields.js";

/**
 * Sweep options as given (CLI strings, or values from code). Lists are comma-separated strings or
 * arrays; every field is optional and falls back to its default. Each field's flag, range, default
 * and help text are in `SWEEP_FIELDS`.
 */
export interface SweepOptionsInput {
  /** `all`, or suite ids (`mathutils_p09`) and domains (`mathutils`). */
  suite?: string | readonly string[];
  /** Parallel fractions to keep, e.g. `0.9,0.5,0.2` (default: every p of the selected suites). */
  p?: string | readonly number[];
  /** Team sizes: a range `1-5` or a list `1,2,4`. */
  n?: string | readonly number[];
  /** Repetitions per grid cell. */
  reps?: string | number;
  /** Coordination modes: `preassign`, `decentralized`, `lead`. */
  mode?: string | readonly string[];
  /** `simulated`, `openai` or `replay`. */
  backend?: string;
  /** Simulated-backend profiles. */
  profile?: string | readonly string[];
  /** Sweep seed: run seeds derive from it. */
  seed?: string | number;
  /** Output directory (required). */
  out?: string;
  /** Runs in flight at once. */
  concurrency?: string | number;
  /** Continue the sweep in `out`, skipping runs already in runs.csv. */
  resume?: boolean;
  /** Rounds before a run fails with max_rounds. */
  maxRounds?: string | number;
  /** Model name the endpoint knows (`openai`: required; `replay`: the recorded one). */
  model?: string;
  /** Endpoint base URL (`openai`). */
  baseUrl?: string;
  /** A `.env` file to read OPENAI_API_KEY / OPENAI_BASE_URL from (`openai`). */
  envFile?: string;
  /** Sampling temperature, 0 to 2 (`openai`). */
  temperature?: string | number;
  /** `max_completion_tokens` of each request (`openai`). */
  maxOutputTokens?: string | number;
  /** Time limit of one request attempt, in seconds (`openai`). */
  requestTimeout?: string | number;
  /** Time limit of a whole request, all attempts and waits, in seconds (`openai`). */
  requestDeadline?: string | number;
  /** Largest response body read, in bytes after decompression (`openai`). */
  maxResponseBytes?: string | number;
  /** Retries of a failed request (429, 5xx, timeouts, connection errors) (`openai`). */
  maxRetries?: string | number;
  /** Requests in flight at once, over all runs of the sweep (`openai`). */
  maxRequests?: string | number;
  /** Requests per minute, over all runs (`openai`). */
  rpm?: string | number;
  /** Tokens (input + output) per minute, over all runs (`openai`). */
  tpm?: string | number;
  /** Wall-clock limit of one sandboxed test process, in seconds (`openai`). */
  testTimeout?: string | number;
  /** Heap limit of one sandboxed test process, in MB (`openai`). */
  testMemory?: string | number;
  /**
   * Run agent-written code without the OS sandbox where it cannot start (`openai`; unsafe). For
   * `replay`, which runs no code, the recorded sweep's value (written again to every run_start).
   */
  unsafeNoSandbox?: boolean;
  /** A JSON price file added to the built-in price table, for `cost_usd` (`openai`, `replay`). */
  prices?: string;
  /** A task list in the paper's format (a file, or a folder of them) that the catalog was loaded from. */
  suiteFile?: string;
  /** The command that tests a paper-format suite in its workspace, e.g. `pytest -q`. */
  testCommand?: string;
  /** `replay`: the recorded sweep's folder (or its `cassettes/` folder). */
  cassette?: string;
}

// Every input field has exactly one entry in SWEEP_FIELDS, and every entry is an input field.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const FIELDS_MATCH_INPUT: Same<SweepFieldKey, keyof SweepOptionsInput> = true;
void FIELDS_MATCH_INPUT;

/** The simulated backend: a model of LLM teams on a virtual clock (its profiles are the sweep's `profiles`). */
export interface SimulatedSweepBackend {
  kind: "simulated";
}

/** A real model behind an OpenAI-compatible endpoint: wall clock, every run recorded to a cassette. */
export interface OpenAISweepBackend {
  kind: "openai";
  model: string;
  /** As given (null: from OPENAI_BASE_URL or the default). */
  baseUrl: string | null;
  /** The `.env` file to read (null: `./.env` when present). */
  envFile: string | null;
  temperature: number | null;
  maxOutputTokens: number | null;
  requestTimeoutSeconds: number;
  requestDeadlineSeconds: number;
  maxResponseBytes: number;
  maxRetries: number;
  maxRequests: number;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  testTimeoutSeconds: number;
  testMemoryMb: number;
  /** Run agent code without the OS sandbox where it cannot start (the sandbox is used wherever it starts). */
  unsafeNoSandbox: boolean;
  /** A JSON price file added to the built-in table (null: the built-in table). */
  pricesFile: string | null;
}

/** A recorded `openai` sweep played back from its cassettes, offline. */
export interface ReplaySweepBackend {
  kind: "replay";
  /** The recorded model. */
  model: string;
  /** The recorded sweep's folder or its `cassettes/` folder. */
  cassette: string;
  /** The recorded sweep's `--unsafe-no-sandbox`, written again to every run_start (a replay runs no code). */
  unsafeNoSandbox: boolean;
  pricesFile: string | null;
}

export type SweepBackendOptions = SimulatedSweepBackend | OpenAISweepBackend | ReplaySweepBackend;

/** The real-model backends (`openai`, `replay`). */
export type RealSweepBackend = OpenAISweepBackend | ReplaySweepBackend;

/** Suites from the catalog the sweep is given (the built-in suites unless a caller passes another). */
export interface CatalogSuiteSource {
  kind: "catalog";
}

/** Suites loaded from task lists in the paper's format, tested by a command run in the workspace. */
export interface FileSuiteSource {
  kind: "file";
  /** The file or folder the catalog was loaded from. */
  path: string;
  testCommand: string;
}

export type SuiteSource = CatalogSuiteSource | FileSuiteSource;

/** The grid and the run settings every sweep has. */
interface SweepCommon {
  /** Suite ids, in catalog order. */
  suites: string[];
  /** p labels kept (`p09`, ...), in the order given. */
  pLabels: string[];
  n: number[];
  reps: number;
  modes: TeamMode[];
  /** The grid's profile axis, the first part of each run id: the simulated profiles, or the real model's slug. */
  profiles: string[];
  seed: number;
  out: string;
  concurrency: number;
  resume: boolean;
  maxRounds: number;
}

/**
 * Complete, validated sweep options: what the rest of the code sees. The backend and the suite source
 * are tagged unions, each with only its own fields; suites from a file need a real model (the
 * simulator writes reference solutions, which the paper's task lists do not have).
 */
export type SweepOptions = SweepCommon &
  ({ backend: SimulatedSweepBackend; suiteSource: CatalogSuiteSource } | { backend: RealSweepBackend; suiteSource: SuiteSource });

const FN = "resolveSweepOptions";
const F = SWEEP_FIELDS;

/** The suites chosen by `suite` and `p`, in catalog order, and the p labels kept. */
function selectSuites(input: SweepOptionsInput, catalog: SuiteCatalog): { suites: string[]; pLabels: string[] } {
  const suitesOf = new Map<string, string[]>();
  const labelOf = new Map<string, string>();
  for (const id of catalog.ids) {
    const s = catalog.get(id);
    labelOf.set(id, s.p_label);
    const d = suitesOf.get(s.domain) ?? [];
    d.push(id);
    suitesOf.set(s.domain, d);
  }
  const chosen = new Set<string>();
  for (const w of readList(F.suite, input.suite ?? F.suite.default)) {
    if (w === "all") catalog.ids.forEach((id) => chosen.add(id));
    else if (labelOf.has(w)) chosen.add(w);
    else if (suitesOf.has(w)) suitesOf.get(w)!.forEach((id) => chosen.add(id));
    else throw error(FN, `unknown --suite "${w}"; valid: all, ${[...suitesOf.keys()].join(", ")}, or a suite id: ${catalog.ids.join(", ")}`);
  }

  // p: keep the chosen suites whose label matches.
  const labels = [...new Set(catalog.ids.map((id) => labelOf.get(id)!))];
  let pLabels: string[];
  if (input.p === undefined) {
    pLabels = labels.filter((l) => [...chosen].some((id) => labelOf.get(id) === l));
  } else {
    // One codec (tasks/p-label.ts): a --p value names the suites whose label is pLabel(value), and must be
    // exactly the p of that label (0.35 selects p035; 0.351 selects nothing rather than being rounded).
    const validP = labels.map((l) => String(pFromLabel(l))).join(", ");
    pLabels = readList(F.p, input.p).map((s) => {
      const v = Number(s);
      const label = s !== "" && v >= 0 && v <= 1 ? pLabel(v) : null;
      if (label === null || !labels.includes(label) || pFromLabel(label) !== v) {
        throw error(FN, `invalid --p "${s}"; valid: ${validP}`);
      }
      return label;
    });
  }
  const suites = catalog.ids.filter((id) => chosen.has(id) && pLabels.includes(labelOf.get(id)!));
  if (suites.length === 0) {
    throw error(FN, `--suite ${JSON.stringify(String(input.suite ?? F.suite.default))} with --p ${JSON.stringify(String(input.p))} selects no suite`);
  }
  return { suites, pLabels };
}

/** The backend's own options, complete; options it does not read are refused. */
function resolveBackend(input: SweepOptionsInput, kind: SweepBackend): SweepBackendOptions {
  checkBackendFields(input, kind);
  const text = (v: string | undefined, field: SweepField): string | null => (v === undefined ? null : readText(field, v));
  if (kind === "simulated") return { kind };
  const model = input.model?.trim() ?? "";
  if (model === "") {
    throw error(FN, kind === "openai" ? "--backend openai needs --model (the model name the endpoint knows, e.g. gpt-4o-mini or llama3.1)" : "--backend replay needs --model (the recorded model)");
  }
  modelSlug(model); // refuses a name with nothing usable for file names
  const pricesFile = text(input.prices, F.prices);
  if (kind === "replay") {
    if (input.cassette === undefined || input.cassette.trim() === "") {
      throw error(FN, "--backend replay needs --cassette DIR: the output folder of the recorded openai sweep (or its cassettes/ folder)");
    }
    return { kind, model, cassette: input.cassette.trim(), unsafeNoSandbox: readSwitch(F.unsafeNoSandbox, input.unsafeNoSandbox), pricesFile };
  }
  const optional = (v: string | number | undefined, field: SweepField): number | null => (v === undefined ? null : readNumber(field, v));
  return {
    kind,
    model,
    baseUrl: input.baseUrl === undefined ? null : readUrl(F.baseUrl, input.baseUrl),
    envFile: text(input.envFile, F.envFile),
    temperature: optional(input.temperature, F.temperature),
    maxOutputTokens: optional(input.maxOutputTokens, F.maxOutputTokens),
    requestTimeoutSeconds: readNumber(F.requestTimeout, input.requestTimeout ?? F.requestTimeout.default),
    requestDeadlineSeconds: readNumber(F.requestDeadline, input.requestDeadline ?? F.requestDeadline.default),
    maxResponseBytes: readNumber(F.maxResponseBytes, input.maxResponseBytes ?? F.maxResponseBytes.default),
    maxRetries: readNumber(F.maxRetries, input.maxRetries ?? F.maxRetries.default),
    maxRequests: readNumber(F.maxRequests, input.maxRequests ?? F.maxRequests.default),
    requestsPerMinute: optional(input.rpm, F.rpm),
    tokensPerMinute: optional(input.tpm, F.tpm),
    testTimeoutSeconds: readNumber(F.testTimeout, input.testTimeout ?? F.testTimeout.default),
    testMemoryMb: readNumber(F.testMemory, input.testMemory ?? F.testMemory.default),
    unsafeNoSandbox: readSwitch(F.unsafeNoSandbox, input.unsafeNoSandbox),
    pricesFile,
  };
}

/** Where the suites come from: the catalog, or a paper-format task list with its test command. */
function resolveSuiteSource(input: SweepOptionsInput): SuiteSource {
  const path = input.suiteFile?.trim() || null;
  const testCommand = input.testCommand?.trim() || null;
  if (path !== null && testCommand === null) {
    throw error(FN, '--suite-file needs --test-command: the paper\'s task lists have no tests of their own (e.g. --test-command "python3 -m pytest -q")');
  }
  if (testCommand !== null && path === null) {
    throw error(FN, "--test-command applies to suites loaded with --suite-file (the built-in suites carry their own JS tests)");
  }
  return path === null || testCommand === null ? { kind: "catalog" } : { kind: "file", path, testCommand };
}

/**
 * Validate and complete sweep options, once, up front. Pure (no I/O): suites are looked up in
 * `catalog`, profiles in `SIM_PROFILES`; every value is read and range-checked through `SWEEP_FIELDS`.
 *
 * @throws ToolkitError naming the option, the bad value and the valid values.
 * @example resolveSweepOptions({ suite: "mathutils", p: "0.9", n: "1-3", out: "runs/x" })
 */
export function resolveSweepOptions(input: SweepOptionsInput, catalog: SuiteCatalog = BUILTIN_CATALOG): SweepOptions {
  if (input.out === undefined || input.out.trim() === "") {
    throw error(FN, "missing --out: give the directory for config.json, runs.csv and events/");
  }
  const { suites, pLabels } = selectSuites(input, catalog);
  const modes = readList(F.mode, input.mode ?? F.mode.default) as TeamMode[];
  const suiteSource = resolveSuiteSource(input);
  const backend = resolveBackend(input, readChoice(F.backend, input.backend ?? F.backend.default) as SweepBackend);
  const common: SweepCommon = {
    suites,
    pLabels,
    n: readSizes(F.n, input.n ?? F.n.default),
    reps: readNumber(F.reps, input.reps ?? F.reps.default),
    modes,
    profiles: backend.kind === "simulated" ? readList(F.profile, input.profile ?? F.profile.default) : [modelSlug(backend.model)],
    seed: readNumber(F.seed, input.seed ?? F.seed.default),
    out: input.out,
    concurrency: readNumber(F.concurrency, input.concurrency ?? F.concurrency.default),
    resume: readSwitch(F.resume, input.resume),
    maxRounds: readNumber(F.maxRounds, input.maxRounds ?? F.maxRounds.default),
  };
  if (backend.kind === "simulated") {
    // checkBackendFields has refused --suite-file for the simulator, so the source is the catalog.
    if (suiteSource.kind !== "catalog") throw error(FN, "--suite-file needs --backend openai (or replay)");
    return { ...common, backend, suiteSource };
  }
  return { ...common, backend, suiteSource };
}
