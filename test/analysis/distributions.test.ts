/**
 * Known values of the special functions and distributions, with their sources:
 * - closed forms (exact): Student t with 1 df is Cauchy, F(t) = ½ + atan(t)/π; with 2 df,
 *   F(t) = ½ + t / (2√(2 + t²)) and Q(p) = (2p − 1)/√(2p(1 − p)); F(2, d₂): P(F > f) = (1 + 2f/d₂)^(−d₂/2);
 *   I_x(a, 1) = x^a; I_½(2, 3) = 11/16.
 * - R (4.x, printed digits): qt(0.975, 10) = 2.228139; qt(0.975, 1) = 12.7062; pt(2, 10) = 0.963306;
 *   qt(0.995, 3) = 5.840909; pf(3, 2, 10, lower.tail = FALSE) = 0.09536743.
 * - SciPy 1.17.1 (full double precision, computed on this project's machine): stats.t.ppf(0.975, 10) =
 *   2.228138851986274, stats.t.ppf(0.975, 1) = 12.706204736174694, stats.t.cdf(2, 10) = 0.9633059826146299,
 *   stats.f.cdf(0.5, 4, 20) = 0.26396281108907..., special.betainc(0.5, 0.5, 0.2) = 0.2951672353008665.
 * - Python math.lgamma for ln Γ.
 */
import { describe, expect, it } from "vitest";
import {
  fCdf,
  fSurvival,
  logGamma,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  studentTTwoSided,
} from "../../src/analysis/index.js";
import { relErr } from "./helpers/nist.js";

describe("logGamma", () => {
  it("matches Python's math.lgamma to 1e-14 (relative, absolute below 1) and ln(9!)", () => {
    // Python 3.11 math.lgamma values.
    const known: Array<[number, number]> = [
      [0.1, 2.2527126517342055],
      [0.5, 0.5723649429247004], // ln √π
      [1.5, -0.12078223763524543],
      [7.3, 7.147892523022248],
      [33.3, 82.60372358165495],
      [171.5, 709.1431630309282],
    ];
    for (const [x, v] of known) expect(Math.abs(logGamma(x) - v)).toBeLessThan(1e-14 * Math.max(1, Math.abs(v)));
    expect(relErr(logGamma(10), Math.log(362880))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
  });
  it("refuses x <= 0 by name", () => {
    expect(() => logGamma(0)).toThrow("logGamma: x is 0; it must be a finite number > 0");
  });
});

describe("regularizedIncompleteBeta", () => {
  it("matches closed forms and SciPy", () => {
    expect(relErr(regularizedIncompleteBeta(0.5, 2, 3), 11 / 16)).toBeLessThan(1e-14);
    expect(relErr(regularizedIncompleteBeta(0.3, 4.5, 1), 0.3 ** 4.5)).toBeLessThan(1e-13);
    expect(relErr(regularizedIncompleteBeta(0.2, 0.5, 0.5), 0.2951672353008665)).toBeLessThan(1e-13);
  });
  it("refuses x outside [0, 1]", () => {
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow("regularizedIncompleteBeta: x is 1.5");
  });
});

describe("Student t", () => {
  it("CDF matches the Cauchy and 2-df closed forms", () => {
    for (const t of [-30, -2.5, -0.3, 0, 0.7, 4, 1e3]) {
      expect(Math.abs(studentTCdf(t, 1) - (0.5 + Math.atan(t) / Math.PI))).toBeLessThan(4e-15);
      expect(Math.abs(studentTCdf(t, 2) - (0.5 + t / (2 * Math.sqrt(2 + t * t))))).toBeLessThan(4e-15);
    }
  });
  it("CDF matches R / SciPy: pt(2, 10) = 0.9633059826146299", () => {
    expect(relErr(studentTCdf(2, 10), 0.9633059826146299)).toBeLessThan(1e-14);
    expect(studentTCdf(2, 10).toFixed(6)).toBe("0.963306");
  });
  it("quantile matches R: qt(0.975, 10) = 2.228139, qt(0.975, 1) = 12.7062, qt(0.995, 3) = 5.840909", () => {
    expect(relErr(studentTQuantile(0.975, 10), 2.228138851986274)).toBeLessThan(1e-13);
    expect(studentTQuantile(0.975, 10).toFixed(6)).toBe("2.228139");
    expect(relErr(studentTQuantile(0.975, 1), 12.706204736174694)).toBeLessThan(1e-13);
    expect(studentTQuantile(0.995, 3).toFixed(6)).toBe("5.840909");
  });
  it("quantile matches the 2-df closed form, including deep tails, and inverts the CDF", () => {
    for (const p of [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.8, 0.999999]) {
      const exact = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expect(relErr(studentTQuantile(p, 2), exact)).toBeLessThan(1e-12);
    }
    for (const df of [1, 3.5, 30, 1000]) {
      const t = studentTQuantile(0.9, df);
      expect(Math.abs(studentTCdf(t, df) - 0.9)).toBeLessThan(1e-15);
    }
  });
  it("two-sided p-value: P(|T_1| >= 1) = 0.5", () => {
    expect(Math.abs(studentTTwoSided(1, 1) - 0.5)).toBeLessThan(4e-15);
  });
  it("refuses bad arguments by name and value", () => {
    expect(() => studentTQuantile(1, 5)).toThrow("studentTQuantile: p is 1; it must be in (0, 1)");
    expect(() => studentTCdf(1, 0)).toThrow("studentTCdf: df is 0; degrees of freedom must be a finite number > 0");
  });
});

describe("F distribution", () => {
  it("matches the (2, d₂) closed form: P(F > f) = (1 + 2f/d₂)^(−d₂/2); R: pf(3, 2, 10, lower.tail = FALSE) = 0.09536743", () => {
    expect(relErr(fSurvival(3, 2, 10), 1.6 ** -5)).toBeLessThan(1e-14);
    expect(relErr(fCdf(3, 2, 10), 1 - 1.6 ** -5)).toBeLessThan(1e-14);
    expect(relErr(fSurvival(250, 2, 7), (1 + 500 / 7) ** -3.5)).toBeLessThan(1e-12);
  });
  it("matches SciPy: f.cdf(0.5, 4, 20) = 0.2639628110890746, f.sf(100, 1, 5) = 1.7094757574296e-4", () => {
    expect(relErr(fCdf(0.5, 4, 20), 0.2639628110890746)).toBeLessThan(1e-13);
    expect(relErr(fSurvival(100, 1, 5), 0.00017094757574296368)).toBeLessThan(1e-13);
  });
  it("F(1, d) is the square of t(d): P(F > t²) = P(|T| > t)", () => {
    expect(Math.abs(fSurvival(2.5 ** 2, 1, 9) - studentTTwoSided(2.5, 9))).toBeLessThan(1e-15);
  });
});

describe("large degrees of freedom (no cancellation in ln B)", () => {
  it("t quantile tends to the normal one: SciPy t.ppf(0.975, 1e6) = 1.959966356814107; normal z = 1.959963984540054", () => {
    expect(relErr(studentTQuantile(0.975, 1e6), 1.959966356814107)).toBeLessThan(1e-10);
    const z = 1.959963984540054;
    // Cornish–Fisher: t_ν ≈ z + (z³ + z)/(4ν) for large ν.
    expect(relErr(studentTQuantile(0.975, 1e8), z + (z ** 3 + z) / 4e8)).toBeLessThan(1e-9);
  });
});
