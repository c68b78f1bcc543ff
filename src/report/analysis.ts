/**
 * The statistics of the reproduction: scaling-law fits, message growth, and cost against speedup, as
 * pure functions of a run table, its per-run event metrics and the paper tables computed from them. The
 * same contracts hold for the paper's published runs and for our own (simulated or real) runs, so one
 * call serves both:
 *
 *   const analysis = analyzeRuns(runs, metrics, paperTables(runs, metrics));
 *   const figures = analysisFigures(runs, metrics, tables, "simulated");   // NamedFigure[] with CSVs
 *
 * What is fitted (each choice is stated where it is made):
 *
 * - Amdahl, per condition × model × p: S(n) = 1/((1 − p) + p/n) fitted to the speedup table's points
 *   (mean speedup over task types, delta-method SEM). The n = 1 point is S = 1 by definition and
 *   `fitAmdahl` excludes it (it carries no information about p); the fit uses n = 2..5. Constrained
 *   (p ∈ [0, 1]) goes into the CSV's p_hat; the unconstrained p̂ sits beside it. Default weighting:
 *   none (see `AnalysisOptions.weighting` for why).
 *   The nonlinear-least-squares SE treats the four points as independent, but every point divides by the
 *   same single-agent baseline, so their errors are positively correlated and move together: the residual
 *   scatter around the curve understates the uncertainty of p̂. The run-level bootstrap beside it
 *   (resample successful runs within each task type × n cell, recompute the speedups, refit) keeps that
 *   correlation; read its interval as the honest one.
 * - USL, per condition × model × p: S(n) = n/(1 + a(n − 1) + b n(n − 1)), constrained (a ∈ [0, 1],
 *   b ≥ 0), same points and weighting; peak n* = √((1 − a)/b) with a delta-method SE; ΔAIC = AIC(USL) −
 *   AIC(Amdahl) (USL nests Amdahl at b = 0 with p = 1 − a; negative favours the USL). With four points
 *   AIC is descriptive.
 * - Message growth, per model × condition, on run-level data: messages per run = the run's
 *   `agent_reply` events (0 for a run without events, as the paper's notebook counts), all runs
 *   (successful or not), pooled over task types and p; x = n_teammates (n = 1 included). Linear,
 *   quadratic and pairwise n(n − 1)/2 models by OLS; the F-test of the quadratic term decides the verdict
 *   (`fitMessageGrowth`: supported when p < alpha and c > 0). OLS assumes a constant variance, while
 *   counts spread more in larger teams: read the F-test as approximate.
 * - Cost against speedup, per condition × model × p: the cost-speedup table's points (n = 1..5), the
 *   Pareto frontier over n (fewest tokens, most speedup: n is what one chooses, p is a property of the
 *   task), the mean dollar cost per run from a price table, and "is a team worth it": the smallest n that
 *   reaches 90% of the best observed speedup (`teamWorth`).
 */
import {
  fitAmdahl,
  fitMessageGrowth,
  fitUsl,
  paretoFrontier,
  tokenCostUsd,
  DEFAULT_PRICE_TABLE,
  teamWorth,
  type MessageGrowthModel,
  type MessageGrowthResult,
  type ModelFit,
  type PriceTable,
  type ScalingFit,
  type SpeedupPoint,
  type UslFit,
  type Weighting,
} from "../analysis/index.js";
import { error } from "../core/errors.js";
import { createRng, deriveSeed, SEED_LIMIT } from "../core/rng.js";
import type { RunEventMetrics } from "../metrics/per-run.js";
import { semOrZero, totalTokens, type CostSpeedupRow, type PaperTables, type SpeedupTableRow } from "../metrics/paper-tables.js";
import { speedupSeries } from "../metrics/speedup.js";
import { mean } from "../metrics/stats.js";
import { amdahlFitFigure, costFrontierFigure, messageGrowthFigure, teamWorthFigure, uslVsAmdahlFigure } from "../plots/analysis-figures.js";
import type { CsvTable, NamedFigure } from "../plots/types.js";
import { conditionOf, type Condition, type RunRow } from "../runs/types.js";

// ---------------------------------------------------------------- prices

/**
 * The paper's `model_dir` values → model ids of the price table, which keys models by the names their
 * APIs use (`claude-sonnet-4.6`, `gpt-5.2`), not by the run table's `model_dir`.
 */
export const PAPER_PRICE_IDS: Readonly<Record<string, string>> = {
  "anthropic_claude-sonnet-4-6": "claude-sonnet-4.6",
  "google_gemini-3-flash-preview": "gemini-3-flash-preview",
  "openai_gpt-5.2": "gpt-5.2",
};

/** Prices for the paper's three models: the toolkit's one table, `DEFAULT_PRICE_TABLE` (assumed, dated). */
export const PAPER_PRICE_TABLE: PriceTable = DEFAULT_PRICE_TABLE;

// ---------------------------------------------------------------- options

/** Seed of the run-level bootstrap when none is given (the paper's arXiv number, 2603.12229). */
export const DEFAULT_ANALYSIS_SEED = 260312229;

