import { error } from "../core/errors.js";
import type { FigureSpec } from "../plots/types.js";
import { pngSize } from "./png.js";
import type { MimeBundle } from "./types.js";

/** The MIME type of a plotly figure, rendered by VS Code's Jupyter renderers and JupyterLab's plotly extension. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/**
 * Whether a figure output also carries the interactive plotly form:
 * - `plotly`: plotly JSON + static PNG + a text line in one output; each front end shows the richest
 *   form it can render (see src/notebook/README.md for which shows what).
 * - `static`: the PNG and the text line only.
 */
export type FigureMode = "plotly" | "static";

export interface FigureBundleOptions {
  /** @default "plotly" */
  mode: FigureMode;
  /**
   * Pixels of the PNG per CSS pixel (1 or 2). The image's metadata gives its CSS size (pixels / scale), so
   * a 2x image shows at the same size as a 1x one, only sharper. @default 1
   */
  pngScale: number;
}

/** A figure's title as plain text: `layout.title` (string or `{ text }`), HTML tags and entities dropped. */
export function figureTitle(spec: FigureSpec, fallback = "figure"): string {
  const t = spec.layout["title"];
  const text = typeof t === "string" ? t : typeof t === "object" && t !== null ? (t as { text?: unknown }).text : undefined;
  if (typeof text !== "string" || text.trim() === "") return fallback;
  return text
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&[a-z]+;|&#\d+;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The plotly JSON of a figure for the `application/vnd.plotly.v1+json` output: data and layout as JSON
 * (NaN becomes null, as in any JSON), the layout's height set from the spec and its width left to the
 * front end so the plot fits the notebook's column.
 */
export function plotlyJson(spec: FigureSpec): { data: unknown[]; layout: Record<string, unknown>; config: Record<string, unknown> } {
  const layout: Record<string, unknown> = { ...spec.layout, autosize: true };
  delete layout["width"];
  if (spec.height !== undefined) layout["height"] = spec.height;
  const json = JSON.parse(JSON.stringify({ data: spec.data, layout })) as { data: unknown[]; layout: Record<string, unknown> };
  return { ...json, config: { responsive: true, displaylogo: false } };
}

/**
 * One output holding a figure: `application/vnd.plotly.v1+json` (mode `plotly` only), `image/png` (base64)
 * with its CSS width and height in the metadata, and `text/plain` naming the figure. The plotly form comes
 * first: front ends that can render it prefer it; the others show the PNG.
 * @throws ToolkitError when `png` is not a PNG, or its size is not a whole multiple of `pngScale`.
 */
export function figureBundle(spec: FigureSpec, png: Uint8Array, options: Partial<FigureBundleOptions> = {}): MimeBundle {
  const mode = options.mode ?? "plotly";
  const scale = options.pngScale ?? 1;
  if (mode !== "plotly" && mode !== "static") throw error("figureBundle", `mode must be "plotly" or "static"; got ${JSON.stringify(mode)}`);
  if (scale !== 1 && scale !== 2) throw error("figureBundle", `pngScale must be 1 or 2; got ${scale}`);
  const { width, height } = pngSize(png);
  if (width % scale !== 0 || height % scale !== 0) {
    throw error("figureBundle", `a ${width} x ${height} PNG is not at scale ${scale} (sides must be multiples of it)`);
  }
  const data: Record<string, unknown> = {};
  if (mode === "plotly") data[PLOTLY_MIME] = plotlyJson(spec);
  data["image/png"] = Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString("base64");
  data["text/plain"] = `<Figure: ${figureTitle(spec)}>`;
  return { data, metadata: { "image/png": { width: width / scale, height: height / scale } } };
}
