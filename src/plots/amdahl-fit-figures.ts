/**
 * The fits of the speedup table as model × p grids, one figure per condition:
 *
 * - `amdahlFitFigure`: observed speedups (mean ± SEM), the fitted Amdahl curve with its 95% interval
 *   band, and the design-p curve dashed.
 * - `uslVsAmdahlFigure`: the same grid with the fitted USL and Amdahl curves over the observed points.
 */
import { predictAmdahl, predictUsl } from "../analysis/index.js";
import type { AmdahlCell, UslCell } from "../fits/index.js";
import { bandTrace, cellNote, curveNs, fmt, legendBelowGrid, observedTrace, orderedPLabels, titled } from "./fit-figure-parts.js";
import { BASE_LAYOUT, CONDITION_NAMES, cellTitle, gridAxes, modelColor, modelLabel, pLabelName, withAlpha } from "./style.js";
import type { FigureSpec } from "./types.js";

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