/** Options of {@link analyzeRuns}. */
export interface AnalysisOptions {
  /**
   * Weighting of the speedup points in the Amdahl and USL fits. "none" because each point's SEM is itself
   * estimated from about five runs per task type (noisy, and 0 when a cell has one run), the weights would
   * only be relative (the SEs are rescaled by the residual variance either way), and the bootstrap already
   * carries the run-level uncertainty. "inverse-variance" uses 1/sem² and refuses a zero SEM at n > 1.
   * @default "none"
   */
  weighting?: Weighting;
  /** Confidence level of every interval. @default 0.95 */
  confidenceLevel?: number;
  /** Significance level of the F-test for the quadratic message term. @default 0.05 */
  alpha?: number;
  /** Replicates of the run-level bootstrap of the Amdahl p; 0 switches it off. @default 1000 */
  bootstrapReplicates?: number;
  /** Seed of the bootstrap; each cell draws from `deriveSeed(seed, condition, model, p_label)`. @default DEFAULT_ANALYSIS_SEED */
  seed?: number;
  /** Prices for the dollar costs, or "none" to leave the cost columns empty (e.g. simulated models). @default PAPER_PRICE_TABLE */
  prices?: PriceTable | "none";
  /** Run-table `model_dir` → price-table model id; a model not listed is looked up under its own name. @default PAPER_PRICE_IDS */
  priceIds?: Readonly<Record<string, string>>;
  /** Fraction of the best observed speedup a team must reach in `teamWorth`. @default 0.9 */
  worthFraction?: number;
}

/** {@link AnalysisOptions} with every default filled in and checked. */
export interface ResolvedAnalysisOptions {
  weighting: Weighting;
  confidenceLevel: number;
  alpha: number;
  bootstrapReplicates: number;
  seed: number;
  prices: PriceTable | "none";
  priceIds: Readonly<Record<string, string>>;
  worthFraction: number;
}

const OPTION_KEYS = ["weighting", "confidenceLevel", "alpha", "bootstrapReplicates", "seed", "prices", "priceIds", "worthFraction"];

/**
 * Fill in the defaults of {@link AnalysisOptions} and check every value once.
 *
 * @throws {ToolkitError} naming the option, its value and what is valid
 */
export function resolveAnalysisOptions(options: AnalysisOptions = {}): ResolvedAnalysisOptions {
  const fn = "resolveAnalysisOptions";
  for (const k of Object.keys(options)) {
    if (!OPTION_KEYS.includes(k)) throw error(fn, `unknown option ${JSON.stringify(k)}; valid options are ${OPTION_KEYS.join(", ")}`);
  }
  const weighting = options.weighting ?? "none";
  if (weighting !== "none" && weighting !== "inverse-variance") throw error(fn, `weighting is ${JSON.stringify(weighting)}; it must be "none" or "inverse-variance"`);
  const open01 = (name: string, v: number): number => {
    if (!(typeof v === "number" && v > 0 && v < 1)) throw error(fn, `${name} is ${String(v)}; it must be a number in (0, 1)`);
    return v;
  };
  const confidenceLevel = open01("confidenceLevel", options.confidenceLevel ?? 0.95);
  const alpha = open01("alpha", options.alpha ?? 0.05);
  const bootstrapReplicates = options.bootstrapReplicates ?? 1000;
  if (!Number.isInteger(bootstrapReplicates) || bootstrapReplicates < 0 || (bootstrapReplicates > 0 && bootstrapReplicates < 20)) {
    throw error(fn, `bootstrapReplicates is ${String(bootstrapReplicates)}; it must be 0 (no bootstrap) or an integer >= 20`);
  }
  const seed = options.seed ?? DEFAULT_ANALYSIS_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed >= SEED_LIMIT) throw error(fn, `seed is ${String(seed)}; it must be an integer in [0, 2^32)`);
  const prices = options.prices ?? PAPER_PRICE_TABLE;
  if (prices !== "none" && (typeof prices !== "object" || prices === null || typeof prices.models !== "object")) {
    throw error(fn, `prices is ${String(prices)}; it must be a PriceTable or "none"`);
  }
  const worthFraction = options.worthFraction ?? 0.9;
  if (!(typeof worthFraction === "number" && worthFraction > 0 && worthFraction <= 1)) throw error(fn, `worthFraction is ${String(worthFraction)}; it must be a number in (0, 1]`);
  return { weighting, confidenceLevel, alpha, bootstrapReplicates, seed, prices, priceIds: options.priceIds ?? PAPER_PRICE_IDS, worthFraction };
}

// ---------------------------------------------------------------- result shapes

/** A run-level bootstrap of the constrained Amdahl p of one cell. */
export interface AmdahlBootstrap {
  replicates: number;
  /** The cell's own seed, `deriveSeed(options.seed, condition, model, p_label)`. */
  seed: number;
  /** Replicates whose fit did not converge (left out of the interval; 0 on the paper's data). */
  failed: number;
  /** Standard deviation of the replicate estimates. */
  se: number;
  /** Percentile interval at the confidence level (R's quantile type 7). */
  ciLow: number;
  ciHigh: number;
}

/** The Amdahl fits of one condition × model × p. */
export interface AmdahlCell {
  condition: Condition;
  model: string;
  p_label: string;
  /** The design p of the task suite (the runs' `p_true`), or null when the runs do not say. */
  pTrue: number | null;
  /** The speedup table's points of this cell, n = 1 included (the fit excludes it). */
  points: SpeedupTableRow[];
  /** p ∈ [0, 1]: the fit in the CSV's p_hat. */
  constrained: ScalingFit;
  /** p free (p > 1 is super-linear, p < 0 slower than one agent). */
  unconstrained: ScalingFit;
  bootstrap: AmdahlBootstrap | null;
}

