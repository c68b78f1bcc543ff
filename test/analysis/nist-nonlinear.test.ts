/**
 * NIST StRD nonlinear regression from BOTH of NIST's starting points: certified parameters and standard
 * deviations to a relative error <= 1e-6, and the residual sum of squares. Fixtures: test/fixtures/nist
 * (public-domain NIST StRD; provenance in its README).
 */
import { describe, expect, it } from "vitest";
import { fitExpression } from "../../src/analysis/index.js";
import { loadNist, relErr, type NistFixture } from "./helpers/nist.js";

const SETS = [
  "misra1a.json",
  "nonlinear/misra1b.json",
  "nonlinear/misra1c.json",
  "nonlinear/misra1d.json",
  "nonlinear/danwood.json",
  "nonlinear/boxbod.json",
  "nonlinear/rat42.json",
  "nonlinear/rat43.json",
  "nonlinear/eckerle4.json",
  "nonlinear/mgh09.json",
  "nonlinear/mgh10.json",
  "nonlinear/mgh17.json",
  "nonlinear/chwirut1.json",
  "nonlinear/chwirut2.json",
  "nonlinear/thurber.json",
  "nonlinear/lanczos1.json",
  "nonlinear/lanczos2.json",
  "nonlinear/lanczos3.json",
  "nonlinear/gauss1.json",
  "nonlinear/gauss2.json",
  "nonlinear/gauss3.json",
  "nonlinear/kirby2.json",
  "nonlinear/hahn1.json",
  "nonlinear/nelson.json",
  "nonlinear/roszman1.json",
  "nonlinear/enso.json",
  "nonlinear/bennett5.json",
];

/**
 * Documented, narrower expectations for quantities that double precision cannot reproduce to 1e-6.
 *
 * Lanczos1: the data were generated to 14 digits from an exact 3-exponential model, so the certified
 * residuals are ~1e-13 (RSS 1.43e-25, residual SD 8.9e-14) — only ~200 ulps of y (~2.5). Evaluating the
 * model in double precision (three exp terms, each rounded) perturbs every residual by a few ulps, i.e.
 * by ~1e-3 of its size, so RSS, residual SD and the SDs (= residual SD × sqrt of the covariance diagonal)
 * carry that error: achieved 1.3e-3 / 1.7e-3 (RSS), 6.6e-4 / 8.2e-4 (residual SD and SDs), starts 1 / 2.
 * The parameters themselves still meet 1e-6 (achieved 2.8e-11). Checked to 5e-3 instead.
 */
const NARROWER: Record<string, { sd?: number; rss?: number; rsd?: number }> = {
  Lanczos1: { sd: 5e-3, rss: 5e-3, rsd: 5e-3 },
};

function columns(d: NistFixture): Record<string, number[]> {
  const data: Record<string, number[]> = {};
  for (const c of ["x", "x1", "x2"] as const) if (d[c]) data[c] = d[c] as number[];
  data.y = d.response_transform === "log" ? d.y.map(Math.log) : d.y;
  return data;
}

describe("fitExpression on NIST StRD nonlinear sets", () => {
  for (const file of SETS) {
    const d = loadNist(file);
    const expression = d.expression ?? "b1*(1-exp(-b2*x))";
    const tol = { sd: 1e-6, rss: 1e-9, rsd: 1e-9, ...NARROWER[d.name] };
    (d.start as number[][]).forEach((s, k) => {
      it(`${d.name}, NIST start ${k + 1}: certified parameters and SDs to 6+ significant digits`, () => {
        const start = Object.fromEntries(d.param_names.map((p, j) => [p, s[j] as number]));
        const fit = fitExpression(expression, columns(d), start);
        expect(fit.converged, fit.message).toBe(true);
        expect(Object.values(fit.jacobian).every((src) => src === "symbolic")).toBe(true);
        d.param_names.forEach((p, j) => {
          expect(relErr(fit.params[p] as number, d.certified.params[j] as number), `${p}`).toBeLessThanOrEqual(1e-6);
          expect(relErr(fit.standardErrors[p] as number, d.certified.sd[j] as number), `sd ${p}`).toBeLessThanOrEqual(tol.sd);
        });
        expect(relErr(fit.rss, d.certified.sse as number), "rss").toBeLessThanOrEqual(tol.rss);
        expect(relErr(fit.residualSD, d.certified.rsd), "residual SD").toBeLessThanOrEqual(tol.rsd);
      });
    });
  }
});
