import { predictAmdahl } from "../analysis/amdahl.js";
import { error } from "../core/errors.js";
import { BASE_LAYOUT } from "./style.js";
import type { FigureSpec } from "./types.js";

/** Options of {@link amdahlCurvesFigure}. */
export interface AmdahlCurvesOptions {
  /** Largest team size drawn. @default 16 */
  maxN?: number;
  /** Figure title. @default "Amdahl's law: the speedup a parallel fraction p allows" */
  title?: string;
  /** A line under the title. @default "" */
  note?: string;
}

const COLORS = ["#1a9641", "#a6d96a", "#fdae61", "#d7191c", "#2c7bb6", "#7b3294", "#636363"];

/**
 * Amdahl's law, S(n) = 1 / ((1 − p) + p / n), against team size for each p in `ps`: one solid curve per
 * p with markers at whole team sizes, its limit 1 / (1 − p) as n → ∞ dotted in the same colour (none
 * for p = 1, whose limit is infinite), and linear speedup S = n dashed grey for reference. Pure.
 *
 * @throws ToolkitError when `ps` is empty, a p is outside [0, 1], or `maxN` is not an integer >= 2.
 * @example amdahlCurvesFigure([0.9, 0.5, 0.2], { maxN: 8 })
 */
export function amdahlCurvesFigure(ps: readonly number[], options: AmdahlCurvesOptions = {}): FigureSpec {
  const fn = "amdahlCurvesFigure";
  const maxN = options.maxN ?? 16;
  if (!Number.isInteger(maxN) || maxN < 2) throw error(fn, `maxN must be an integer >= 2; got ${String(maxN)}`);
  if (ps.length === 0) throw error(fn, "ps is empty; give at least one parallel fraction in [0, 1]");
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw error(fn, `every p must be a number in [0, 1]; got ${String(p)}`);
  const title = options.title ?? "Amdahl's law: the speedup a parallel fraction p allows";
  const note = options.note ?? "";
  const whole = Array.from({ length: maxN }, (_, i) => i + 1);
  const smooth: number[] = [];
  for (let k = 0; 1 + k * 0.1 <= maxN + 1e-9; k++) smooth.push(1 + k * 0.1);
  const data: Record<string, unknown>[] = [
    {
      type: "scatter",
      mode: "lines",
      x: [1, maxN],
      y: [1, maxN],
      line: { color: "#999", dash: "dash", width: 1.2 },
      name: "linear speedup (p = 1)",
      hoverinfo: "skip",
    },
  ];
  const annotations: Record<string, unknown>[] = [];
  ps.forEach((p, i) => {
    const color = COLORS[i % COLORS.length]!;
    const group = `p${i}`;
    data.push({
      type: "scatter",
      mode: "lines",
      x: smooth,
      y: smooth.map((n) => predictAmdahl(p, n)),
      line: { color, width: 2.2 },
      name: `p = ${p}`,
      legendgroup: group,
      hoverinfo: "skip",
    });
    data.push({
      type: "scatter",
      mode: "markers",
      x: whole,
      y: whole.map((n) => predictAmdahl(p, n)),
      marker: { color, size: 6 },
      name: `p = ${p}`,
      legendgroup: group,
      showlegend: false,
      hovertemplate: `p = ${p}, n = %{x}<br>S = %{y:.2f}<extra></extra>`,
    });
    if (p < 1) {
      const limit = 1 / (1 - p);
      data.push({
        type: "scatter",
        mode: "lines",
        x: [1, maxN],
        y: [limit, limit],
        line: { color, dash: "dot", width: 1.3 },
        name: `limit 1/(1 − p) = ${limit.toFixed(2)}`,
        legendgroup: group,
        showlegend: false,
        hoverinfo: "skip",
      });
      annotations.push({
        x: maxN,
        y: limit,
        xref: "x",
        yref: "y",
        xanchor: "right",
        yanchor: "bottom",
        text: `n → ∞: ${limit.toFixed(2)}`,
        showarrow: false,
        font: { size: 10, color },
      });
    }
  });
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: { text: note ? `${title}<br><sup>${note}</sup>` : title, x: 0.5 },
      xaxis: { title: { text: "Team size n" }, ...(maxN <= 16 ? { dtick: 1 } : {}), range: [0.5, maxN + 0.5] },
      yaxis: { title: { text: "Speedup S(n) = T(1) / T(n)" }, rangemode: "tozero" },
      annotations,
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.18 },
    },
    width: 900,
    height: 480,
  };
}