/** The USL fit of one condition × model × p, with the Amdahl fit it is compared with. */
export interface UslCell {
  condition: Condition;
  model: string;
  p_label: string;
  points: SpeedupTableRow[];
  fit: UslFit;
  amdahl: ScalingFit;
  /** AIC(USL) − AIC(Amdahl) on the same points: negative favours the USL. */
  deltaAic: number;
  /** Why n* should be read with care (outside the observed team sizes), or "" when it is inside. */
  peakNote: string;
}

/** Mean messages per run at one team size. */
export interface MessageMean {
  n: number;
  mean: number;
  /** SD/√N (0 for one run). */
  sem: number;
  runs: number;
}

/** The message-growth fits of one model × condition. */
export interface MessageCell {
  model: string;
  condition: Condition;
  /** One point per run: (n_teammates, agent_reply count). */
  points: { n: number; messages: number }[];
  means: MessageMean[];
  /** Runs with no event at all, counted as 0 messages (the paper's convention). */
  runsWithoutEvents: number;
  result: MessageGrowthResult;
}

/** A cost-speedup point with its dollar cost and whether it is on its cell's Pareto frontier. */
export interface CostFrontierPoint {
  condition: Condition;
  model: string;
  p_label: string;
  n: number;
  speedup: number;
  tokenMultiplier: number;
  efficiency: number;
  taskTypes: number;
  /** Mean dollar cost per run (mean over the same task types as the speedup), null without prices. */
  costUsd: number | null;
  onFrontier: boolean;
  /** The price-table id used, null without prices. */
  priceModel: string | null;
}

/** "Is a team worth it?" for one condition × model × p. */
export interface TeamWorthCell {
  condition: Condition;
  model: string;
  p_label: string;
  fraction: number;
  bestN: number;
  bestSpeedup: number;
  targetSpeedup: number;
  /** Smallest n reaching the target. */
  n: number;
  speedup: number;
  tokenMultiplier: number;
  efficiency: number;
  costUsd: number | null;
  singleAgentCostUsd: number | null;
  verdict: string;
}

/** A fit that could not be made, and why (e.g. too few team sizes in a small sweep). */
export interface SkippedFit {
  table: "amdahl" | "usl" | "messages";
  condition: Condition;
  model: string;
  p_label: string | null;
  reason: string;
}

/** Everything {@link analyzeRuns} computes. */
export interface RunAnalysis {
  options: ResolvedAnalysisOptions;
  amdahl: AmdahlCell[];
  usl: UslCell[];
  messages: MessageCell[];
  costFrontier: CostFrontierPoint[];
  teamWorth: TeamWorthCell[];
  skipped: SkippedFit[];
}

/** The paper tables the analysis reads (`paperTables(runs, metrics)` has them). */
export type AnalysisTables = Pick<PaperTables, "speedup" | "costSpeedup">;

// ---------------------------------------------------------------- helpers

const cellKey = (...parts: readonly (string | number)[]): string => parts.join("\u0000");

/** Group rows by key, keeping the order in which keys first appear. */
function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** The design p of each p label, from the runs' `p_true`. */
function designP(runs: readonly RunRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of runs) {
    const prev = out.get(r.p_label);
    if (prev === undefined) out.set(r.p_label, r.p_true);
    else if (prev !== r.p_true) {
      throw error("analyzeRuns", `p label ${JSON.stringify(r.p_label)} has runs with p_true ${prev} and ${r.p_true} (run ${r.run_dir}); one label must mean one design p`);
    }
  }
  return out;
}

/** Quantile with linear interpolation between order statistics (R's type 7) of sorted values. */
function quantileSorted(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

function sd(values: readonly number[]): number {
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (values.length - 1));
}

/** A fit needs at least `min` points at n > 1. */
function usableCount(points: readonly SpeedupTableRow[]): number {
  return points.filter((p) => p.n > 1).length;
}

const toSpeedupPoints = (rows: readonly SpeedupTableRow[]): SpeedupPoint[] => rows.map((r) => ({ n: r.n, speedup: r.mean, sem: r.sem }));

// ---------------------------------------------------------------- Amdahl and USL

/**
 * Run-level bootstrap of the constrained Amdahl p of one cell: B times, resample the successful runs
 * with replacement within each (task type, n) cell, recompute the speedups as `speedupSeries` does, refit.
 * First checks that the runs reproduce the table's points (so the bootstrap describes the fitted data).
 */
