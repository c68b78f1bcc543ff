/**
 * How the number of messages per run grows with team size n. Three linear-in-parameters models:
 *
 *   linear:    M(n) = a + b n
 *   quadratic: M(n) = a + b n + c n²
 *   pairwise:  M(n) = a + b · n(n − 1)/2      (one term per pair of agents)
 *
 * all fitted by `fitLinear` (unweighted OLS on one point per run, or per mean). The F-test of the quadratic
 * term compares linear ⊂ quadratic; `quadraticSupported` is true when that test rejects at `alpha` AND the
 * fitted curvature c is positive (growth faster than linear). AIC/BIC compare all three (pairwise and
 * linear are not nested in each other).
 */
import { analysisError } from "./errors.js";
import { fitLinear } from "./fit-linear.js";
import { linearToModelFit } from "./from-linear-fit.js";
import { compareModels, fTestNested, type ModelComparisonRow, type NestedFTest } from "./model-comparison.js";
import type { ModelFit } from "./model-fit.js";
import { assertOpenInterval, formatValue } from "./validate.js";

/** Message count of one run (or one mean) at team size n. */
export interface MessageCountPoint {
  n: number;
  messages: number;
}

/** The three growth models. */
export type MessageGrowthModel = "linear" | "quadratic" | "pairwise";

/** Options of {@link fitMessageGrowth}. */
export interface MessageGrowthOptions {
  /** Significance level of the F-test for the quadratic term. @default 0.05 */
  alpha?: number;
  /** Confidence level of the parameter intervals. @default 0.95 */
  confidenceLevel?: number;
}

/** Result of {@link fitMessageGrowth}. */
export interface MessageGrowthResult {
  linear: ModelFit;
  quadratic: ModelFit;
  pairwise: ModelFit;
  /** F-test of c = 0 (linear nested in quadratic). */
  quadraticTest: NestedFTest;
  /** AIC/BIC table of the three models, best first. */
  comparison: ModelComparisonRow[];
  alpha: number;
  /** True when the quadratic term is significant at `alpha` and c > 0. */
  quadraticSupported: boolean;
  /** One sentence saying what the data support. */
  verdict: string;
}

const FORMULAS: Record<MessageGrowthModel, string> = {
  linear: "M(n) = a + b * n",
  quadratic: "M(n) = a + b * n + c * n^2",
  pairwise: "M(n) = a + b * n * (n - 1) / 2",
};

/**
 * Predicted messages per run at team size n.
 *
 * @example predictMessages("pairwise", { a: 2, b: 3 }, 4) // 2 + 3·6 = 20
 */
export function predictMessages(model: MessageGrowthModel, params: Record<string, number>, n: number): number {
  const get = (k: string): number => {
    const v = params[k];
    if (typeof v !== "number" || !Number.isFinite(v)) throw analysisError("invalid-argument", "predictMessages", `params.${k} is ${formatValue(v)}; the ${model} model needs a finite ${k}`);
    return v;
  };
  switch (model) {
    case "linear":
      return get("a") + get("b") * n;
    case "quadratic":
      return get("a") + get("b") * n + get("c") * n * n;
    case "pairwise":
      return get("a") + (get("b") * n * (n - 1)) / 2;
    default: {
      const never: never = model;
      throw analysisError("invalid-argument", "predictMessages", `model is ${formatValue(never)}; it must be "linear", "quadratic" or "pairwise"`);
    }
  }
}

/**
 * Fits the linear, quadratic and pairwise message-growth models and tests the quadratic term.
 *
 * @throws {InvalidArgumentError} on non-finite values, fewer than 3 distinct team sizes, or fewer than 4 points
 */
export function fitMessageGrowth(points: MessageCountPoint[], options: MessageGrowthOptions = {}): MessageGrowthResult {
  const fn = "fitMessageGrowth";
  if (!Array.isArray(points)) throw analysisError("invalid-argument", fn, `points is ${formatValue(points)}; it must be an array of { n, messages }`);
  const alpha = options.alpha ?? 0.05;
  assertOpenInterval(fn, "options.alpha", alpha, 0, 1);
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  assertOpenInterval(fn, "options.confidenceLevel", confidenceLevel, 0, 1);
  points.forEach((pt, i) => {
    if (typeof pt !== "object" || pt === null) throw analysisError("invalid-argument", fn, `points[${i}] is ${formatValue(pt)}; it must be { n, messages }`);
    if (typeof pt.n !== "number" || !Number.isFinite(pt.n) || pt.n < 1) throw analysisError("invalid-argument", fn, `points[${i}].n is ${formatValue(pt.n)}; team sizes must be finite numbers >= 1`);
    if (typeof pt.messages !== "number" || !Number.isFinite(pt.messages)) throw analysisError("invalid-argument", fn, `points[${i}].messages is ${formatValue(pt.messages)}; message counts must be finite numbers`);
  });
  const distinct = new Set(points.map((p) => p.n)).size;
  if (distinct < 3 || points.length < 4) {
    throw analysisError("invalid-argument", fn, `${points.length} points at ${distinct} distinct team sizes; the quadratic model needs at least 3 distinct n and at least 4 points`);
  }
  const y = points.map((p) => p.messages);
  const lin = fitLinear(points.map((p) => [p.n]), y, { names: ["n"], confidenceLevel });
  const quad = fitLinear(points.map((p) => [p.n, p.n * p.n]), y, { names: ["n", "n^2"], confidenceLevel });
  const pair = fitLinear(points.map((p) => [(p.n * (p.n - 1)) / 2]), y, { names: ["n(n-1)/2"], confidenceLevel });
  const linear = linearToModelFit(lin, "messages-linear", FORMULAS.linear, ["a", "b"]);
  const quadratic = linearToModelFit(quad, "messages-quadratic", FORMULAS.quadratic, ["a", "b", "c"]);
  const pairwise = linearToModelFit(pair, "messages-pairwise", FORMULAS.pairwise, ["a", "b"]);
  const quadraticTest = fTestNested(linear, quadratic);
  const comparison = compareModels({ linear, quadratic, pairwise });
  const c = quadratic.params.c as number;
  const quadraticSupported = quadraticTest.pValue < alpha && c > 0;
  const best = (comparison[0] as ModelComparisonRow).label;
  const verdict = quadraticSupported
    ? `Super-linear growth: the quadratic term c = ${c.toPrecision(3)} is positive and significant (F = ${quadraticTest.f.toPrecision(4)}, p = ${quadraticTest.pValue.toPrecision(3)} < ${alpha}); lowest AIC: ${best}.`
    : `No evidence of super-linear growth at alpha = ${alpha} (F = ${quadraticTest.f.toPrecision(4)}, p = ${quadraticTest.pValue.toPrecision(3)}, c = ${c.toPrecision(3)}); lowest AIC: ${best}.`;
  return { linear, quadratic, pairwise, quadraticTest, comparison, alpha, quadraticSupported, verdict };
}
