import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { error } from "../core/errors.js";
import { projectRoot } from "../core/project-root.js";
import type { FigureSpec } from "./types.js";

/**
 * Resolve packages from the working directory (the project root, or notebooks/ below it): `import.meta`
 * is not available where the notebook kernel compiles this file to CommonJS.
 */
const requireFromCwd = (): NodeRequire => createRequire(join(process.cwd(), "__resolve__.js"));

/** The plotly bundle shipped by the `plotly.js-dist` package. */
export function plotlyBundlePath(): string {
  return requireFromCwd().resolve("plotly.js-dist/plotly.js");
}

/**
 * The plotly bundle in the project's own node_modules/ (`npm ci`, which `bash scripts/setup.sh` runs, puts
 * it there): what the interactive HTML figures load. It is found from the project root rather than
 * resolved, so that a page's link is the same relative path in every checkout (a resolved path follows
 * symlinks out of the checkout), and the committed pages open in any clone after set-up.
 */
export function projectPlotlyPath(root: string = projectRoot()): string {
  return join(root, "node_modules", "plotly.js-dist", "plotly.js");
}

/** Chromium flags that keep a headless browser off the network and quiet. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
] as const;

/** Where to find Chromium: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  const p = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
  if (!existsSync(p)) {
    throw error("chromiumPath", `no Chromium at ${p}. Install Debian's chromium (bash scripts/setup.sh does) or set CHROMIUM_PATH.`);
  }
  return p;
}

const DEFAULT_SIZE = { width: 1100, height: 420 };

/**
 * A standalone interactive HTML page for a figure. The figure's data and layout are embedded as JSON in
 * the page; plotly is loaded from `plotlySrc` (a path relative to the page, or a URL).
 */
export function figureHtml(spec: FigureSpec, title: string, plotlySrc: string): string {
  const json = JSON.stringify({ data: spec.data, layout: spec.layout }).replace(/</g, "\\u003c");
  const esc = title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc}</title>
<script src="${plotlySrc}"></script></head>
<body style="margin:0">
<div id="figure" style="width:100%;height:95vh"></div>
<script type="application/json" id="figure-data">${json}</script>
<script>
const fig = JSON.parse(document.getElementById("figure-data").textContent);
Plotly.newPlot("figure", fig.data, fig.layout, { responsive: true });
</script>
</body></html>
`;
}

/** Renders figures to PNG/SVG with one headless Chromium for a whole batch. Close it when done. */
export class FigureRenderer {
  private constructor(
    private readonly browser: import("playwright-core").Browser,
    private readonly page: import("playwright-core").Page,
  ) {}

  /** Start Chromium and load plotly once (~2-3 s); later figures take ~0.1-0.3 s each. */
  static async launch(): Promise<FigureRenderer> {
    const { chromium } = await import("playwright-core");
    // Leave signals to the host process: in a Jupyter kernel SIGINT is the interrupt button, and
    // Playwright's own handler would close the browser and exit the kernel.
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [...CHROMIUM_ARGS],
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    try {
      const page = await browser.newPage();
      await page.setContent("<!doctype html><html><body><div id='f'></div></body></html>");
      await page.addScriptTag({ path: plotlyBundlePath() });
      return new FigureRenderer(browser, page);
    } catch (e) {
      await browser.close();
      throw e;
    }
  }

  /** A figure as image bytes: PNG at `scale` times its CSS size (default 2), or SVG text as UTF-8. */
  async image(spec: FigureSpec, format: "png" | "svg" = "png", scale = 2): Promise<Buffer> {
    if (!(scale > 0 && scale <= 8)) throw error("FigureRenderer.image", `scale must be in (0, 8]; got ${scale}`);
    const width = spec.width ?? DEFAULT_SIZE.width;
    const height = spec.height ?? DEFAULT_SIZE.height;
    const url = await this.page.evaluate(
      async ({ data, layout, width, height, format, scale }) => {
        const P = (globalThis as unknown as { Plotly: { toImage: (f: unknown, o: unknown) => Promise<string> } }).Plotly;
        return P.toImage({ data, layout }, { format, width, height, scale: format === "png" ? scale : 1 });
      },
      { data: spec.data, layout: spec.layout, width, height, format, scale },
    );
    const comma = url.indexOf(",");
    const head = url.slice(0, comma);
    const body = url.slice(comma + 1);
    return head.endsWith(";base64") ? Buffer.from(body, "base64") : Buffer.from(decodeURIComponent(body), "utf8");
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/**
 * Write a figure as `dir/NAME.png` (static) and `dir/NAME.html` (interactive). The HTML loads plotly from
 * `plotlyPath` by a relative link (default: the project's node_modules copy, `projectPlotlyPath()`, so a
 * page in figures/paper/ links `../../node_modules/plotly.js-dist/plotly.js`). The page's bytes depend only
 * on the figure and that link, so re-writing a figure leaves a committed page unchanged; the PNG's bytes
 * depend on the Chromium build and fonts that render it.
 */
export async function writeFigureFiles(
  renderer: FigureRenderer,
  spec: FigureSpec,
  dir: string,
  name: string,
  plotlyPath: string = projectPlotlyPath(),
): Promise<{ png: string; html: string }> {
  mkdirSync(dir, { recursive: true });
  const png = join(dir, `${name}.png`);
  const html = join(dir, `${name}.html`);
  writeFileSync(png, await renderer.image(spec, "png"));
  const title = typeof spec.layout["title"] === "object" ? String((spec.layout["title"] as { text?: unknown }).text ?? name) : name;
  // A URL path: forward slashes whatever the platform.
  const link = relative(dirname(resolve(html)), resolve(plotlyPath)).split(sep).join("/");
  writeFileSync(html, figureHtml(spec, title.replace(/<[^>]*>/g, " "), link));
  return { png, html };
}
