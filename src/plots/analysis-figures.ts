/**
 * Figures of the statistical analysis (`src/pipeline/analysis.ts`) as plotly specs. Pure: fit results
 * in, spec out. `note` is added under every title (e.g. "simulated" for our own runs).
 *
 * - `amdahlFitFigure`: per condition, a model × p grid of observed speedups (mean ± SEM), the fitted
 *   Amdahl curve with its 95% interval band, and the design-p curve dashed.
 * - `uslVsAmdahlFigure`: the same grid with the fitted USL and Amdahl curves over the observed points.
 * - `messageGrowthFigure`: a model × condition grid of messages per run (one jittered point per run,
 *   means ± SEM) with the linear and quadratic fits and their 95% confidence bands for the mean.
 * - `costFrontierFigure`: a condition × p grid of token multiplier against speedup per model, team sizes
 *   labelled, the Pareto frontier over n drawn as a line.
 * - `teamWorthFigure`: the "is a team worth it" table.
 */
import { predictAmdahl, predictUsl, studentTQuantile, type ModelFit } from "../analysis/index.js";
import type { AmdahlCell, CostFrontierPoint, MessageCell, TeamWorthCell, UslCell } from "../report/analysis.js";
import { BASE_LAYOUT, CONDITION_NAMES, P_ORDER, cellTitle, gridAxes, modelColor, modelLabel, pLabelName, withAlpha } from "./style.js";
import type { FigureSpec } from "./types.js";

const titled = (text: string, note: string): Record<string, unknown> => ({ text: note ? `${text}<br><sup>${note}</sup>` : text, x: 0.5 });

/** Team sizes for smooth curves: 1 to `max` in steps of 0.05. */
function curveNs(max: number): number[] {
  const out: number[] = [];
  for (let k = 0; 1 + k * 0.05 <= max + 1e-9; k++) out.push(1 + k * 0.05);
  return out;
}

/** p labels in display order: the paper's (p09, p05, p02) first, any others after, sorted. */
function orderedPLabels(labels: Iterable<string>): string[] {
  const set = new Set(labels);
  const known = P_ORDER.filter((p) => set.has(p));
  return [...known, ...[...set].filter((p) => !(P_ORDER as readonly string[]).includes(p)).sort()];
}

