import { describe, expect, it } from "vitest";
import {
  compareModels,
  fitAmdahl,
  fitAmdahlOverhead,
  fitUsl,
  fTestNested,
  predictAmdahl,
  predictAmdahlOverhead,
  predictUsl,
  type SpeedupPoint,
} from "../../src/analysis/index.js";
import { mulberry32 } from "./helpers/prng.js";

const TEAM = [2, 3, 4, 5, 6, 8, 10, 12, 16];
const within95 = (covered: number, trials: number): boolean => Math.abs(covered / trials - 0.95) < 3 * Math.sqrt((0.95 * 0.05) / trials);

function amdahlData(seed: number, p: number, sd: number): SpeedupPoint[] {
  const rng = mulberry32(seed);
  return [{ n: 1, speedup: 1, sem: 0 }, ...TEAM.map((n) => ({ n, speedup: predictAmdahl(p, n) + sd * rng.normal(), sem: sd }))];
}

describe("Amdahl's law", () => {
  it("predicts S(n) = 1/((1−p) + p/n): the paper's Amdahl bound for p = 0.9 at n = 2..5 is 1.82, 2.50, 3.08, 3.57", () => {
    expect([2, 3, 4, 5].map((n) => predictAmdahl(0.9, n).toFixed(2))).toEqual(["1.82", "2.50", "3.08", "3.57"]);
  });

  it("recovers a known p and excludes the n = 1 point, saying why", () => {
    const fit = fitAmdahl(amdahlData(7, 0.85, 0.02));
    expect(fit.params.p).toBeCloseTo(0.85, 2);
    expect(fit.excluded).toHaveLength(1);
    expect(fit.excluded[0]?.reason).toContain("S(1) = 1 for every parameter value");
    expect(fit.nObservations).toBe(TEAM.length);
    expect(fit.model).toBe("amdahl");
    expect(fit.converged).toBe(true);
  });

  it("95% intervals for p cover the truth at the nominal rate over 500 seeds (unconstrained, unweighted)", () => {
    let covered = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const fit = fitAmdahl(amdahlData(seed, 0.8, 0.05), { mode: "unconstrained" });
      const [lo, hi] = fit.confidenceIntervals.p as [number, number];
      if (lo <= 0.8 && 0.8 <= hi) covered++;
    }
    expect(within95(covered, 500)).toBe(true);
  });

  it("inverse-variance weighting (1/sem²) recovers p and agrees with unweighted fits when all sems are equal", () => {
    const pts = amdahlData(11, 0.9, 0.03);
    const w = fitAmdahl(pts, { weighting: "inverse-variance" });
    const u = fitAmdahl(pts);
    expect(w.weighted).toBe(true);
    expect(w.params.p).toBeCloseTo(u.params.p as number, 10);
    expect(w.standardErrors.p).toBeCloseTo(u.standardErrors.p as number, 10);
  });

  it("constrained mode keeps p in [0, 1] and flags the bound; unconstrained lets p exceed 1", () => {
    const superLinear = [2, 3, 4].map((n) => ({ n, speedup: n * 1.05 }));
    const c = fitAmdahl(superLinear);
    expect(c.params.p).toBe(1);
    expect(c.atBounds).toEqual(["p"]);
    const u = fitAmdahl(superLinear, { mode: "unconstrained" });
    expect(u.params.p as number).toBeGreaterThan(1);
  });

  it("refuses sem = 0 at n > 1 with inverse-variance weights, and other bad points, by message", () => {
    expect(() => fitAmdahl([{ n: 2, speedup: 1.8, sem: 0 }, { n: 3, speedup: 2.4, sem: 0.1 }], { weighting: "inverse-variance" })).toThrow(
      'fitAmdahl: points[0] (n = 2) has sem 0; inverse-variance weighting needs sem > 0 at every n > 1 (use weighting "none", or give its standard error)',
    );
    expect(() => fitAmdahl([{ n: 0, speedup: 1 }])).toThrow("fitAmdahl: points[0].n is 0; team sizes must be finite numbers >= 1");
    expect(() => fitAmdahl([{ n: 2, speedup: Number.NaN }])).toThrow("fitAmdahl: points[0].speedup is NaN; speedups must be finite numbers > 0");
    expect(() => fitAmdahl([{ n: 1, speedup: 1 }, { n: 2, speedup: 1.8 }])).toThrow("fitAmdahl: 1 usable points (n > 1) after excluding 1 at n = 1; at least 2 are needed");
    expect(() => fitAmdahl([{ n: 2, speedup: 1.8 }, { n: 3, speedup: 2.4 }], { mode: "free" as never })).toThrow('fitAmdahl: options.mode is "free"; it must be "constrained" or "unconstrained"');
  });
});