function bootstrapAmdahl(
  cellRuns: readonly RunRow[],
  points: readonly SpeedupTableRow[],
  cell: { condition: Condition; model: string; p_label: string },
  o: ResolvedAnalysisOptions,
): AmdahlBootstrap {
  const fn = "analyzeRuns";
  const ns = points.map((p) => p.n);
  const original = speedupSeries(cellRuns, cell.p_label, ns);
  const same =
    original.length === points.length &&
    original.every((q, i) => {
      const p = points[i] as SpeedupTableRow;
      return q.n === p.n && Math.abs(q.mean - p.mean) <= 1e-9 * Math.abs(p.mean) && Math.abs(q.sem - p.sem) <= 1e-9 * Math.max(p.sem, 1e-300);
    });
  if (!same) {
    throw error(fn, `tables.speedup for ${cell.condition} / ${cell.model} / ${cell.p_label} does not match the speedups of the runs given; pass tables computed from the same runs (paperTables(runs, metrics))`);
  }
  const strata = [...groupBy(cellRuns.filter((r) => r.success && r.p_label === cell.p_label), (r) => cellKey(r.task_type, r.n_teammates)).values()];
  const seed = deriveSeed(o.seed, cell.condition, cell.model, cell.p_label);
  const rng = createRng(seed);
  const estimates: number[] = [];
  let failed = 0;
  const sample: RunRow[] = [];
  for (let b = 0; b < o.bootstrapReplicates; b++) {
    sample.length = 0;
    for (const s of strata) for (let i = 0; i < s.length; i++) sample.push(s[Math.floor(rng.next() * s.length)] as RunRow);
    const pts = speedupSeries(sample, cell.p_label, ns).map((q) => ({ n: q.n, speedup: q.mean, sem: q.sem }));
    let fit: ScalingFit;
    try {
      fit = fitAmdahl(pts, { weighting: o.weighting, confidenceLevel: o.confidenceLevel });
    } catch (e) {
      // Under inverse-variance weighting a resample can have a zero SEM at some n (every run of a cell
      // drawn the same); that replicate has no weights and is counted as failed, never silently used.
      if (o.weighting === "inverse-variance") {
        failed++;
        continue;
      }
      throw e;
    }
    if (!fit.converged) {
      failed++;
      continue;
    }
    estimates.push(fit.params["p"] as number);
  }
  if (estimates.length < 2) {
    throw error(fn, `the bootstrap of ${cell.condition} / ${cell.model} / ${cell.p_label} has ${estimates.length} usable replicates of ${o.bootstrapReplicates}; use weighting "none" or switch the bootstrap off (bootstrapReplicates: 0)`);
  }
  estimates.sort((x, y) => x - y);
  const tail = (1 - o.confidenceLevel) / 2;
  return {
    replicates: o.bootstrapReplicates,
    seed,
    failed,
    se: sd(estimates),
    ciLow: quantileSorted(estimates, tail),
    ciHigh: quantileSorted(estimates, 1 - tail),
  };
}

/** Why a USL peak should be read with care. */
function peakNote(fit: UslFit, ns: readonly number[]): string {
  if (fit.peak.kind === "no-peak") return fit.peak.reason;
  const lo = Math.min(...ns);
  const hi = Math.max(...ns);
  if (fit.peak.n > hi) return `n* = ${fit.peak.n.toPrecision(3)} is beyond the largest team observed (n = ${hi}): an extrapolation`;
  if (fit.peak.n < lo) return `n* = ${fit.peak.n.toPrecision(3)} is below the smallest team fitted (n = ${lo}): the fitted speedup falls over the whole range`;
  return "";
}

// ---------------------------------------------------------------- costs

function priceIdOf(model: string, o: ResolvedAnalysisOptions): string {
  return o.priceIds[model] ?? model;
}

/** Dollar cost of one run. @throws when the model has no price (the message says how to give one). */
function runCostUsd(run: RunRow, o: ResolvedAnalysisOptions): number {
  const prices = o.prices as PriceTable;
  const id = priceIdOf(run.model_dir, o);
  if (prices.models[id] === undefined) {
    throw error(
      "analyzeRuns",
      `no price for model ${JSON.stringify(run.model_dir)} (price id ${JSON.stringify(id)}); the price table (as of ${prices.asOf}) has ${Object.keys(prices.models).map((m) => JSON.stringify(m)).join(", ")}; ` +
        `add it (withPrices), map it with options.priceIds, or pass options.prices = "none" (e.g. for simulated models)`,
    );
  }
  return tokenCostUsd({ model: id, inputTokens: run.total_input_tokens, outputTokens: run.total_output_tokens }, prices);
}

/**
 * Mean dollar cost per run of one (condition, model, p, n), averaged as `costSpeedupTable` averages
 * speedups: successful runs with tokens > 0, mean per task type, then the plain mean over the task types
 * that also have an n = 1 group.
 */
function meanCostUsd(cond: readonly RunRow[], row: CostSpeedupRow, o: ResolvedAnalysisOptions): number | null {
  if (o.prices === "none") return null;
  const byTask = groupBy(
    cond.filter((r) => r.model_dir === row.model && r.p_label === row.p_label && (r.n_teammates === row.n || r.n_teammates === 1)),
    (r) => r.task_type,
  );
  const perTask: number[] = [];
  for (const list of byTask.values()) {
    const at = list.filter((r) => r.n_teammates === row.n);
    if (at.length === 0 || !list.some((r) => r.n_teammates === 1)) continue;
    perTask.push(mean(at.map((r) => runCostUsd(r, o))));
  }
  if (perTask.length !== row.taskTypes) {
    throw error("analyzeRuns", `tables.costSpeedup (${row.condition} / ${row.model} / ${row.p_label} / n = ${row.n}) averages ${row.taskTypes} task types but the runs give ${perTask.length}; pass tables computed from the same runs`);
  }
  return mean(perTask);
}

