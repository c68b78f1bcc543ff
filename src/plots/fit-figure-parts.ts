/**
 * Building blocks shared by the fit figures (Amdahl, USL, message growth, cost frontier, team worth):
 * titles, smooth-curve team sizes, p-label order, interval bands, observed means with SEM bars, panel
 * notes and the legend below a grid. Pure: numbers in, plotly fragments out.
 */
import { P_ORDER } from "./style.js";

/** A figure title with `note` as a smaller second line (e.g. "simulated"). */
export const titled = (text: string, note: string): Record<string, unknown> => ({ text: note ? `${text}<br><sup>${note}</sup>` : text, x: 0.5 });

/** Team sizes for smooth curves: 1 to `max` in steps of 0.05. */
export function curveNs(max: number): number[] {
  const out: number[] = [];
  for (let k = 0; 1 + k * 0.05 <= max + 1e-9; k++) out.push(1 + k * 0.05);
  return out;
}

/** p labels in display order: the paper's (p09, p05, p02) first, any others after, sorted. */
export function orderedPLabels(labels: Iterable<string>): string[] {
  const set = new Set(labels);
  const known = P_ORDER.filter((p) => set.has(p));
  return [...known, ...[...set].filter((p) => !(P_ORDER as readonly string[]).includes(p)).sort()];
}

/** A band polygon (upper edge left to right, lower edge back) as a filled scatter trace. */
export function bandTrace(x: readonly number[], lo: readonly number[], hi: readonly number[], fill: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    type: "scatter",
    mode: "lines",
    x: [...x, ...[...x].reverse()],
    y: [...hi, ...[...lo].reverse()],
    fill: "toself",
    fillcolor: fill,
    // simplify: false keeps every vertex: plotly's line simplification can drop points of a flat edge
    // (e.g. a lower bound S = 1 at p = 0) and break the polygon.
    line: { width: 0, simplify: false },
    hoverinfo: "skip",
    ...extra,
  };
}

/** Observed speedup means with ±1 SEM error bars. */
export function observedTrace(points: readonly { n: number; mean: number; sem: number }[], color: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    type: "scatter",
    mode: "markers",
    x: points.map((p) => p.n),
    y: points.map((p) => p.mean),
    error_y: { type: "data", array: points.map((p) => p.sem), visible: true, color, thickness: 1.3, width: 4 },
    marker: { color, size: 7, line: { color: "white", width: 0.8 } },
    customdata: points.map((p) => p.sem),
    hovertemplate: "n = %{x}<br>speedup %{y:.2f} ± %{customdata:.2f} (SEM)<extra></extra>",
    ...extra,
  };
}

/**
 * A small text box in a corner of a grid cell: bottom right for speedup panels (the axes start at 0, so
 * the bottom is empty), top left for growing counts.
 */
export function cellNote(text: string, domainX: [number, number], domainY: [number, number], corner: "bottom-right" | "top-left"): Record<string, unknown> {
  const right = corner === "bottom-right";
  return {
    text,
    x: right ? domainX[1] - 0.005 : domainX[0] + 0.005,
    y: right ? domainY[0] + 0.005 : domainY[1] - 0.005,
    xref: "paper",
    yref: "paper",
    xanchor: right ? "right" : "left",
    yanchor: right ? "bottom" : "top",
    align: right ? "right" : "left",
    showarrow: false,
    font: { size: 10, color: "#333" },
    bgcolor: "rgba(255,255,255,0.8)",
  };
}

/** A number for a figure note, or an en dash when it is not finite. */
export const fmt = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : "–");

/**
 * A horizontal legend below a grid of `rows` rows of 290 px panels, clear of the bottom x-axis titles:
 * paper coordinates are fractions of the plotting height, so the offset is 62 px / (290 px x rows).
 */
export function legendBelowGrid(rows: number): Record<string, unknown> {
  return { orientation: "h", x: 0.5, xanchor: "center", y: -62 / (290 * Math.max(rows, 1)), yanchor: "top" };
}

