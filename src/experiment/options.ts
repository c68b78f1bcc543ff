import { error } from "../errors.js";
import { SEED_LIMIT } from "../llm/rng.js";
import { SIM_PROFILE_NAMES, DEFAULT_SIM_PROFILE } from "../llm/sim-profiles.js";
import { TEAM_MODES, isTeamMode, type TeamMode } from "../team/mode.js";
import { BUILTIN_CATALOG, type SuiteCatalog } from "./catalog.js";

/** Backends a sweep can use. (An OpenAI-compatible backend is planned; it will be added here.) */
export const SWEEP_BACKENDS = ["simulated"] as const;
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

  const profiles = list(input.profile ?? SWEEP_DEFAULTS.profile, "profile").map((p) => {
    if (!SIM_PROFILE_NAMES.includes(p)) throw error(FN, `unknown --profile "${p}"; valid: ${SIM_PROFILE_NAMES.join(", ")}`);
    return p;
  });

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
  };
}
