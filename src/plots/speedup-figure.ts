import type { CsvTable, FigureSpec } from "./types.js";
import { BASE_LAYOUT, cellTitle, gridAxes, modelColor, modelLabel, pFromLabel, pLabelName, withAlpha } from "./style.js";

/** One row of `speedup.csv`. */
export interface SpeedupRow {
  condition: string;
  model: string;
  p_label: string;
  n: number;
  mean: number;
  sem: number;
}

export const SPEEDUP_COLUMNS = ["condition", "model", "p_label", "n", "mean", "sem"] as const;

export function speedupCsv(rows: readonly SpeedupRow[]): CsvTable {
  return { columns: SPEEDUP_COLUMNS, rows: rows.map((r) => [r.condition, r.model, r.p_label, r.n, r.mean, r.sem]) };
}

/**
 * Speedup against team size for one condition: one panel per p label, one line per model with a ±1 SEM
 * band, and Amdahl's bound S = 1/((1-p) + p/n) dashed. Pure: rows in, plotly spec out.
 */
export function speedupFigure(
  rows: readonly SpeedupRow[],
  condition: string,
  options: { title: string; note?: string; pLabels?: readonly string[]; ns?: readonly number[] },
): FigureSpec {
  const pLabels = options.pLabels ?? ["p09", "p05", "p02"];
  const ns = options.ns ?? [1, 2, 3, 4, 5];
  const mine = rows.filter((r) => r.condition === condition);
  const models = [...new Set(rows.map((r) => r.model))].sort();
  const { layout: axes, cells } = gridAxes(1, pLabels.length, { sharedY: true });
  const data: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  pLabels.forEach((p, k) => {
    const cell = cells[k]!;
    const pv = pFromLabel(p);
    annotations.push(cellTitle(pLabelName(p), cell.domainX, cell.domainY));
    data.push({
      type: "scatter",
      mode: "lines",
      x: ns,
      y: ns.map((n) => 1 / (1 - pv + pv / n)),
      line: { dash: "dash", color: "#555", width: 1.5 },
      name: "Amdahl bound",
      legendgroup: "amdahl",
      showlegend: k === 0,
      xaxis: cell.xaxis,
      yaxis: cell.yaxis,
    });
    for (const model of models) {
      const pts = mine.filter((r) => r.model === model && r.p_label === p).sort((a, b) => a.n - b.n);
      if (pts.length === 0) continue;
      const color = modelColor(model, models);
      const x = pts.map((r) => r.n);
      const hi = pts.map((r) => r.mean + r.sem);
      const lo = pts.map((r) => r.mean - r.sem);
      data.push({
        type: "scatter",
        mode: "lines",
        x: [...x, ...[...x].reverse()],
        y: [...hi, ...[...lo].reverse()],
        fill: "toself",
        fillcolor: withAlpha(color, 0.18),
        line: { width: 0 },
        hoverinfo: "skip",
        showlegend: false,
        legendgroup: model,
        xaxis: cell.xaxis,
        yaxis: cell.yaxis,
      });
      data.push({
        type: "scatter",
        mode: "lines+markers",
        x,
        y: pts.map((r) => r.mean),
        customdata: pts.map((r) => r.sem),
        hovertemplate: `${modelLabel(model)}<br>n = %{x}<br>speedup %{y:.2f} ± %{customdata:.2f} (SEM)<extra></extra>`,
        line: { color, width: 2 },
        marker: { color, size: 7 },
        name: modelLabel(model),
        legendgroup: model,
        showlegend: k === 0,
        xaxis: cell.xaxis,
        yaxis: cell.yaxis,
      });
    }
  });
  const layout: Record<string, unknown> = {
    ...BASE_LAYOUT,
    ...axes,
    title: { text: options.note ? `${options.title}<br><sup>${options.note}</sup>` : options.title, x: 0.5 },
    annotations,
    margin: { l: 60, r: 20, t: 80, b: 110 },
    legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.3 },
  };
  cells.forEach((c, k) => {
    layout[c.xName] = { ...(axes[c.xName] as object), title: { text: "Number of agents (n)" }, dtick: 1, range: [0.8, ns[ns.length - 1]! + 0.2] };
    layout[c.yName] = { ...(axes[c.yName] as object), ...(k === 0 ? { title: { text: "Speedup (T₁ / Tₙ)" } } : {}), rangemode: "tozero" };
  });
  return { data, layout, width: 1200, height: 450 };
}
