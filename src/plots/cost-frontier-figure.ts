import type { CostFrontierPoint } from "../fits/index.js";
import { orderedPLabels, titled } from "./fit-figure-parts.js";
import { BASE_LAYOUT, CONDITION_NAMES, cellTitle, gridAxes, modelColor, modelLabel, pLabelName } from "./style.js";
import type { FigureSpec } from "./types.js";

/**
 * Token cost against speedup: a condition × p grid; per model its points (n = 1..5, labelled by n;
 * filled when on the Pareto frontier over n, open otherwise) and the frontier as a line, on a log
 * token-multiplier axis. Dotted lines mark speedup 1 and token multiplier 1 (the single agent).
 */
export function costFrontierFigure(points: readonly CostFrontierPoint[], note = ""): FigureSpec {
  const models = [...new Set(points.map((p) => p.model))].sort();
  const conditions = (["preassign", "decentralized"] as const).filter((c) => points.some((x) => x.condition === c));
  const pLabels = orderedPLabels(points.map((p) => p.p_label));
  const { layout: axes, cells: grid } = gridAxes(conditions.length, pLabels.length, { gap: 0.05, vgap: 0.17 });
  const layout: Record<string, unknown> = { ...BASE_LAYOUT, ...axes };
  const annotations: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  const data: Record<string, unknown>[] = [];
  const shown = new Set<string>();
  conditions.forEach((condition, i) => {
    pLabels.forEach((p, j) => {
      const g = grid[i * pLabels.length + j]!;
      annotations.push(cellTitle(`${CONDITION_NAMES[condition] ?? condition}, ${pLabelName(p)}`, g.domainX, g.domainY));
      const axesRef = { xaxis: g.xaxis, yaxis: g.yaxis };
      // Multipliers are ratios: a log axis spreads the crowd near 1 and keeps 0.5x and 2x symmetric.
      layout[g.xName] = { ...(axes[g.xName] as object), type: "log", title: { text: "Token multiplier (× single agent, log scale)" } };
      layout[g.yName] = { ...(axes[g.yName] as object), rangemode: "tozero", ...(j === 0 ? { title: { text: "Speedup" } } : {}) };
      const xref = g.xaxis;
      const yref = g.yaxis;
      shapes.push({ type: "line", xref: `${xref} domain`, yref, x0: 0, x1: 1, y0: 1, y1: 1, line: { color: "#999", dash: "dot", width: 1 } });
      shapes.push({ type: "line", xref, yref: `${yref} domain`, x0: 1, x1: 1, y0: 0, y1: 1, line: { color: "#999", dash: "dot", width: 1 } });
      for (const model of models) {
        const pts = points.filter((x) => x.condition === condition && x.p_label === p && x.model === model).sort((a, b) => a.n - b.n);
        if (pts.length === 0) continue;
        const color = modelColor(model, models);
        const frontier = pts.filter((x) => x.onFrontier).sort((a, b) => a.tokenMultiplier - b.tokenMultiplier);
        const showlegend = !shown.has(model);
        shown.add(model);
        data.push({
          type: "scatter",
          mode: "lines",
          x: frontier.map((x) => x.tokenMultiplier),
          y: frontier.map((x) => x.speedup),
          line: { color, width: 1.8 },
          name: modelLabel(model),
          legendgroup: model,
          showlegend,
          hoverinfo: "skip",
          ...axesRef,
        });
        data.push({
          type: "scatter",
          mode: "markers+text",
          x: pts.map((x) => x.tokenMultiplier),
          y: pts.map((x) => x.speedup),
          text: pts.map((x) => (x.n === 1 ? "" : `n=${x.n}`)), // n = 1 is the single agent at (1, 1), where the dotted lines cross
          textposition: "top center",
          textfont: { size: 9, color },
          marker: {
            color: pts.map((x) => (x.onFrontier ? color : "white")),
            line: { color, width: 1.5 },
            size: 8,
          },
          customdata: pts.map((x) => [x.n, x.costUsd === null ? "n/a" : `$${x.costUsd.toFixed(2)}`, x.onFrontier ? "on the frontier" : "dominated"]),
          hovertemplate: `${modelLabel(model)}, n = %{customdata[0]}<br>speedup %{y:.2f}, tokens %{x:.2f}x<br>%{customdata[1]} per run, %{customdata[2]}<extra></extra>`,
          name: modelLabel(model),
          legendgroup: model,
          showlegend: false,
          ...axesRef,
        });
      }
    });
  });
  layout["title"] = titled("Token cost vs speedup with the Pareto frontier over team size (filled: on the frontier)", note);
  layout["annotations"] = annotations;
  layout["shapes"] = shapes;
  layout["margin"] = { l: 60, r: 20, t: 90, b: 80 };
  layout["legend"] = { orientation: "h", x: 0.5, xanchor: "center", y: -0.12, yanchor: "top" };
  return { data, layout, width: 1300, height: 380 * Math.max(conditions.length, 1) + 150 };
}