describe("Universal Scalability Law", () => {
  const A = 0.05;
  const B = 0.01;
  const uslData = (seed: number, sd: number): SpeedupPoint[] => {
    const rng = mulberry32(seed);
    return TEAM.map((n) => ({ n, speedup: predictUsl(A, B, n) + sd * rng.normal() }));
  };

  it("recovers known a and b, and the peak n* = √((1−a)/b) with a delta-method SE", () => {
    const fit = fitUsl(uslData(3, 0.02));
    expect(fit.params.a).toBeCloseTo(A, 2);
    expect(fit.params.b).toBeCloseTo(B, 3);
    expect(fit.peak.kind).toBe("peak");
    if (fit.peak.kind !== "peak") return;
    const a = fit.params.a as number;
    const b = fit.params.b as number;
    expect(fit.peak.n).toBeCloseTo(Math.sqrt((1 - a) / b), 12);
    // Delta method checked against a finite-difference gradient of n*(a, b).
    const nStar = (aa: number, bb: number): number => Math.sqrt((1 - aa) / bb);
    const h = 1e-7;
    const g = [(nStar(a + h, b) - nStar(a - h, b)) / (2 * h), (nStar(a, b + h * b) - nStar(a, b - h * b)) / (2 * h * b)];
    const cov = fit.covariance;
    const v = (g[0] as number) ** 2 * (cov[0]?.[0] as number) + 2 * (g[0] as number) * (g[1] as number) * (cov[0]?.[1] as number) + (g[1] as number) ** 2 * (cov[1]?.[1] as number);
    expect(fit.peak.standardError).toBeCloseTo(Math.sqrt(v), 6);
    expect(Math.abs(fit.peak.n - Math.sqrt(0.95 / 0.01))).toBeLessThan(3 * fit.peak.standardError);
  });

  it("95% intervals for a and b cover the truth at the nominal rate over 500 seeds (unconstrained)", () => {
    let ca = 0;
    let cb = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const fit = fitUsl(uslData(1000 + seed, 0.05), { mode: "unconstrained" });
      const [alo, ahi] = fit.confidenceIntervals.a as [number, number];
      const [blo, bhi] = fit.confidenceIntervals.b as [number, number];
      if (alo <= A && A <= ahi) ca++;
      if (blo <= B && B <= bhi) cb++;
    }
    expect(within95(ca, 500)).toBe(true);
    expect(within95(cb, 500)).toBe(true);
  });

  it("reports no peak when b <= 0", () => {
    const pts = TEAM.map((n) => ({ n, speedup: predictAmdahl(0.9, n) }));
    const fit = fitUsl(pts);
    expect(fit.params.b).toBe(0);
    expect(fit.peak).toEqual({ kind: "no-peak", reason: "b = 0 <= 0: no coherency cost, so the fitted speedup never turns down (no peak team size)" });
  });
});

describe("Amdahl with coordination overhead", () => {
  it("recovers p and c, and is the USL reparametrised (p = 1 − a, c = b): same RSS", () => {
    const rng = mulberry32(5);
    const pts = TEAM.map((n) => ({ n, speedup: predictAmdahlOverhead(0.9, 0.01, n) + 0.01 * rng.normal() }));
    const o = fitAmdahlOverhead(pts);
    const u = fitUsl(pts);
    expect(o.params.p).toBeCloseTo(0.9, 2);
    expect(o.params.c).toBeCloseTo(0.01, 3);
    expect(o.params.p as number).toBeCloseTo(1 - (u.params.a as number), 8);
    expect(o.params.c as number).toBeCloseTo(u.params.b as number, 8);
    expect(o.rss).toBeCloseTo(u.rss, 12);
    expect(o.peak.kind).toBe("peak");
  });
});

describe("model comparison", () => {
  it("AIC table with Akaike weights, and the nested F-test of Amdahl inside Amdahl-with-overhead", () => {
    const rng = mulberry32(9);
    const pts = TEAM.map((n) => ({ n, speedup: predictAmdahlOverhead(0.95, 0.02, n) + 0.01 * rng.normal() }));
    const a = fitAmdahl(pts);
    const o = fitAmdahlOverhead(pts);
    const table = compareModels({ amdahl: a, overhead: o });
    expect(table[0]?.label).toBe("overhead");
    expect(table[0]?.deltaAic).toBe(0);
    expect((table[0]?.akaikeWeight as number) + (table[1]?.akaikeWeight as number)).toBeCloseTo(1, 14);
    const f = fTestNested(a, o);
    expect(f.df1).toBe(1);
    expect(f.df2).toBe(TEAM.length - 2);
    expect(f.f).toBeCloseTo((a.rss - o.rss) / (o.rss / (TEAM.length - 2)), 10);
    expect(f.pValue).toBeLessThan(1e-6);
  });
  it("refuses fits to different data", () => {
    const a = fitAmdahl(amdahlData(1, 0.9, 0.01));
    const b = fitAmdahl(amdahlData(2, 0.9, 0.01).slice(0, 5));
    expect(() => compareModels({ a, b })).toThrow("compareModels: fits.b used 4 observations (weighted: false) but fits.a used 9 (weighted: false); AIC/BIC compare fits to the same data only");
    expect(() => fTestNested(a, a)).toThrow("fTestNested: full has 1 parameters and reduced has 1; the full model must have more");
  });
});
