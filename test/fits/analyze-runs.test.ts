import { describe, expect, it } from "vitest";
import { predictAmdahl, predictUsl } from "../../src/analysis/index.js";
import { analyzeRuns, resolveAnalysisOptions, type RunAnalysis } from "../../src/fits/index.js";
import { tokenCostUsd, withPrices } from "../../src/llm/prices.js";
import { paperTables } from "../../src/metrics/paper-tables.js";
import { computePaperTables, loadPaperData } from "../../src/report/paper.js";
import { HAVE_PAPER_DATA } from "../helpers/paper.js";
import { syntheticRuns } from "./synthetic-runs.js";

// Known truth: model "amdahl" follows Amdahl at the design p with quadratic message growth 5 + 4n + 3n²;
// model "usl" follows the USL with a = 0.05, b = 0.04 (peak n* = √(0.95/0.04) = 4.87) and linear message
// growth 10 + 20n.
const truth = syntheticRuns({
  seed: 7,
  models: [
    { model: "amdahl", speedup: (p, n) => predictAmdahl(p, n), messages: (n) => 5 + 4 * n + 3 * n * n },
    { model: "usl", speedup: (_p, n) => predictUsl(0.05, 0.04, n), messages: (n) => 10 + 20 * n, tokenExponent: 0.8 },
  ],
});
const truthTables = paperTables(truth.runs, truth.metrics);
const synthetic: RunAnalysis = analyzeRuns(truth.runs, truth.metrics, truthTables, { prices: "none", bootstrapReplicates: 200 });

