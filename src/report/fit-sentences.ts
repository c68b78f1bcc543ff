import type { AmdahlCell } from "../fits/index.js";
import { CONDITION_NAMES, modelLabel } from "../plots/style.js";

const f3 = (v: number): string => v.toFixed(3);

/**
 * One cell's Amdahl fit read out in words: the estimate p̂, its two 95% intervals (nonlinear least
 * squares, and the run-level bootstrap, which is the one to trust: see `src/pipeline/analysis.ts`), and
 * where the design p of the task graph lies relative to the interval used for the judgement (the
 * bootstrap's when there is one, else the Wald interval):
 * above it (the team behaves as if less of the work were parallel), inside it (the runs cannot tell p̂
 * from the design value) or below it (the team beats Amdahl's law at the design p).
 */
export function amdahlFitSentence(c: AmdahlCell): string {
  const fit = c.constrained;
  const pHat = fit.params["p"] as number;
  const [lo, hi] = fit.confidenceIntervals["p"] as [number, number];
  const level = `${Math.round(fit.confidenceLevel * 100)}%`;
  const where = `${c.p_label}, ${CONDITION_NAMES[c.condition] ?? c.condition}, ${modelLabel(c.model)}`;
  const bound = fit.atBounds.includes("p") ? ` (on the bound of [0, 1]; the unconstrained fit gives ${f3(c.unconstrained.params["p"] as number)})` : "";
  const wald = `${level} interval ${f3(lo)} to ${f3(hi)} (nonlinear least squares)`;
  const boot = c.bootstrap ? ` and ${f3(c.bootstrap.ciLow)} to ${f3(c.bootstrap.ciHigh)} (run-level bootstrap, ${c.bootstrap.replicates} replicates: the interval to read)` : "";
  const head = `${where}: p̂ = ${f3(pHat)}${bound}, ${wald}${boot}.`;
  if (c.pTrue === null) return head;
  const [jl, jh] = c.bootstrap ? [c.bootstrap.ciLow, c.bootstrap.ciHigh] : [lo, hi];
  const which = c.bootstrap ? "the bootstrap interval" : "the interval";
  if (c.pTrue > jh) return `${head} The design p = ${c.pTrue} is above ${which}: the team behaves as if less of the work were parallel than the task graph allows.`;
  if (c.pTrue < jl) return `${head} The design p = ${c.pTrue} is below ${which}: the team is faster than Amdahl's law allows at the design p.`;
  return `${head} The design p = ${c.pTrue} is inside ${which}: these runs cannot tell p̂ apart from the design value.`;
}
