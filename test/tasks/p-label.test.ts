import { describe, expect, it } from "vitest";
import { pFromLabel, pLabel } from "../../src/tasks/p-label.js";

// The paper's labels (its runs.parquet: p09, p05, p02 for the design p = 0.9, 0.5, 0.2).
describe("the p-label codec", () => {
  it("writes the paper's labels and the edge cases", () => {
    expect([0.9, 0.5, 0.2].map(pLabel)).toEqual(["p09", "p05", "p02"]);
    expect([0, 0.35, 1, 2 / 3, 0.05, 0.999].map(pLabel)).toEqual(["p00", "p035", "p10", "p067", "p005", "p10"]);
  });

  it("reads them back", () => {
    expect(["p09", "p05", "p02", "p00", "p035", "p10", "p005"].map(pFromLabel)).toEqual([0.9, 0.5, 0.2, 0, 0.35, 1, 0.05]);
  });

  it("round-trips every p with two decimals in [0, 1]", () => {
    for (let k = 0; k <= 100; k++) {
      const p = k / 100;
      expect(pFromLabel(pLabel(p))).toBe(p);
    }
  });

  it("refuses labels that are ambiguous, out of range or not canonical", () => {
    expect(() => pFromLabel("p1")).toThrow('pFromLabel: "p1" is not a p label; expected "p", the digit before the point and one or two after it');
    expect(() => pFromLabel("p15")).toThrow('pFromLabel: "p15" names p = 1.5, outside [0, 1]');
    expect(() => pFromLabel("p090")).toThrow('pFromLabel: "p090" is not canonical; the label of p = 0.9 is p09');
    expect(() => pFromLabel("p050")).toThrow('pFromLabel: "p050" is not canonical; the label of p = 0.5 is p05');
    expect(() => pFromLabel("p50")).toThrow('pFromLabel: "p50" is not a p label');
    expect(() => pFromLabel("p0")).toThrow('pFromLabel: "p0" is not a p label');
    expect(() => pFromLabel("P09")).toThrow('pFromLabel: "P09" is not a p label');
    expect(() => pFromLabel("p00")).not.toThrow();
  });

  it("refuses p outside [0, 1]", () => {
    expect(() => pLabel(1.2)).toThrow("pLabel: p must be a number in [0, 1], got 1.2");
    expect(() => pLabel(Number.NaN)).toThrow("pLabel: p must be a number in [0, 1], got NaN");
  });
});