describe("analyzeRuns on seeded synthetic runs with known parameters", () => {
  it("recovers the design p of every Amdahl cell (coverage of the intervals: next test)", () => {
    const cells = synthetic.amdahl.filter((c) => c.model === "amdahl");
    expect(cells).toHaveLength(6); // 2 conditions x 3 p
    for (const c of cells) {
      const p = c.constrained.params["p"]!;
      expect(c.pTrue).not.toBeNull();
      expect(Math.abs(p - c.pTrue!)).toBeLessThan(0.03);
      expect(c.bootstrap!.ciLow).toBeLessThan(c.bootstrap!.ciHigh);
      // n = 1 is S = 1 by definition: excluded by the fit, with the reason
      expect(c.constrained.n).toEqual([2, 3, 4, 5]);
      expect(c.constrained.excluded.map((e) => e.n)).toEqual([1]);
    }
  });

  it("the Wald interval under-covers (the speedups share their n = 1 baseline); the run bootstrap covers far better", () => {
    // 40 seeded data sets x 3 design p, 5 runs per cell, 15% wall-clock noise.
    let wald = 0;
    let boot = 0;
    let total = 0;
    for (let seed = 100; seed < 140; seed++) {
      const s = syntheticRuns({ seed, modes: ["decentralized"], reps: 5, sigma: 0.15, models: [{ model: "m", speedup: (p, n) => predictAmdahl(p, n), messages: (n) => n }] });
      const a = analyzeRuns(s.runs, s.metrics, paperTables(s.runs, s.metrics), { prices: "none", bootstrapReplicates: 100 });
      for (const c of a.amdahl) {
        const [lo, hi] = c.constrained.confidenceIntervals["p"]!;
        total++;
        if (lo <= c.pTrue! && c.pTrue! <= hi) wald++;
        if (c.bootstrap!.ciLow <= c.pTrue! && c.pTrue! <= c.bootstrap!.ciHigh) boot++;
      }
    }
    expect(total).toBe(120);
    expect(wald / total).toBeLessThan(0.8); // nominal 0.95
    expect(boot / total).toBeGreaterThan(0.85);
    expect(boot - wald).toBeGreaterThan(15);
  });

  it("fits the unconstrained p beside the constrained one (equal when the constraint is inactive)", () => {
    for (const c of synthetic.amdahl.filter((x) => x.model === "amdahl")) {
      expect(c.unconstrained.mode).toBe("unconstrained");
      expect(c.unconstrained.params["p"]).toBeCloseTo(c.constrained.params["p"]!, 6);
    }
  });

  it("recovers the USL's a, b and peak n*, and prefers the USL to Amdahl (negative ΔAIC)", () => {
    const cells = synthetic.usl.filter((c) => c.model === "usl");
    expect(cells).toHaveLength(6);
    for (const c of cells) {
      expect(c.fit.params["a"]).toBeCloseTo(0.05, 1);
      expect(c.fit.params["b"]).toBeCloseTo(0.04, 1);
      const [blo, bhi] = c.fit.confidenceIntervals["b"]!;
      expect(blo).toBeLessThanOrEqual(0.04);
      expect(bhi).toBeGreaterThanOrEqual(0.04);
      expect(c.fit.peak.kind).toBe("peak");
      if (c.fit.peak.kind === "peak") expect(Math.abs(c.fit.peak.n - Math.sqrt(0.95 / 0.04))).toBeLessThan(1);
      expect(c.deltaAic).toBeLessThan(0);
      expect(c.deltaAic).toBeCloseTo(c.fit.aic - c.amdahl.aic, 12);
    }
  });

  it("finds the quadratic message term where it is (c = 3) and not where it is not", () => {
    for (const c of synthetic.messages) {
      expect(c.points).toHaveLength(3 * 3 * 5 * 6); // p x task types x n x reps, one point per run
      const q = c.result.quadratic;
      const [clo, chi] = q.confidenceIntervals["c"]!;
      if (c.model === "amdahl") {
        expect(c.result.quadraticSupported).toBe(true);
        expect(q.params["c"]).toBeCloseTo(3, 0);
        expect(clo).toBeLessThanOrEqual(3);
        expect(chi).toBeGreaterThanOrEqual(3);
        expect(c.result.verdict).toMatch(/^Super-linear growth/);
      } else {
        expect(c.result.quadraticSupported).toBe(false);
        expect(clo).toBeLessThanOrEqual(0);
        expect(chi).toBeGreaterThanOrEqual(0);
        expect(c.result.linear.params["b"]).toBeCloseTo(20, 0);
      }
      expect(c.means.map((m) => m.n)).toEqual([1, 2, 3, 4, 5]);
      expect(c.runsWithoutEvents).toBe(0);
    }
  });

  it("marks the Pareto frontier over n and picks the smallest n within 90% of the best speedup", () => {
    const cell = synthetic.costFrontier.filter((p) => p.model === "amdahl" && p.condition === "preassign" && p.p_label === "p09");
    expect(cell.map((p) => p.n)).toEqual([1, 2, 3, 4, 5]);
    // speedup and token multiplier (≈ √n) both rise with n: every point is on the frontier
    expect(cell.every((p) => p.onFrontier)).toBe(true);
    expect(cell.every((p) => p.costUsd === null && p.priceModel === null)).toBe(true);
    const w = synthetic.teamWorth.find((x) => x.model === "amdahl" && x.condition === "preassign" && x.p_label === "p09")!;
    const target = 0.9 * Math.max(...cell.map((p) => p.speedup));
    expect(w.n).toBe(cell.find((p) => p.speedup >= target)!.n);
    expect(w.n).toBe(5); // S(4) = 3.08 < 0.9 · S(5) = 3.21 at p = 0.9
    expect(w.verdict).toMatch(/^n = 5 gives the best speedup/);
    const serial = synthetic.teamWorth.find((x) => x.model === "amdahl" && x.condition === "preassign" && x.p_label === "p02")!;
    expect(serial.n).toBe(2); // S = 1.11, 1.15, 1.18, 1.19: n = 2 is within 90% of 1.19
  });

  it("is deterministic for a seed, and the bootstrap changes with the seed", () => {
    const again = analyzeRuns(truth.runs, truth.metrics, truthTables, { prices: "none", bootstrapReplicates: 200 });
    expect(again.amdahl.map((c) => c.bootstrap)).toEqual(synthetic.amdahl.map((c) => c.bootstrap));
    const other = analyzeRuns(truth.runs, truth.metrics, truthTables, { prices: "none", bootstrapReplicates: 200, seed: 1 });
    expect(other.amdahl[0]!.bootstrap!.ciLow).not.toBe(synthetic.amdahl[0]!.bootstrap!.ciLow);
    expect(other.amdahl[0]!.constrained.params).toEqual(synthetic.amdahl[0]!.constrained.params);
  });

  it("prices runs through a model-id mapping and averages cost per run over task types", () => {
    const prices = withPrices({ synthetic: { inputPerMillion: 2, outputPerMillion: 10 } });
    const a = analyzeRuns(truth.runs, truth.metrics, truthTables, { bootstrapReplicates: 0, prices, priceIds: { amdahl: "synthetic", usl: "synthetic" } });
    const pt = a.costFrontier.find((p) => p.model === "usl" && p.condition === "decentralized" && p.p_label === "p05" && p.n === 3)!;
    const perTask = ["alpha", "beta", "gamma"].map((tt) => {
      const rs = truth.runs.filter((r) => r.model_dir === "usl" && r.mode === "decentralized" && r.p_label === "p05" && r.n_teammates === 3 && r.task_type === tt);
      return rs.reduce((s, r) => s + tokenCostUsd({ model: "synthetic", inputTokens: r.total_input_tokens, outputTokens: r.total_output_tokens }, prices), 0) / rs.length;
    });
    expect(pt.costUsd).toBeCloseTo((perTask[0]! + perTask[1]! + perTask[2]!) / 3, 12);
    expect(pt.priceModel).toBe("synthetic");
    expect(a.amdahl.every((c) => c.bootstrap === null)).toBe(true);
  });

  it("lists cells with too few team sizes in `skipped` instead of dropping them silently", () => {
    const small = syntheticRuns({ seed: 3, ns: [1, 2, 3], models: [{ model: "m", speedup: (p, n) => predictAmdahl(p, n), messages: (n) => 3 * n }] });
    const a = analyzeRuns(small.runs, small.metrics, paperTables(small.runs, small.metrics), { prices: "none", bootstrapReplicates: 0 });
    expect(a.amdahl).toHaveLength(6);
    expect(a.usl).toHaveLength(0);
    expect(a.skipped.filter((s) => s.table === "usl")).toHaveLength(6);
    expect(a.skipped[0]!.reason).toBe("2 team sizes above n = 1; the USL fit needs at least 3");
    expect(a.messages).toHaveLength(2);
  });
});

