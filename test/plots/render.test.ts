import { mkdtempSync, readFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { paperFigures, renderFigureFiles, writeFigureCsvs } from "../../src/report/paper.js";
import { projectPlotlyPath, writeFigureFiles, type FigureRenderer } from "../../src/plots/render.js";
import type { PaperTables } from "../../src/metrics/paper-tables.js";

const temps: string[] = [];
const tempDir = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Small hand-made tables: enough to draw every figure.
const tables: PaperTables = {
  speedup: [1, 2, 3].map((n) => ({ condition: "preassign" as const, model: "m1", p_label: "p09", n, mean: n * 0.8, sem: 0.1 })),
  conflicts: [
    { model: "m1", metric: "concurrent_writes", mean: 3, sem: 1 },
    { model: "m1", metric: "rewrites", mean: 5, sem: 1 },
    { model: "m1", metric: "claims_blocked", mean: 2, sem: 0.5 },
  ],
  testFailures: [{ model: "m1", condition: "decentralized", mean: 2, sem: 0.3 }],
  straggler: [2, 3].map((n) => ({ model: "m1", condition: "decentralized" as const, p_label: "p09", n, mean: n, sem: 0.2, rounds: 4 })),
  extraMessages: [2, 3].map((n) => ({ model: "m1", n, mean: 10 * n, sem: 2 })),
  extraIdleRounds: [2, 3].map((n) => ({ model: "m1", n, mean: n, sem: 1 })),
  tokenCost: [1, 2].map((n) => ({ condition: "decentralized" as const, model: "m1", p_label: "p05", n, mean: 1000 * n, sem: 100 })),
  costSpeedup: [1, 2].map((n) => ({ condition: "preassign" as const, model: "m1", p_label: "p09", n, speedup: n, token_multiplier: 1.5, efficiency: n / 1.5, taskTypes: 1 })),
};

describe("figure files", () => {
  it("renders every paper figure to a decodable PNG and an HTML page holding its data, with the CSVs beside", async () => {
    const dir = tempDir("figs-");
    const figures = paperFigures(tables, "simulated");
    const csvs = writeFigureCsvs(figures, dir);
    expect(csvs.map((p) => p.slice(dir.length + 1)).sort()).toEqual([
      "conflicts.csv",
      "cost_speedup.csv",
      "extra_idle_rounds.csv",
      "extra_messages.csv",
      "speedup.csv",
      "straggler_gap.csv",
      "test_failures.csv",
      "token_cost.csv",
    ]);
    expect(readFileSync(join(dir, "speedup.csv"), "utf8")).toBe(
      "condition,model,p_label,n,mean,sem\npreassign,m1,p09,1,0.8,0.1\npreassign,m1,p09,2,1.6,0.1\npreassign,m1,p09,3,2.4000000000000004,0.1\n",
    );
    await renderFigureFiles(figures, dir);
    for (const f of figures) {
      const png = PNG.sync.read(readFileSync(join(dir, `${f.name}.png`)));
      // rendered at 2x scale
      expect(png.width).toBe(2 * (f.spec.width ?? 1100));
      expect(png.height).toBe(2 * (f.spec.height ?? 420));
      // not a blank image: some pixels differ from the top-left one
      let differing = 0;
      for (let i = 0; i < png.data.length; i += 4 * 97) if (png.data[i] !== png.data[0]) differing++;
      expect(differing).toBeGreaterThan(10);
      const html = readFileSync(join(dir, `${f.name}.html`), "utf8");
      const json = /<script type="application\/json" id="figure-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
      expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify({ data: f.spec.data, layout: f.spec.layout })));
      // plotly from the project's node_modules, by a relative link that resolves to the bundle
      const link = /<script src="([^"]+)"><\/script>/.exec(html)![1]!;
      expect(resolve(dir, link)).toBe(projectPlotlyPath());
    }
    // the simulated label reaches the titles
    expect(JSON.stringify(figures.map((f) => f.spec.layout["title"]))).toContain("simulated");
  }, 120_000);
});

describe("the interactive page's link to plotly", () => {
  // A renderer that returns a fixed image: the page does not depend on it.
  const renderer = { image: async () => Buffer.from("png") } as unknown as FigureRenderer;
  const spec = { data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { title: { text: "T" } } };

  it("is the same relative path in every checkout: ../../node_modules/... from figures/paper/", async () => {
    for (const checkout of [tempDir("clone-a-"), tempDir("clone-b-")]) {
      const { html } = await writeFigureFiles(renderer, spec, join(checkout, "figures", "paper"), "f", projectPlotlyPath(checkout));
      expect(readFileSync(html, "utf8")).toContain('<script src="../../node_modules/plotly.js-dist/plotly.js"></script>');
    }
  });

  it("points by default at the plotly bundle npm installed in this project", () => {
    expect(projectPlotlyPath()).toBe(resolve("node_modules", "plotly.js-dist", "plotly.js"));
    expect(existsSync(projectPlotlyPath())).toBe(true);
  });
});