/** A band polygon (upper edge left to right, lower edge back) as a filled scatter trace. */
function bandTrace(x: readonly number[], lo: readonly number[], hi: readonly number[], fill: string, extra: Record<string, unknown>): Record<string, unknown> {
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
function observedTrace(points: readonly { n: number; mean: number; sem: number }[], color: string, extra: Record<string, unknown>): Record<string, unknown> {
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
function cellNote(text: string, domainX: [number, number], domainY: [number, number], corner: "bottom-right" | "top-left"): Record<string, unknown> {
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

const fmt = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : "–");

/** The grid of a speedup figure: rows = models, columns = p labels, with titles and axis labels. */
function speedupGrid(models: readonly string[], pLabels: readonly string[], maxN: number) {
  const { layout: axes, cells } = gridAxes(models.length, pLabels.length, { gap: 0.05, vgap: 0.09 });
  const layout: Record<string, unknown> = { ...BASE_LAYOUT, ...axes };
  const annotations: Record<string, unknown>[] = [];
  models.forEach((model, i) => {
    pLabels.forEach((p, j) => {
      const cell = cells[i * pLabels.length + j]!;
      if (i === 0) annotations.push(cellTitle(pLabelName(p), cell.domainX, cell.domainY));
      layout[cell.xName] = {
        ...(axes[cell.xName] as object),
        dtick: 1,
        range: [0.8, maxN + 0.2],
        ...(i === models.length - 1 ? { title: { text: "Team size (n)" } } : {}),
      };
      layout[cell.yName] = { ...(axes[cell.yName] as object), rangemode: "tozero", ...(j === 0 ? { title: { text: `${modelLabel(model)}<br>speedup` } } : {}) };
    });
  });
  return { cells, layout, annotations };
}

/** What a panel of a model × p speedup grid draws with. */
interface GridPanel {
  axes: { xaxis: string; yaxis: string };
  color: string;
  /** True for the first panel drawn: its traces carry the legend. */
  showlegend: boolean;
  domainX: [number, number];
  domainY: [number, number];
}

/**
 * A model × p grid of speedup panels for one condition: the grid, the legend below it and the title are
 * shared; `drawCell` adds one cell's traces to `data` and its note to `annotations`.
 */
function speedupGridFigure<C extends { model: string; condition: string; p_label: string; points: readonly { n: number }[] }>(
  cells: readonly C[],
  condition: string,
  title: string,
  note: string,
  drawCell: (c: C, panel: GridPanel, ctx: { ns: number[]; maxN: number; data: Record<string, unknown>[]; annotations: Record<string, unknown>[] }) => void,
): FigureSpec {
  const models = [...new Set(cells.map((c) => c.model))].sort();
  const mine = cells.filter((c) => c.condition === condition);
  const pLabels = orderedPLabels(mine.map((c) => c.p_label));
  const maxN = Math.max(2, ...mine.flatMap((c) => c.points.map((p) => p.n)));
  const ns = curveNs(maxN);
  const { cells: grid, layout, annotations } = speedupGrid(models, pLabels, maxN);
  const data: Record<string, unknown>[] = [];
  let legendShown = false;
  models.forEach((model, i) => {
    pLabels.forEach((p, j) => {
      const g = grid[i * pLabels.length + j]!;
      const c = mine.find((x) => x.model === model && x.p_label === p);
      if (!c) return;
      const panel: GridPanel = {
        axes: { xaxis: g.xaxis, yaxis: g.yaxis },
        color: modelColor(model, models),
        showlegend: !legendShown,
        domainX: g.domainX,
        domainY: g.domainY,
      };
      legendShown = true;
      drawCell(c, panel, { ns, maxN, data, annotations });
    });
  });
  layout["title"] = titled(`${title}: ${CONDITION_NAMES[condition] ?? condition}`, note);
  layout["annotations"] = annotations;
  layout["margin"] = { l: 70, r: 20, t: 90, b: 80 };
  layout["legend"] = legendBelowGrid(models.length);
  return { data, layout, width: 1250, height: 290 * Math.max(models.length, 1) + 170 };
}

/**
 * Amdahl fits of one condition: a model × p grid. Each panel: the observed speedups (mean ± SEM; n = 1 is
 * 1 by definition and not fitted), the fitted curve S(n; p̂) (constrained p̂), the curves at the ends of
 * the 95% interval of p̂ as a band (the run-level bootstrap interval when the cell has one, else the
 * Wald interval; ends outside [0, 1] are drawn at 0 or 1, the model's range), and the design p dashed.
 */
export function amdahlFitFigure(cells: readonly AmdahlCell[], condition: string, note = ""): FigureSpec {
  return speedupGridFigure(cells, condition, "Amdahl fits", note, (c, { axes, color, showlegend, domainX, domainY }, { ns, data, annotations }) => {
    const pHat = c.constrained.params["p"] as number;
    const wald = c.constrained.confidenceIntervals["p"] as [number, number];
    const [lo, hi] = c.bootstrap ? [c.bootstrap.ciLow, c.bootstrap.ciHigh] : wald;
    const clip = (v: number): number => Math.min(1, Math.max(0, v));
    data.push(
      bandTrace(ns, ns.map((n) => predictAmdahl(clip(lo), n)), ns.map((n) => predictAmdahl(clip(hi), n)), withAlpha(color, 0.2), {
        ...axes,
        name: c.bootstrap ? "95% interval of p̂ (run bootstrap)" : "95% interval of p̂ (Wald)",
        legendgroup: "band",
        showlegend,
      }),
    );
    if (c.pTrue !== null) {
      const pt = c.pTrue;
      data.push({ type: "scatter", mode: "lines", x: ns, y: ns.map((n) => predictAmdahl(pt, n)), line: { color: "#555", dash: "dash", width: 1.5 }, name: "Amdahl at the design p", legendgroup: "design", showlegend, hoverinfo: "skip", ...axes });
    }
    data.push({ type: "scatter", mode: "lines", x: ns, y: ns.map((n) => predictAmdahl(pHat, n)), line: { color, width: 2.2 }, name: "Amdahl fit (p̂, constrained)", legendgroup: "fit", showlegend, hoverinfo: "skip", ...axes });
    data.push(observedTrace(c.points, color, { ...axes, name: "observed mean ± SEM", legendgroup: "obs", showlegend }));
    const boot = c.bootstrap ? `<br>bootstrap [${fmt(c.bootstrap.ciLow)}, ${fmt(c.bootstrap.ciHigh)}]` : "";
    // On a bound the Wald interval is not valid: show the unconstrained estimate instead.
    const interval = c.constrained.atBounds.length > 0 ? ` on the bound (free p̂ = ${fmt(c.unconstrained.params["p"] as number)})` : ` [${fmt(wald[0])}, ${fmt(wald[1])}]`;
    const design = c.pTrue === null ? "" : `<br>design p = ${c.pTrue}`;
    annotations.push(cellNote(`p̂ = ${fmt(pHat)}${interval}${boot}${design}`, domainX, domainY, "bottom-right"));
  });
}

/**
 * USL against Amdahl for one condition: a model × p grid with the observed speedups (mean ± SEM), the
 * fitted Amdahl curve (solid) and the fitted USL curve (dash-dot), ΔAIC = AIC(USL) − AIC(Amdahl) and the
 * USL peak n* (or why there is none) in each panel.
 */
export function uslVsAmdahlFigure(cells: readonly UslCell[], condition: string, note = ""): FigureSpec {
  return speedupGridFigure(cells, condition, "USL vs Amdahl", note, (c, { axes, color, showlegend, domainX, domainY }, { ns, maxN, data, annotations }) => {
    const pHat = c.amdahl.params["p"] as number;
    const a = c.fit.params["a"] as number;
    const b = c.fit.params["b"] as number;
    data.push({ type: "scatter", mode: "lines", x: ns, y: ns.map((n) => predictAmdahl(pHat, n)), line: { color, width: 2.2 }, name: "Amdahl fit", legendgroup: "amdahl", showlegend, hoverinfo: "skip", ...axes });
    data.push({ type: "scatter", mode: "lines", x: ns, y: ns.map((n) => predictUsl(a, b, n)), line: { color: "#222", width: 2, dash: "dashdot" }, name: "USL fit", legendgroup: "usl", showlegend, hoverinfo: "skip", ...axes });
    data.push(observedTrace(c.points, color, { ...axes, name: "observed mean ± SEM", legendgroup: "obs", showlegend }));
    const peak = c.fit.peak.kind === "peak" ? `n* = ${fmt(c.fit.peak.n, 1)} ± ${fmt(c.fit.peak.standardError, 1)}${c.peakNote ? " (outside 2–" + maxN + ")" : ""}` : "no peak";
    annotations.push(cellNote(`a = ${fmt(a)}, b = ${fmt(b, 3)}; ${peak}<br>ΔAIC (USL − Amdahl) = ${fmt(c.deltaAic, 1)}`, domainX, domainY, "bottom-right"));
  });
}

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

/** "Is a team worth it?": one table row per condition × model × p. */
export function teamWorthFigure(cells: readonly TeamWorthCell[], note = ""): FigureSpec {
  const pct = `${Math.round((cells[0]?.fraction ?? 0.9) * 100)}%`;
  const header = ["Condition", "Model", "p", "Best speedup", `Smallest n ≥ ${pct} of best`, "Its speedup", "Token cost", "$ per run (team / 1 agent)"];
  const cols: string[][] = header.map(() => []);
  const fills: string[] = [];
  for (const c of cells) {
    cols[0]!.push(CONDITION_NAMES[c.condition] ?? c.condition);
    cols[1]!.push(modelLabel(c.model));
    cols[2]!.push(c.p_label);
    cols[3]!.push(`${c.bestSpeedup.toFixed(2)}× at n = ${c.bestN}`);
    cols[4]!.push(c.n === 1 ? "1 (no team)" : String(c.n));
    cols[5]!.push(`${c.speedup.toFixed(2)}×`);
    cols[6]!.push(`${c.tokenMultiplier.toFixed(2)}×`);
    cols[7]!.push(c.costUsd === null ? "n/a" : `$${c.costUsd.toFixed(2)} / $${(c.singleAgentCostUsd ?? Number.NaN).toFixed(2)}`);
    fills.push(c.n === 1 ? "#f8d7da" : c.speedup >= 2 ? "#d4edda" : "#fff3cd");
  }
  const white = cells.map(() => "white");
  return {
    data: [
      {
        type: "table",
        columnwidth: [150, 130, 40, 110, 120, 80, 80, 160],
        header: { values: header.map((h) => `<b>${h}</b>`), fill: { color: "#eeeeee" }, align: "center" },
        cells: { values: cols, fill: { color: [white, white, white, white, fills, white, white, white] }, align: "center", height: 22 },
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: titled(`Is a team worth it? Smallest team reaching ${pct} of the best observed speedup (red: a single agent does; green: ≥ 2× speedup)`, note),
      margin: { l: 10, r: 10, t: 70, b: 10 },
    },
    width: 1000,
    height: 120 + 22 * (cells.length + 1),
  };
}

/**
 * A horizontal legend below a grid of `rows` rows of 290 px panels, clear of the bottom x-axis titles:
 * paper coordinates are fractions of the plotting height, so the offset is 62 px / (290 px x rows).
 */
function legendBelowGrid(rows: number): Record<string, unknown> {
  return { orientation: "h", x: 0.5, xanchor: "center", y: -62 / (290 * Math.max(rows, 1)), yanchor: "top" };
}
