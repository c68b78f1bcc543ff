import { describe, expect, it } from "vitest";
import { fitAmdahl, fitUsl, predictUsl } from "../../src/analysis/index.js";
import { resolveAnalysisOptions } from "../../src/fits/index.js";
import { fitUslCell, peakNote } from "../../src/fits/usl.js";
import type { SpeedupTableRow } from "../../src/metrics/paper-tables.js";

const NS = [2, 3, 4, 5];
/** An exact USL fit on n = 2..5 (noise-free points, so the fit recovers a and b). */
const exactFit = (a: number, b: number) => fitUsl(NS.map((n) => ({ n, speedup: predictUsl(a, b, n) })), { mode: "constrained" });

describe("peakNote", () => {
  it("is empty when n* = √((1 − a)/b) lies within the fitted sizes: a = 0.05, b = 0.04 gives n* = 4.87", () => {
    expect(peakNote(exactFit(0.05, 0.04), NS)).toBe("");
  });
  it("says extrapolation beyond the largest team: a = 0.02, b = 0.01 gives n* = √98 = 9.90", () => {
    expect(peakNote(exactFit(0.02, 0.01), NS)).toBe("n* = 9.90 is beyond the largest team observed (n = 5): an extrapolation");
  });
  it("says the curve falls over the whole range below the smallest team: a = 0.1, b = 0.5 gives n* = √1.8 = 1.34", () => {
    expect(peakNote(exactFit(0.1, 0.5), NS)).toBe("n* = 1.34 is below the smallest team fitted (n = 2): the fitted speedup falls over the whole range");
  });
  it("gives the fit's reason when there is no peak (b = 0)", () => {
    const f = exactFit(0.1, 0);
    expect(f.peak.kind).toBe("no-peak");
    expect(peakNote(f, NS)).toBe(f.peak.kind === "no-peak" ? f.peak.reason : "");
  });
});

describe("fitUslCell", () => {
  const row = (n: number, mean: number): SpeedupTableRow => ({ condition: "preassign", model: "m", p_label: "p09", n, mean, sem: 0.01 });
  const cell = { condition: "preassign" as const, model: "m", p_label: "p09" };
  const o = resolveAnalysisOptions({ bootstrapReplicates: 0 });

  it("refuses fewer than 3 team sizes above n = 1, with the reason", () => {
    const points = [row(1, 1), row(2, 1.8), row(3, 2.4)];
    expect(fitUslCell(cell, points, exactFit(0.05, 0.04), o)).toEqual({ skip: "2 team sizes above n = 1; the USL fit needs at least 3" });
  });

  it("reports ΔAIC = AIC(USL) − AIC(Amdahl) against the Amdahl fit it is given", () => {
    const points = [1, ...NS].map((n) => row(n, predictUsl(0.05, 0.04, n)));
    const amdahl = fitAmdahl(points.map((p) => ({ n: p.n, speedup: p.mean })), { mode: "constrained" });
    const r = fitUslCell(cell, points, amdahl, o);
    if (!("cell" in r)) throw new Error(`expected a cell, got ${r.skip}`);
    expect(r.cell.fit.params["a"]).toBeCloseTo(0.05, 6);
    expect(r.cell.fit.params["b"]).toBeCloseTo(0.04, 6);
    expect(r.cell.deltaAic).toBe(r.cell.fit.aic - amdahl.aic);
    expect(r.cell.peakNote).toBe("");
  });
});
