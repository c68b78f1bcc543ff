/** Shared look of the figures: model names and colours, p-label names, axis grids. */

/** Display names of the paper's models (by `model_dir`); other models show their `model_dir`. */
export const MODEL_LABELS: Readonly<Record<string, string>> = {
  "anthropic_claude-sonnet-4-6": "Claude Sonnet 4.6",
  "google_gemini-3-flash-preview": "Gemini 3 Flash",
  "openai_gpt-5.2": "GPT-5.2",
};

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

export function modelLabel(model: string): string {
  return MODEL_LABELS[model] ?? model;
}

/** A stable colour per model: the i-th model of the sorted list gets the i-th palette colour. */
export function modelColor(model: string, models: readonly string[]): string {
  const i = models.indexOf(model);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length]!;
}

export const P_LABEL_NAMES: Readonly<Record<string, string>> = {
  p09: "p = 0.9 (highly parallel)",
  p05: "p = 0.5 (mixed)",
  p02: "p = 0.2 (mostly serial)",
};

/** The p labels in display order, most parallel first. */
export const P_ORDER = ["p09", "p05", "p02"] as const;

export function pLabelName(p: string): string {
  return P_LABEL_NAMES[p] ?? p;
}

/** p as a number from a label (`p09` -> 0.9): the one codec, in tasks/p-label.ts. */
export { pFromLabel } from "../tasks/p-label.js";

export const CONDITION_NAMES: Readonly<Record<string, string>> = {
  preassign: "Centralized (preassigned)",
  decentralized: "Decentralized",
};

/**
 * Axis names and domains for a grid of subplots (plotly's layout.xaxis, xaxis2, ...), row-major from the top
 * left. Returns the layout entries and the axis ids of each cell.
 */
export function gridAxes(
  rows: number,
  cols: number,
  options: { gap?: number; vgap?: number; sharedY?: boolean } = {},
): { layout: Record<string, unknown>; cells: { xaxis: string; yaxis: string; xName: string; yName: string; domainX: [number, number]; domainY: [number, number] }[] } {
  const gap = options.gap ?? 0.06;
  const vgap = options.vgap ?? 0.12;
  const w = (1 - gap * (cols - 1)) / cols;
  const h = (1 - vgap * (rows - 1)) / rows;
  const layout: Record<string, unknown> = {};
  const cells = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = r * cols + c + 1;
      const suffix = k === 1 ? "" : String(k);
      const domainX: [number, number] = [c * (w + gap), c * (w + gap) + w];
      const top = 1 - r * (h + vgap);
      const domainY: [number, number] = [top - h, top];
      layout[`xaxis${suffix}`] = { domain: domainX, anchor: `y${suffix}` };
      layout[`yaxis${suffix}`] = {
        domain: domainY,
        anchor: `x${suffix}`,
        ...(options.sharedY && k !== 1 ? { matches: "y" } : {}),
      };
      cells.push({ xaxis: `x${suffix}`, yaxis: `y${suffix}`, xName: `xaxis${suffix}`, yName: `yaxis${suffix}`, domainX, domainY });
    }
  }
  return { layout, cells };
}

/** A subplot title placed above a cell, as a layout annotation. */
export function cellTitle(text: string, domainX: [number, number], domainY: [number, number]): Record<string, unknown> {
  return {
    text: `<b>${text}</b>`,
    x: (domainX[0] + domainX[1]) / 2,
    y: domainY[1] + 0.01,
    xref: "paper",
    yref: "paper",
    xanchor: "center",
    yanchor: "bottom",
    showarrow: false,
    font: { size: 13 },
  };
}

/** A semi-transparent fill colour from a hex colour. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

export const BASE_LAYOUT: Readonly<Record<string, unknown>> = {
  template: "plotly_white",
  font: { family: "Arial, sans-serif", size: 12 },
  paper_bgcolor: "white",
  plot_bgcolor: "white",
  margin: { l: 60, r: 20, t: 80, b: 60 },
  legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.15 },
};
