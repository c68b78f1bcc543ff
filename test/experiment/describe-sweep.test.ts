import { describe, expect, it } from "vitest";
import { describeSweep } from "../../src/experiment/describe-sweep.js";
import { resolveSweepOptions } from "../../src/experiment/options.js";

describe("describeSweep", () => {
  it("names the grid and its size", () => {
    expect(describeSweep(resolveSweepOptions({ suite: "mathutils", n: "1-5", reps: 5, mode: "preassign", out: "x" }))).toBe(
      "3 suites × n = 1..5 × 5 reps × preassign = 75 runs (simulated backend, profile balanced, seed 1)",
    );
    expect(describeSweep(resolveSweepOptions({ suite: "svgutils_p09", n: "1,3", reps: 1, mode: "preassign,decentralized", seed: 4, out: "x" }))).toBe(
      "1 suite × n = 1, 3 × 1 rep × preassign and decentralized = 4 runs (simulated backend, profile balanced, seed 4)",
    );
  });
});
