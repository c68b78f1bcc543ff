/**
 * Message growth as a model × condition grid: messages per run (one jittered point per run, means ±
 * SEM) with the linear and quadratic fits and their 95% confidence bands for the mean.
 */
import { studentTQuantile, type ModelFit } from "../analysis/index.js";
import type { MessageCell } from "../fits/index.js";
import { bandTrace, cellNote, curveNs, fmt, legendBelowGrid, titled } from "./fit-figure-parts.js";
import { BASE_LAYOUT, CONDITION_NAMES, cellTitle, gridAxes, modelColor, modelLabel, withAlpha } from "./style.js";
import type { FigureSpec } from "./types.js";

/**
 * The fitted mean of a linear model at x with its confidence interval:
 *   ŷ = gᵀβ̂,  ŷ ± t_{df,(1+level)/2} √(gᵀ Cov(β̂) g),
 * for the design row g (e.g. [1, n, n²]) in the order of `fit.parameterNames`.
 */
export function linearMeanBand(fit: ModelFit, rows: readonly (readonly number[])[]): { fit: number[]; lo: number[]; hi: number[] } {
  const beta = fit.parameterNames.map((k) => fit.params[k] as number);
  const t = fit.df > 0 ? studentTQuantile(0.5 + fit.confidenceLevel / 2, fit.df) : Number.NaN;
  const out = { fit: [] as number[], lo: [] as number[], hi: [] as number[] };
  for (const g of rows) {
    let y = 0;
    let v = 0;
    for (let i = 0; i < g.length; i++) {
      y += (g[i] as number) * (beta[i] as number);
      for (let j = 0; j < g.length; j++) v += (g[i] as number) * ((fit.covariance[i] as number[])[j] as number) * (g[j] as number);
    }
    const half = t * Math.sqrt(Math.max(0, v));
    out.fit.push(y);
    out.lo.push(y - half);
    out.hi.push(y + half);
  }
  return out;
}

const FORM_COLORS = { linear: "#2c7bb6", quadratic: "#d7191c" } as const;

/**
 * Jitter of the k-th run at a team size: a fixed low-discrepancy offset ((k·φ) mod 1 − 0.5)·width,
 * φ the golden ratio conjugate. Deterministic (no randomness), spreads points evenly.
 */
function jitter(k: number, width: number): number {
  return ((k * 0.6180339887498949) % 1 - 0.5) * width;
}

/**
 * Message growth: a model × condition grid. Each panel: one point per run (jittered horizontally),
 * the means per team size with ±1 SEM bars, the linear and the quadratic fit with 95% confidence bands of
 * the mean, and the F-test of the quadratic term.
 */
export function messageGrowthFigure(cells: readonly MessageCell[], note = ""): FigureSpec {
  const models = [...new Set(cells.map((c) => c.model))].sort();
  const conditions = (["preassign", "decentralized"] as const).filter((c) => cells.some((x) => x.condition === c));
  const { layout: axes, cells: grid } = gridAxes(models.length, conditions.length, { gap: 0.07, vgap: 0.09 });
  const layout: Record<string, unknown> = { ...BASE_LAYOUT, ...axes };
  const annotations: Record<string, unknown>[] = [];
  const data: Record<string, unknown>[] = [];
  let legendShown = false;
  models.forEach((model, i) => {
    conditions.forEach((condition, j) => {
      const g = grid[i * conditions.length + j]!;
      if (i === 0) annotations.push(cellTitle(CONDITION_NAMES[condition] ?? condition, g.domainX, g.domainY));
      const c = cells.find((x) => x.model === model && x.condition === condition);
      const nMax = c ? Math.max(...c.points.map((p) => p.n)) : 5;
      const nMin = c ? Math.min(...c.points.map((p) => p.n)) : 1;
      layout[g.xName] = { ...(axes[g.xName] as object), dtick: 1, range: [nMin - 0.5, nMax + 0.5], ...(i === models.length - 1 ? { title: { text: "Team size (n)" } } : {}) };
      layout[g.yName] = { ...(axes[g.yName] as object), rangemode: "tozero", ...(j === 0 ? { title: { text: `${modelLabel(model)}<br>messages per run` } } : {}) };
      if (!c) return;
      const color = modelColor(model, models);
      const axesRef = { xaxis: g.xaxis, yaxis: g.yaxis };
      const showlegend = !legendShown;
      legendShown = true;
      const seen = new Map<number, number>();
      const xs = c.points.map((p) => {
        const k = seen.get(p.n) ?? 0;
        seen.set(p.n, k + 1);
        return p.n + jitter(k, 0.36);
      });
      data.push({
        type: "scatter",
        mode: "markers",
        x: xs,
        y: c.points.map((p) => p.messages),
        marker: { color: withAlpha(color, 0.35), size: 4 },
        name: "one run",
        legendgroup: "runs",
        showlegend,
        hovertemplate: "%{y} messages<extra></extra>",
        ...axesRef,
      });
      const ns = curveNs(nMax).map((n) => n - 1 + nMin).filter((n) => n <= nMax + 1e-9);
      for (const form of ["linear", "quadratic"] as const) {
        const fit = c.result[form];
        const rows = ns.map((n) => (form === "linear" ? [1, n] : [1, n, n * n]));
        const band = linearMeanBand(fit, rows);
        const fc = FORM_COLORS[form];
        data.push(bandTrace(ns, band.lo, band.hi, withAlpha(fc, 0.15), { ...axesRef, name: `${form} fit 95% CI`, legendgroup: form, showlegend: false }));
        data.push({ type: "scatter", mode: "lines", x: ns, y: band.fit, line: { color: fc, width: 2, dash: form === "linear" ? "solid" : "dash" }, name: `${form} fit`, legendgroup: form, showlegend, hoverinfo: "skip", ...axesRef });
      }
      data.push({
        type: "scatter",
        mode: "markers",
        x: c.means.map((m) => m.n),
        y: c.means.map((m) => m.mean),
        error_y: { type: "data", array: c.means.map((m) => m.sem), visible: true, color: "#111", thickness: 1.4, width: 5 },
        marker: { color: "#111", size: 8, symbol: "diamond" },
        name: "mean ± SEM",
        legendgroup: "means",
        showlegend,
        customdata: c.means.map((m) => [m.sem, m.runs]),
        hovertemplate: "n = %{x}<br>%{y:.1f} ± %{customdata[0]:.1f} (%{customdata[1]} runs)<extra></extra>",
        ...axesRef,
      });
      const t = c.result.quadraticTest;
      const cq = c.result.quadratic.params["c"] as number;
      annotations.push(
        cellNote(
          `quadratic term c = ${fmt(cq)}: F = ${fmt(t.f)}, p = ${t.pValue < 0.001 ? t.pValue.toExponential(1) : fmt(t.pValue, 3)}<br>${c.result.quadraticSupported ? "<b>supported</b>" : "not supported"} at α = ${c.result.alpha}; lowest AIC: ${c.result.comparison[0]?.label ?? "–"}`,
          g.domainX,
          g.domainY,
          "top-left",
        ),
      );
    });
  });
  layout["title"] = titled("Message growth: messages per run (agent replies) vs team size, all runs", note);
  layout["annotations"] = annotations;
  layout["margin"] = { l: 70, r: 20, t: 90, b: 80 };
  layout["legend"] = legendBelowGrid(models.length);
  return { data, layout, width: 1100, height: 290 * Math.max(models.length, 1) + 170 };
}