function worthVerdict(c: Omit<TeamWorthCell, "verdict">): string {
  const pct = `${Math.round(c.fraction * 100)}%`;
  if (c.n === 1) {
    return c.bestN === 1
      ? "no team is faster than a single agent: no team needed"
      : `a single agent is within ${pct} of the best speedup (${c.bestSpeedup.toFixed(2)}x at n = ${c.bestN}): no team needed`;
  }
  const cost = c.costUsd === null ? "" : `; $${c.costUsd.toFixed(2)} per run vs $${(c.singleAgentCostUsd ?? Number.NaN).toFixed(2)} for one agent`;
  const reach = c.n === c.bestN ? `n = ${c.n} gives the best speedup, ${c.speedup.toFixed(2)}x,` : `n = ${c.n} reaches ${c.speedup.toFixed(2)}x, within ${pct} of the best ${c.bestSpeedup.toFixed(2)}x (n = ${c.bestN}),`;
  return `${reach} for ${c.tokenMultiplier.toFixed(2)}x the tokens${cost}`;
}

// ---------------------------------------------------------------- the analysis

/**
 * Every fit table of the analysis, from a run table, its per-run event metrics and the paper tables
 * computed from them (`paperTables(runs, metrics)`). Pure: no I/O, randomness only from `options.seed`.
 * Cells with too few team sizes for a fit are listed in `skipped` with the reason.
 *
 * @throws {ToolkitError} on invalid options, tables that do not match the runs, or a model without a price
 */
export function analyzeRuns(
  runs: readonly RunRow[],
  metrics: ReadonlyMap<string, RunEventMetrics>,
  tables: AnalysisTables,
  options: AnalysisOptions = {},
): RunAnalysis {
  const o = resolveAnalysisOptions(options);
  const pTrue = designP(runs);
  const skipped: SkippedFit[] = [];
  const runsByCell = groupBy(
    runs.filter((r) => conditionOf(r.mode) !== null),
    (r) => cellKey(conditionOf(r.mode) as Condition, r.model_dir, r.p_label),
  );

  // Amdahl and USL, per cell of the speedup table (its order: condition, model, p).
  const amdahl: AmdahlCell[] = [];
  const usl: UslCell[] = [];
  const fitOptions = { weighting: o.weighting, confidenceLevel: o.confidenceLevel };
  for (const points of groupBy(tables.speedup, (r) => cellKey(r.condition, r.model, r.p_label)).values()) {
    const first = points[0] as SpeedupTableRow;
    const cell = { condition: first.condition, model: first.model, p_label: first.p_label };
    const usable = usableCount(points);
    if (usable < 2) {
      skipped.push({ table: "amdahl", ...cell, reason: `${usable} team size(s) above n = 1; the Amdahl fit needs at least 2` });
      continue;
    }
    const sp = toSpeedupPoints(points);
    const constrained = fitAmdahl(sp, { ...fitOptions, mode: "constrained" });
    const unconstrained = fitAmdahl(sp, { ...fitOptions, mode: "unconstrained" });
    const cellRuns = runsByCell.get(cellKey(cell.condition, cell.model, cell.p_label)) ?? [];
    const bootstrap = o.bootstrapReplicates > 0 ? bootstrapAmdahl(cellRuns, points, cell, o) : null;
    amdahl.push({ ...cell, pTrue: pTrue.get(cell.p_label) ?? null, points, constrained, unconstrained, bootstrap });
    if (usable < 3) {
      skipped.push({ table: "usl", ...cell, reason: `${usable} team sizes above n = 1; the USL fit needs at least 3` });
      continue;
    }
    const fit = fitUsl(sp, { ...fitOptions, mode: "constrained" });
    usl.push({ ...cell, points, fit, amdahl: constrained, deltaAic: fit.aic - constrained.aic, peakNote: peakNote(fit, fit.n) });
  }

  // Message growth, per model × condition, one point per run.
  const messages: MessageCell[] = [];
  const eligible = runs.filter((r) => conditionOf(r.mode) !== null);
  const models = [...new Set(eligible.map((r) => r.model_dir))].sort();
  for (const model of models) {
    for (const condition of ["preassign", "decentralized"] as const) {
      const sub = eligible.filter((r) => r.model_dir === model && conditionOf(r.mode) === condition);
      if (sub.length === 0) continue;
      const points = sub.map((r) => ({ n: r.n_teammates, messages: metrics.get(r.run_dir)?.messages ?? 0 }));
      const runsWithoutEvents = sub.filter((r) => !metrics.has(r.run_dir)).length;
      const ns = [...new Set(points.map((p) => p.n))].sort((a, b) => a - b);
      if (ns.length < 3 || points.length < 4) {
        skipped.push({ table: "messages", condition, model, p_label: null, reason: `${points.length} runs at ${ns.length} team sizes; the quadratic fit needs at least 3 team sizes and 4 runs` });
        continue;
      }
      const means = ns.map((n) => {
        const v = points.filter((p) => p.n === n).map((p) => p.messages);
        return { n, mean: mean(v), sem: semOrZero(v), runs: v.length };
      });
      const result = fitMessageGrowth(points, { alpha: o.alpha, confidenceLevel: o.confidenceLevel });
      messages.push({ model, condition, points, means, runsWithoutEvents, result });
    }
  }

  // Cost against speedup: frontier, dollars, team worth, per cell of the cost-speedup table.
  const costFrontier: CostFrontierPoint[] = [];
  const worth: TeamWorthCell[] = [];
  const okByCondition = new Map<Condition, RunRow[]>();
  for (const c of ["preassign", "decentralized"] as const) okByCondition.set(c, eligible.filter((r) => conditionOf(r.mode) === c && r.success && totalTokens(r) > 0));
  for (const rows of groupBy(tables.costSpeedup, (r) => cellKey(r.condition, r.model, r.p_label)).values()) {
    const cond = okByCondition.get((rows[0] as CostSpeedupRow).condition) ?? [];
    const pts: CostFrontierPoint[] = rows.map((r) => ({
      condition: r.condition,
      model: r.model,
      p_label: r.p_label,
      n: r.n,
      speedup: r.speedup,
      tokenMultiplier: r.token_multiplier,
      efficiency: r.efficiency,
      taskTypes: r.taskTypes,
      costUsd: meanCostUsd(cond, r, o),
      onFrontier: false,
      priceModel: o.prices === "none" ? null : priceIdOf(r.model, o),
    }));
    for (const f of paretoFrontier(pts)) f.onFrontier = true;
    costFrontier.push(...pts);
    const [w] = teamWorth(
      pts.map((p) => ({ group: "cell", n: p.n, speedup: p.speedup, tokenMultiplier: p.tokenMultiplier, ...(p.costUsd === null ? {} : { costUsd: p.costUsd }) })),
      { fraction: o.worthFraction },
    );
    if (w === undefined) continue;
    const single = pts.find((p) => p.n === 1);
    const base = {
      condition: pts[0]!.condition,
      model: pts[0]!.model,
      p_label: pts[0]!.p_label,
      fraction: w.fraction,
      bestN: w.bestN,
      bestSpeedup: w.bestSpeedup,
      targetSpeedup: w.targetSpeedup,
      n: w.n,
      speedup: w.speedup,
      tokenMultiplier: w.tokenMultiplier,
      efficiency: w.efficiency,
      costUsd: w.costUsd,
      singleAgentCostUsd: single?.costUsd ?? null,
    };
    worth.push({ ...base, verdict: worthVerdict(base) });
  }

  return { options: o, amdahl, usl, messages, costFrontier, teamWorth: worth, skipped };
}

