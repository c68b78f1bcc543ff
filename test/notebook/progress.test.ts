import { describe, expect, it } from "vitest";
import { formatSeconds, progressBar, stepLine, textBundle } from "../../src/notebook/progress.js";

describe("progress lines", () => {
  it("formats seconds with one decimal under 10 s", () => {
    expect(formatSeconds(0.04)).toBe("0.0 s");
    expect(formatSeconds(4.86)).toBe("4.9 s");
    expect(formatSeconds(12.5)).toBe("13 s");
    expect(() => formatSeconds(-1)).toThrow("formatSeconds: seconds must be a number >= 0; got -1");
    expect(() => formatSeconds(Number.NaN)).toThrow("formatSeconds: seconds must be a number >= 0; got NaN");
  });
  it("draws a bar in proportion", () => {
    expect(progressBar(0, 9, 10)).toBe("[----------] 0/9");
    expect(progressBar(4, 9, 10)).toBe("[####------] 4/9");
    expect(progressBar(9, 9, 10)).toBe("[##########] 9/9");
    expect(progressBar(0, 0, 4)).toBe("[####] 0/0");
    expect(() => progressBar(10, 9)).toThrow("progressBar: need integers 0 <= done <= total; got done 10, total 9");
    expect(() => progressBar(1, 2, 0)).toThrow("progressBar: width must be an integer >= 1; got 0");
  });
  it("marks a step's state, detail and time", () => {
    expect(stepLine("Loading", "running")).toBe("… Loading");
    expect(stepLine("Loading", "done", "1,413 runs", 0.53)).toBe("✓ Loading: 1,413 runs (0.5 s)");
    expect(stepLine("Loading", "failed", "no file", 2)).toBe("✗ Loading: no file (2.0 s)");
    expect(stepLine("Loading", "skipped")).toBe("– Loading");
  });
  it("wraps a line as a text bundle", () => {
    expect(textBundle("x")).toEqual({ data: { "text/plain": "x" }, metadata: {} });
  });
});
