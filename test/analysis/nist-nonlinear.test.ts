/**
 * NIST StRD nonlinear regression from BOTH of NIST's starting points: certified parameters and standard
 * deviations to a relative error <= 1e-6, and the residual sum of squares. Fixtures: test/fixtures/nist
 * (public-domain NIST StRD; provenance in its README).
 */
import { describe, expect, it } from "vitest";
import { fitExpression } from "../../src/analysis/index.js";
import { loadNist, relErr } from "./helpers/nist.js";

const SETS = [
  "misra1a.json",
  "nonlinear/misra1d.json",
  "nonlinear/danwood.json",
  "nonlinear/boxbod.json",
  "nonlinear/rat42.json",
  "nonlinear/rat43.json",
  "nonlinear/eckerle4.json",
  "nonlinear/mgh09.json",
  "nonlinear/mgh10.json",
  "nonlinear/thurber.json",
];

describe("fitExpression on NIST StRD nonlinear sets", () => {
  for (const file of SETS) {
    const d = loadNist(file);
    const expression = d.expression ?? "b1*(1-exp(-b2*x))";
    (d.start as number[][]).forEach((s, k) => {
      it(`${d.name}, NIST start ${k + 1}: certified parameters and SDs to 6+ significant digits`, () => {
        const start = Object.fromEntries(d.param_names.map((p, j) => [p, s[j] as number]));
        const fit = fitExpression(expression, { x: d.x as number[], y: d.y }, start);
        expect(fit.converged, fit.message).toBe(true);
        expect(Object.values(fit.jacobian).every((src) => src === "symbolic")).toBe(true);
        d.param_names.forEach((p, j) => {
          expect(relErr(fit.params[p] as number, d.certified.params[j] as number), `${p}`).toBeLessThanOrEqual(1e-6);
          expect(relErr(fit.standardErrors[p] as number, d.certified.sd[j] as number), `sd ${p}`).toBeLessThanOrEqual(1e-6);
        });
        expect(relErr(fit.rss, d.certified.sse as number)).toBeLessThanOrEqual(1e-9);
        expect(relErr(fit.residualSD, d.certified.rsd)).toBeLessThanOrEqual(1e-9);
      });
    });
  }
});