// ---------------------------------------------------------------- CSV tables

type Cell = string | number | boolean | null;
/** A number for a CSV cell: non-finite values (an SE of an exact fit, an infinite AIC) are written empty. */
const num = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);
const inside = (v: number | null, lo: number, hi: number): boolean | null => (v === null || !Number.isFinite(lo) || !Number.isFinite(hi) ? null : v >= lo && v <= hi);

/**
 * `amdahl_fits.csv`, one row per condition × model × p. The first nine columns are the constrained fit
 * (p ∈ [0, 1]; Wald interval from the nonlinear-least-squares SE, not truncated to [0, 1]); then:
 * p_true (design p), p_true_in_ci (empty when p̂ is on a bound, where a Wald interval is not valid), at_bound
 * (p̂ on 0 or 1: its SE is the local, unconstrained one), the unconstrained
 * fit (unconstrained_p_hat, _se, _ci_low, _ci_high), the run-level bootstrap (boot_se, boot_ci_low,
 * boot_ci_high: percentile interval; p_true_in_boot_ci; boot_replicates, boot_failed, boot_seed; empty when
 * off), and weighting, n_points (points fitted, n > 1), df, r2, converged.
 */
export const AMDAHL_FIT_COLUMNS = [
  "model", "condition", "p_label", "p_hat", "se", "ci_low", "ci_high", "rss", "aic",
  "p_true", "p_true_in_ci", "at_bound",
  "unconstrained_p_hat", "unconstrained_se", "unconstrained_ci_low", "unconstrained_ci_high",
  "boot_se", "boot_ci_low", "boot_ci_high", "p_true_in_boot_ci", "boot_replicates", "boot_failed", "boot_seed",
  "weighting", "n_points", "df", "r2", "converged",
] as const;

export function amdahlFitsCsv(cells: readonly AmdahlCell[]): CsvTable {
  return {
    columns: AMDAHL_FIT_COLUMNS,
    rows: cells.map((c): Cell[] => {
      const f = c.constrained;
      const u = c.unconstrained;
      const [lo, hi] = f.confidenceIntervals["p"] as [number, number];
      const [ulo, uhi] = u.confidenceIntervals["p"] as [number, number];
      const b = c.bootstrap;
      return [
        c.model, c.condition, c.p_label, num(f.params["p"]), num(f.standardErrors["p"]), num(lo), num(hi), num(f.rss), num(f.aic),
        c.pTrue, f.atBounds.includes("p") ? null : inside(c.pTrue, lo, hi), f.atBounds.includes("p"),
        num(u.params["p"]), num(u.standardErrors["p"]), num(ulo), num(uhi),
        num(b?.se), num(b?.ciLow), num(b?.ciHigh), b ? inside(c.pTrue, b.ciLow, b.ciHigh) : null, b?.replicates ?? null, b?.failed ?? null, b?.seed ?? null,
        f.weighting, f.nObservations, f.df, num(f.r2), f.converged,
      ];
    }),
  };
}