describe("analyzeRuns refuses bad input with an error that says what is valid", () => {
  it("options", () => {
    expect(() => resolveAnalysisOptions({ weighting: "sem" as never })).toThrow('resolveAnalysisOptions: weighting is "sem"; it must be "none" or "inverse-variance"');
    expect(() => resolveAnalysisOptions({ bootstrapReplicates: 5 })).toThrow("resolveAnalysisOptions: bootstrapReplicates is 5; it must be 0 (no bootstrap) or an integer >= 20");
    expect(() => resolveAnalysisOptions({ confidenceLevel: 95 })).toThrow("resolveAnalysisOptions: confidenceLevel is 95; it must be a number in (0, 1)");
    expect(() => resolveAnalysisOptions({ seed: -1 })).toThrow("resolveAnalysisOptions: seed is -1; it must be an integer in [0, 2^32)");
    expect(() => resolveAnalysisOptions({ colour: 1 } as never)).toThrow('resolveAnalysisOptions: unknown option "colour"');
  });

  it("a model with no price, unless prices are switched off", () => {
    expect(() => analyzeRuns(truth.runs, truth.metrics, truthTables, { bootstrapReplicates: 0 })).toThrow(
      /^analyzeRuns: no price for model "amdahl" \(price id "amdahl"\); the price table \(as of 2026-11-24\) has .*; add it \(withPrices\), map it with options.priceIds, or pass options.prices = "none"/,
    );
  });

  it("tables computed from other runs", () => {
    const other = syntheticRuns({ seed: 99, models: [{ model: "amdahl", speedup: (p, n) => predictAmdahl(p, n), messages: (n) => n }, { model: "usl", speedup: (p, n) => predictAmdahl(p, n), messages: (n) => n }] });
    expect(() => analyzeRuns(truth.runs, truth.metrics, paperTables(other.runs, other.metrics), { prices: "none", bootstrapReplicates: 20 })).toThrow(
      "analyzeRuns: tables.speedup for preassign / amdahl / p09 does not match the speedups of the runs given; pass tables computed from the same runs (paperTables(runs, metrics))",
    );
  });

  it("two design p values under one p label", () => {
    const runs = truth.runs.map((r, i) => (i === 0 ? { ...r, p_true: 0.8 } : r));
    expect(() => analyzeRuns(runs, truth.metrics, truthTables, { prices: "none" })).toThrow(/^analyzeRuns: p label "p09" has runs with p_true 0.8 and 0.9/);
  });
});

