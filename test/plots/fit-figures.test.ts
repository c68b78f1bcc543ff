import { describe, expect, it } from "vitest";
import { fitMessageGrowth, predictAmdahl, predictUsl, studentTQuantile } from "../../src/analysis/index.js";
import { paperTables } from "../../src/metrics/paper-tables.js";
import { analyzeRuns } from "../../src/fits/index.js";
import { amdahlFitFigure, uslVsAmdahlFigure } from "../../src/plots/amdahl-fit-figures.js";
import { costFrontierFigure } from "../../src/plots/cost-frontier-figure.js";
import { linearMeanBand, messageGrowthFigure } from "../../src/plots/message-growth-figure.js";
import { teamWorthFigure } from "../../src/plots/team-worth-figure.js";
import type { FigureSpec } from "../../src/plots/types.js";
import { syntheticRuns } from "../fits/synthetic-runs.js";

// Three models, both conditions, three p: a full 3 x 3 grid per condition.
const s = syntheticRuns({
  seed: 11,
  reps: 4,
  models: [
    { model: "anthropic_claude-sonnet-4-6", speedup: (p, n) => predictAmdahl(p, n), messages: (n) => 2 * n * n },
    { model: "google_gemini-3-flash-preview", speedup: (_p, n) => predictUsl(0.1, 0.05, n), messages: (n) => 5 * n },
    { model: "openai_gpt-5.2", speedup: (p, n) => predictAmdahl(p / 2, n), messages: (n) => 10 + n },
  ],
});
const a = analyzeRuns(s.runs, s.metrics, paperTables(s.runs, s.metrics), { bootstrapReplicates: 50 });
const MODELS = ["anthropic_claude-sonnet-4-6", "google_gemini-3-flash-preview", "openai_gpt-5.2"];
const LABELS = ["Claude Sonnet 4.6", "Gemini 3 Flash", "GPT-5.2"];

/** Traces drawn on each x axis ("x", "x2", ...). */
function tracesByAxis(spec: FigureSpec): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const t of spec.data) {
    const ax = (t["xaxis"] as string | undefined) ?? "x";
    out.set(ax, [...(out.get(ax) ?? []), t]);
  }
  return out;
}

const axisId = (k: number): string => (k === 0 ? "x" : `x${k + 1}`);
const yTitles = (spec: FigureSpec): string => JSON.stringify(Object.entries(spec.layout).filter(([k]) => k.startsWith("yaxis")).map(([, v]) => v));

describe("analysis figure builders draw every model and panel", () => {
  for (const condition of ["preassign", "decentralized"]) {
    it(`Amdahl fits (${condition}): 3 x 3 panels, each with the interval band, the design curve, the fit and the observed points`, () => {
      const spec = amdahlFitFigure(a.amdahl, condition, "simulated");
      const byAxis = tracesByAxis(spec);
      for (let k = 0; k < 9; k++) {
        const traces = byAxis.get(axisId(k)) ?? [];
        expect(traces.map((t) => t["legendgroup"])).toEqual(["band", "design", "fit", "obs"]);
        const obs = traces[3]!;
        expect(obs["x"]).toEqual([1, 2, 3, 4, 5]);
        expect((obs["error_y"] as { array: number[] }).array).toHaveLength(5);
      }
      for (const l of LABELS) expect(yTitles(spec)).toContain(l);
      expect(JSON.stringify(spec.layout["title"])).toContain("simulated");
      // the fitted curve is S(n; p̂)
      const cell = a.amdahl.find((c) => c.condition === condition && c.model === MODELS[0] && c.p_label === "p09")!;
      const fit = byAxis.get("x")![2]!;
      const xs = fit["x"] as number[];
      const ys = fit["y"] as number[];
      expect(ys[xs.length - 1]).toBeCloseTo(predictAmdahl(cell.constrained.params["p"]!, 5), 12);
    });

    it(`USL vs Amdahl (${condition}): 3 x 3 panels with both curves over the points`, () => {
      const spec = uslVsAmdahlFigure(a.usl, condition);
      const byAxis = tracesByAxis(spec);
      for (let k = 0; k < 9; k++) expect((byAxis.get(axisId(k)) ?? []).map((t) => t["legendgroup"])).toEqual(["amdahl", "usl", "obs"]);
      for (const l of LABELS) expect(yTitles(spec)).toContain(l);
    });
  }

  it("message growth: 3 models x 2 conditions, each with runs, two fits with bands, and the means", () => {
    const spec = messageGrowthFigure(a.messages, "simulated");
    const byAxis = tracesByAxis(spec);
    for (let k = 0; k < 6; k++) {
      const traces = byAxis.get(axisId(k)) ?? [];
      expect(traces.map((t) => t["legendgroup"])).toEqual(["runs", "linear", "linear", "quadratic", "quadratic", "means"]);
      // one point per run, jittered within ±0.18 of its team size
      const runs = traces[0]!;
      const xs = runs["x"] as number[];
      expect(xs).toHaveLength(3 * 3 * 5 * 4);
      for (const x of xs) expect(Math.abs(x - Math.round(x))).toBeLessThanOrEqual(0.18 + 1e-12);
    }
    for (const l of LABELS) expect(yTitles(spec)).toContain(l);
  });

  it("cost frontier: 2 conditions x 3 p panels, a frontier line and the points of every model in each", () => {
    const spec = costFrontierFigure(a.costFrontier);
    const byAxis = tracesByAxis(spec);
    for (let k = 0; k < 6; k++) {
      const traces = byAxis.get(axisId(k)) ?? [];
      expect(traces).toHaveLength(2 * MODELS.length);
      expect(new Set(traces.map((t) => t["legendgroup"]))).toEqual(new Set(MODELS));
    }
    expect(spec.data.filter((t) => t["showlegend"] === true).map((t) => t["name"])).toEqual(LABELS);
  });

  it("team worth: one table row per condition x model x p", () => {
    const spec = teamWorthFigure(a.teamWorth);
    const cells = (spec.data[0]!["cells"] as { values: string[][] }).values;
    expect(cells[0]).toHaveLength(18);
    expect(new Set(cells[1])).toEqual(new Set(LABELS));
  });
});

describe("linearMeanBand", () => {
  it("at n = 0 is the intercept ± t·SE(a) (the band of the mean at the design row [1, 0])", () => {
    const pts = [1, 2, 3, 4, 5].flatMap((n) => [0, 1, 2].map((k) => ({ n, messages: 3 + 2 * n + (k - 1) * 0.5 * n })));
    const fit = fitMessageGrowth(pts).linear;
    const band = linearMeanBand(fit, [[1, 0]]);
    const t = studentTQuantile(0.975, fit.df);
    expect(band.fit[0]).toBeCloseTo(fit.params["a"]!, 12);
    expect(band.hi[0]! - band.fit[0]!).toBeCloseTo(t * fit.standardErrors["a"]!, 12);
    expect(band.fit[0]! - band.lo[0]!).toBeCloseTo(t * fit.standardErrors["a"]!, 12);
  });
});
