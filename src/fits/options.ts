import { error } from "../core/errors.js";
import { SEED_LIMIT } from "../core/rng.js";
import type { Weighting } from "../analysis/index.js";
import { DEFAULT_PRICE_TABLE, PAPER_PRICE_IDS, type PriceTable } from "../llm/prices.js";

/** Seed of the run-level bootstrap when none is given (the paper's arXiv number, 2603.12229). */
export const DEFAULT_ANALYSIS_SEED = 260312229;

/** Options of `analyzeRuns`. */
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
  /** Prices for the dollar costs, or "none" to leave the cost columns empty (e.g. simulated models). @default DEFAULT_PRICE_TABLE */
  prices?: PriceTable | "none";
  /**
   * Run-table `model_dir` → price-table model id; a model not listed is looked up under its own name (both
   * through `priceIdFor`: exact, lower-cased, without a provider prefix or a date suffix).
   * @default PAPER_PRICE_IDS
   */
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
  const prices = options.prices ?? DEFAULT_PRICE_TABLE;
  if (prices !== "none" && (typeof prices !== "object" || prices === null || typeof prices.models !== "object")) {
    throw error(fn, `prices is ${String(prices)}; it must be a PriceTable or "none"`);
  }
  const worthFraction = options.worthFraction ?? 0.9;
  if (!(typeof worthFraction === "number" && worthFraction > 0 && worthFraction <= 1)) throw error(fn, `worthFraction is ${String(worthFraction)}; it must be a number in (0, 1]`);
  return { weighting, confidenceLevel, alpha, bootstrapReplicates, seed, prices, priceIds: options.priceIds ?? PAPER_PRICE_IDS, worthFraction };
}
