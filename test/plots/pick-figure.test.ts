import { describe, expect, it } from "vitest";
import { pickFigure } from "../../src/plots/pick-figure.js";

describe("pickFigure", () => {
  it("picks a figure by name or lists the names", () => {
    const f = { name: "conflicts", csvName: "c.csv", csv: { columns: [], rows: [] }, spec: { data: [], layout: {} } };
    expect(pickFigure([f], "conflicts")).toBe(f);
    expect(() => pickFigure([f], "speedup")).toThrow('pickFigure: no figure named "speedup"; there are: conflicts');
  });
});