describe.skipIf(!HAVE_PAPER_DATA)("analyzeRuns on the paper's published data", async () => {
  const data = HAVE_PAPER_DATA ? await loadPaperData() : null;
  const analysis = data ? analyzeRuns(data.runs, data.metrics, computePaperTables(data)) : null;
  const amdahl = (condition: string, model: string, p: string) => analysis!.amdahl.find((c) => c.condition === condition && c.model === model && c.p_label === p)!;

  it("fits every model x condition x p (18 Amdahl, 18 USL, 6 message cells), nothing skipped", () => {
    expect(analysis!.amdahl).toHaveLength(18);
    expect(analysis!.usl).toHaveLength(18);
    expect(analysis!.messages).toHaveLength(6);
    expect(analysis!.costFrontier).toHaveLength(90);
    expect(analysis!.teamWorth).toHaveLength(18);
    expect(analysis!.skipped).toEqual([]);
    expect(analysis!.amdahl.every((c) => c.constrained.converged && c.unconstrained.converged && c.bootstrap!.failed === 0)).toBe(true);
  });

  it("Claude Sonnet 4.6, centralized, p = 0.9: p̂ = 0.871, close to 0.9; the run bootstrap interval holds 0.9, the Wald one does not", () => {
    const c = amdahl("preassign", "anthropic_claude-sonnet-4-6", "p09");
    expect(c.pTrue).toBe(0.9);
    expect(c.constrained.params["p"]).toBeCloseTo(0.8709, 4);
    expect(c.constrained.atBounds).toEqual([]);
    // The Wald interval from the residual scatter of 4 points, [0.851, 0.891], misses 0.9: the points share
    // the single-agent baseline, so their errors are correlated and the scatter understates the uncertainty.
    const [lo, hi] = c.constrained.confidenceIntervals["p"]!;
    expect(lo).toBeCloseTo(0.851, 3);
    expect(hi).toBeCloseTo(0.891, 3);
    // Resampling runs keeps that correlation: about [0.73, 0.94], which holds the design p.
    expect(c.bootstrap!.ciLow).toBeLessThan(0.8);
    expect(c.bootstrap!.ciHigh).toBeGreaterThan(0.9);
  });

  it("decentralized teams show no Amdahl speedup at p = 0.2: p̂ on the bound 0 for every model", () => {
    for (const model of ["anthropic_claude-sonnet-4-6", "google_gemini-3-flash-preview", "openai_gpt-5.2"]) {
      const c = amdahl("decentralized", model, "p02");
      expect(c.constrained.params["p"]).toBe(0);
      expect(c.constrained.atBounds).toEqual(["p"]);
      expect(c.unconstrained.params["p"]).toBeLessThan(0);
    }
  });

  it("message growth: sensible coefficients and a verdict per model x condition; the quadratic term is supported in none", () => {
    for (const c of analysis!.messages) {
      expect(c.result.linear.params["b"]).toBeGreaterThan(0); // more agents, more messages
      expect(c.result.verdict.length).toBeGreaterThan(20);
      expect(c.result.quadraticSupported).toBe(false);
      expect(c.runsWithoutEvents).toBe(0);
    }
    expect(analysis!.messages.reduce((s, c) => s + c.points.length, 0)).toBe(data!.runs.length);
    // the closest call: Claude decentralized, c = 6.4 > 0 at p = 0.089
    const claude = analysis!.messages.find((c) => c.model === "anthropic_claude-sonnet-4-6" && c.condition === "decentralized")!;
    expect(claude.result.quadratic.params["c"]).toBeCloseTo(6.36, 2);
    expect(claude.result.quadraticTest.pValue).toBeCloseTo(0.0888, 3);
  });

  it("prices every run and marks a frontier in every cell", () => {
    expect(analysis!.costFrontier.every((p) => p.costUsd !== null && p.costUsd > 0)).toBe(true);
    const cells = new Set(analysis!.costFrontier.filter((p) => p.onFrontier).map((p) => `${p.condition}/${p.model}/${p.p_label}`));
    expect(cells.size).toBe(18);
  });
});