/**
 * `usl_fits.csv`, one row per condition × model × p (constrained USL: a ∈ [0, 1], b ≥ 0):
 * model, condition, p_label; a, a_se, a_ci_low, a_ci_high (contention); b, b_se, b_ci_low, b_ci_high
 * (coherency); peak_n, peak_n_se, peak_n_ci_low, peak_n_ci_high, peak_speedup (n* = √((1 − a)/b), delta
 * method; empty when there is no peak), peak_note (why there is no peak, or that n* lies outside the
 * observed sizes; empty otherwise); rss, aic; amdahl_aic, delta_aic_vs_amdahl (AIC(USL) − AIC(Amdahl),
 * negative favours the USL); at_bounds (parameters on a bound, `;`-separated), weighting, n_points, df,
 * converged.
 */
export const USL_FIT_COLUMNS = [
  "model", "condition", "p_label",
  "a", "a_se", "a_ci_low", "a_ci_high", "b", "b_se", "b_ci_low", "b_ci_high",
  "peak_n", "peak_n_se", "peak_n_ci_low", "peak_n_ci_high", "peak_speedup", "peak_note",
  "rss", "aic", "amdahl_aic", "delta_aic_vs_amdahl",
  "at_bounds", "weighting", "n_points", "df", "converged",
] as const;

export function uslFitsCsv(cells: readonly UslCell[]): CsvTable {
  return {
    columns: USL_FIT_COLUMNS,
    rows: cells.map((c): Cell[] => {
      const f = c.fit;
      const par = (k: string): Cell[] => {
        const [lo, hi] = f.confidenceIntervals[k] as [number, number];
        return [num(f.params[k]), num(f.standardErrors[k]), num(lo), num(hi)];
      };
      const pk = f.peak.kind === "peak" ? [num(f.peak.n), num(f.peak.standardError), num(f.peak.confidenceInterval[0]), num(f.peak.confidenceInterval[1]), num(f.peak.speedup)] : [null, null, null, null, null];
      return [
        c.model, c.condition, c.p_label, ...par("a"), ...par("b"), ...pk, c.peakNote,
        num(f.rss), num(f.aic), num(c.amdahl.aic), num(c.deltaAic),
        f.atBounds.join(";"), f.weighting, f.nObservations, f.df, f.converged,
      ];
    }),
  };
}

const MESSAGE_FORMS: readonly MessageGrowthModel[] = ["linear", "quadratic", "pairwise"];

/**
 * `message_fits.csv`, long format: one row per model × condition × form (linear, quadratic, pairwise),
 * fitted to one point per run. Columns: model, condition, form, formula; a, b, c with _se, _ci_low,
 * _ci_high (the form's coefficients in the order of its formula: intercept a, then the coefficient of n,
 * n² or n(n − 1)/2; c only for the quadratic); rss, r2, aic, delta_aic (to the lowest AIC of the three),
 * akaike_weight; n_runs, runs_without_events (counted as 0 messages), df; then the same on each of the
 * three rows: quad_f, quad_df1, quad_df2, quad_p_value (F-test of the quadratic term), alpha,
 * quadratic_supported (p < alpha and c > 0), verdict.
 */
export const MESSAGE_FIT_COLUMNS = [
  "model", "condition", "form", "formula",
  "a", "a_se", "a_ci_low", "a_ci_high", "b", "b_se", "b_ci_low", "b_ci_high", "c", "c_se", "c_ci_low", "c_ci_high",
  "rss", "r2", "aic", "delta_aic", "akaike_weight", "n_runs", "runs_without_events", "df",
  "quad_f", "quad_df1", "quad_df2", "quad_p_value", "alpha", "quadratic_supported", "verdict",
] as const;

export function messageFitsCsv(cells: readonly MessageCell[]): CsvTable {
  const rows: Cell[][] = [];
  for (const c of cells) {
    const t = c.result.quadraticTest;
    for (const form of MESSAGE_FORMS) {
      const f: ModelFit = c.result[form];
      const cmp = c.result.comparison.find((r) => r.label === form);
      const par = (k: string): Cell[] => {
        if (!(k in f.params)) return [null, null, null, null];
        const [lo, hi] = f.confidenceIntervals[k] as [number, number];
        return [num(f.params[k]), num(f.standardErrors[k]), num(lo), num(hi)];
      };
      rows.push([
        c.model, c.condition, form, f.formula, ...par("a"), ...par("b"), ...par("c"),
        num(f.rss), num(f.r2), num(f.aic), num(cmp?.deltaAic), num(cmp?.akaikeWeight), f.nObservations, c.runsWithoutEvents, f.df,
        num(t.f), t.df1, t.df2, num(t.pValue), c.result.alpha, c.result.quadraticSupported, c.result.verdict,
      ]);
    }
  }
  return { columns: MESSAGE_FIT_COLUMNS, rows };
}

/**
 * `cost_frontier.csv`, one row per condition × model × p × n (the cost-speedup table's points):
 * condition, model, p_label, n, speedup, token_multiplier, efficiency, task_types (from the paper
 * table); cost_usd_per_run (mean over the same task types; empty without prices); on_frontier (Pareto
 * frontier over n within the cell: no other n has a token multiplier as low and a speedup as high);
 * price_model, price_input_per_m, price_output_per_m, prices_as_of (the assumed prices used).
 */
