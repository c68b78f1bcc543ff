import { describe, expect, it } from "vitest";
import { dagFigure, dagLayout, dagNodeLabel } from "../../src/plots/dag-figure.js";
import { getSuite } from "../../src/tasks/builtin/index.js";
import { layeredSuite } from "../../src/tasks/layered-suite.js";
import { taskDepths } from "../../src/tasks/critical-path.js";

const diamond = [
  { id: "a", dependencies: [] },
  { id: "b", dependencies: ["a"] },
  { id: "c", dependencies: ["a"] },
  { id: "d", dependencies: ["b", "c"] },
  { id: "e", dependencies: [] },
];

describe("dagLayout", () => {
  it("puts each task at its depth and spreads a layer around 0, the middle task first when asked", () => {
    const pos = dagLayout(diamond);
    expect(Object.fromEntries(pos)).toEqual({ a: { x: 1, y: 0.5 }, e: { x: 1, y: -0.5 }, b: { x: 2, y: 0.5 }, c: { x: 2, y: -0.5 }, d: { x: 3, y: 0 } });
    const mid = dagLayout([{ id: "x", dependencies: [] }, { id: "y", dependencies: [] }, { id: "z", dependencies: [] }], ["x"]);
    expect(mid.get("x")).toEqual({ x: 1, y: 0 });
    expect(mid.get("y")).toEqual({ x: 1, y: 1 });
  });
});

describe("dagFigure", () => {
  it("draws every edge once, the critical path in red, and N, C, p in the subtitle", () => {
    const spec = dagFigure(diamond);
    const [plain, critical, others, chain] = spec.data;
    // 4 edges: a-b, a-c, b-d, c-d; the critical path a -> b -> d has 2 of them. Each edge is 3 points (x0, x1, null).
    expect((plain!["x"] as unknown[]).length + (critical!["x"] as unknown[]).length).toBe(4 * 3);
    expect((critical!["x"] as unknown[]).length).toBe(2 * 3);
    expect(chain!["text"]).toEqual(["a", "b", "d"]);
    expect(others!["text"]).toEqual(["c", "e"]);
    expect(JSON.stringify(spec.layout["title"])).toContain("N = 5 tasks, critical path C = 3, p = (N − C)/N = 0.4");
  });

  it("shows the paper's shapes: a built-in suite's chain of C tasks at depths 1..C", () => {
    const suite = getSuite("svgutils_p02");
    const spec = dagFigure(suite.tasks, { title: suite.id });
    const chain = spec.data[3]!;
    expect(chain["x"]).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(chain["text"]).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1)));
    expect(JSON.stringify(spec.layout["title"])).toContain("critical path C = 16, p = (N − C)/N = 0.2");
  });

  it("places a layered suite's tasks by their depth (one column per layer)", () => {
    const suite = layeredSuite({ layers: [3, 4, 2], seed: 5 });
    const pos = dagLayout(suite.tasks);
    const depths = taskDepths(suite.tasks);
    for (const t of suite.tasks) expect(pos.get(t.id)!.x).toBe(depths.get(t.id));
    expect(new Set([...pos.values()].map((p) => p.x))).toEqual(new Set([1, 2, 3]));
  });

  it("labels task-K nodes K and keeps other ids", () => {
    expect(dagNodeLabel("task-12")).toBe("12");
    expect(dagNodeLabel("task7")).toBe("7");
    expect(dagNodeLabel("parse")).toBe("parse");
  });

  it("refuses a cycle with the DAG functions' message", () => {
    expect(() => dagFigure([{ id: "a", dependencies: ["b"] }, { id: "b", dependencies: ["a"] }])).toThrow(/cycle/);
  });
});