export const COST_FRONTIER_COLUMNS = [
  "condition", "model", "p_label", "n", "speedup", "token_multiplier", "efficiency", "task_types",
  "cost_usd_per_run", "on_frontier", "price_model", "price_input_per_m", "price_output_per_m", "prices_as_of",
] as const;

export function costFrontierCsv(points: readonly CostFrontierPoint[], prices: PriceTable | "none"): CsvTable {
  return {
    columns: COST_FRONTIER_COLUMNS,
    rows: points.map((p): Cell[] => {
      const price = prices === "none" || p.priceModel === null ? undefined : prices.models[p.priceModel];
      return [
        p.condition, p.model, p.p_label, p.n, num(p.speedup), num(p.tokenMultiplier), num(p.efficiency), p.taskTypes,
        num(p.costUsd), p.onFrontier, p.priceModel, price?.inputPerMillion ?? null, price?.outputPerMillion ?? null, prices === "none" ? null : prices.asOf,
      ];
    }),
  };
}

/**
 * `team_worth.csv`, one row per condition × model × p: condition, model, p_label, fraction (of the best
 * speedup to reach), best_n, best_speedup, target_speedup; n (smallest team reaching the target), speedup,
 * token_multiplier, efficiency (= speedup / token_multiplier, the ratio of the two means; the paper
 * table's efficiency in cost_frontier.csv is the mean of per-task-type ratios, which can differ a lot),
 * cost_usd_per_run, single_agent_cost_usd_per_run; verdict.
 */
export const TEAM_WORTH_COLUMNS = [
  "condition", "model", "p_label", "fraction", "best_n", "best_speedup", "target_speedup",
  "n", "speedup", "token_multiplier", "efficiency", "cost_usd_per_run", "single_agent_cost_usd_per_run", "verdict",
] as const;

export function teamWorthCsv(cells: readonly TeamWorthCell[]): CsvTable {
  return {
    columns: TEAM_WORTH_COLUMNS,
    rows: cells.map((c): Cell[] => [
      c.condition, c.model, c.p_label, c.fraction, c.bestN, num(c.bestSpeedup), num(c.targetSpeedup),
      c.n, num(c.speedup), num(c.tokenMultiplier), num(c.efficiency), num(c.costUsd), num(c.singleAgentCostUsd), c.verdict,
    ]),
  };
}

// ---------------------------------------------------------------- figures

/**
 * The analysis figures of an analysis, each with its CSV table: `amdahl_fits_{centralized,decentralized}`
 * (amdahl_fits.csv), `usl_vs_amdahl_{centralized,decentralized}` (usl_fits.csv), `message_growth`
 * (message_fits.csv), `cost_frontier` (cost_frontier.csv), `team_worth` (team_worth.csv). Figures of a
 * condition with no fitted cell are left out. `note` goes under every title ("simulated" for our runs).
 */
export function figuresOfAnalysis(a: RunAnalysis, note = ""): NamedFigure[] {
  const out: NamedFigure[] = [];
  const amdahlCsv = amdahlFitsCsv(a.amdahl);
  const uslCsv = uslFitsCsv(a.usl);
  for (const [condition, stem] of [["preassign", "centralized"], ["decentralized", "decentralized"]] as const) {
    if (a.amdahl.some((c) => c.condition === condition)) {
      out.push({ name: `amdahl_fits_${stem}`, csvName: "amdahl_fits.csv", csv: amdahlCsv, spec: amdahlFitFigure(a.amdahl, condition, note) });
    }
  }
  for (const [condition, stem] of [["preassign", "centralized"], ["decentralized", "decentralized"]] as const) {
    if (a.usl.some((c) => c.condition === condition)) {
      out.push({ name: `usl_vs_amdahl_${stem}`, csvName: "usl_fits.csv", csv: uslCsv, spec: uslVsAmdahlFigure(a.usl, condition, note) });
    }
  }
  if (a.messages.length > 0) out.push({ name: "message_growth", csvName: "message_fits.csv", csv: messageFitsCsv(a.messages), spec: messageGrowthFigure(a.messages, note) });
  if (a.costFrontier.length > 0) {
    out.push({ name: "cost_frontier", csvName: "cost_frontier.csv", csv: costFrontierCsv(a.costFrontier, a.options.prices), spec: costFrontierFigure(a.costFrontier, note) });
    out.push({ name: "team_worth", csvName: "team_worth.csv", csv: teamWorthCsv(a.teamWorth), spec: teamWorthFigure(a.teamWorth, note) });
  }
  return out;
}

/**
 * The entry point for any run table (the paper's or our own sweeps'): fit everything and return the
 * figures with their CSV tables. Write them with `writeFigureCsvs` / `renderFigureFiles`.
 *
 * @example
 * const figures = analysisFigures(runs, metrics, paperTables(runs, metrics), "simulated", { prices: "none" });
 * writeFigureCsvs(figures, "out/analysis");
 */
export function analysisFigures(
  runs: readonly RunRow[],
  metrics: ReadonlyMap<string, RunEventMetrics>,
  tables: AnalysisTables,
  note = "",
  options: AnalysisOptions = {},
): NamedFigure[] {
  return figuresOfAnalysis(analyzeRuns(runs, metrics, tables, options), note);
}
