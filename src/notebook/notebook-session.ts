import { error } from "../core/errors.js";
import type { FigureSpec, NamedFigure } from "../plots/types.js";
import { FigureRenderer } from "../plots/render.js";
import { figureBundle, figureTitle, type FigureMode } from "./figure-bundle.js";
import { halvePng } from "./png.js";
import { progressBar, stepLine, textBundle, type StepState } from "./progress.js";
import { resolveTableOptions, tableBundle, type TableOptions } from "./table-bundle.js";
import { toTableData, type TableInput } from "./table-data.js";
import { PROGRESS_UPDATE_SECONDS, throttledLine, type ProgressLine } from "./throttled-line.js";
import { notebookChannel } from "./tslab-channel.js";
import type { DisplayChannel, MimeBundle } from "./types.js";

/** What the session needs from a figure renderer; `FigureRenderer` from src/plots is one. */
export interface ImageRenderer {
  /** The figure as a PNG at 2x scale. */
  image(spec: FigureSpec, format: "png"): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Options of `openNotebook`. */
export interface NotebookOptions {
  /** Where outputs go. @default notebookChannel(): the tslab kernel, or the console outside one */
  channel: DisplayChannel;
  /** Starts the renderer, once, at the first figure. @default FigureRenderer.launch (headless Chromium) */
  launchRenderer: () => Promise<ImageRenderer>;
  /** Figures with (`plotly`) or without (`static`) the interactive form. @default "plotly" */
  figureMode: FigureMode;
  /**
   * PNG pixels per CSS pixel: 1 keeps committed notebooks small (the renderer's 2x image is halved), 2 is
   * sharper on high-density screens and about three times the bytes. @default 1
   */
  pngScale: 1 | 2;
  /** Defaults for `table`: rows shown, decimals. @default { maxRows: 20, digits: 4, maxChars: 120 } */
  table: Partial<TableOptions>;
  /** Monotonic clock in seconds, for the times in progress lines. @default performance.now() / 1000 */
  clock: () => number;
  /**
   * Least time between two updates of a progress line, in seconds; the line's final state always shows
   * (`ProgressLine`). @default 0.25 (four updates a second)
   */
  progressSeconds: number;
}

interface ResolvedOptions extends Omit<NotebookOptions, "table"> {
  table: TableOptions;
}

const launchFigureRenderer = (): Promise<ImageRenderer> => FigureRenderer.launch();

function resolveNotebookOptions(options: Partial<NotebookOptions>): ResolvedOptions {
  const figureMode = options.figureMode ?? "plotly";
  if (figureMode !== "plotly" && figureMode !== "static") {
    throw error("openNotebook", `figureMode must be "plotly" or "static"; got ${JSON.stringify(figureMode)}`);
  }
  const pngScale = options.pngScale ?? 1;
  if (pngScale !== 1 && pngScale !== 2) throw error("openNotebook", `pngScale must be 1 or 2; got ${String(pngScale)}`);
  const progressSeconds = options.progressSeconds ?? PROGRESS_UPDATE_SECONDS;
  if (!(Number.isFinite(progressSeconds) && progressSeconds >= 0)) {
    throw error("openNotebook", `progressSeconds must be a finite number >= 0; got ${String(progressSeconds)}`);
  }
  return {
    channel: options.channel ?? notebookChannel(),
    launchRenderer: options.launchRenderer ?? launchFigureRenderer,
    figureMode,
    pngScale,
    table: resolveTableOptions(options.table),
    clock: options.clock ?? (() => performance.now() / 1000),
    progressSeconds,
  };
}

/**
 * A notebook's display session: tables, figures, markdown and progress lines, sent to the kernel as MIME
 * bundles. It owns one figure renderer (headless Chromium), started at the first figure and kept for the
 * rest of the session; `close()` stops it. The cells stay one-liners: `nb.table(df)`,
 * `await nb.figure(spec)`.
 */
export class NotebookSession {
  private readonly o: ResolvedOptions;
  private renderer: Promise<ImageRenderer> | null = null;
  private readonly pngs = new WeakMap<FigureSpec, Uint8Array>();
  private closed = false;

  constructor(options: Partial<NotebookOptions> = {}) {
    this.o = resolveNotebookOptions(options);
  }

  /** Send a ready-made MIME bundle. */
  show(bundle: MimeBundle): void {
    this.o.channel.show(bundle);
  }

  /** Markdown (prose computed from data, e.g. a sentence with a number in it). */
  markdown(text: string): void {
    this.show({ data: { "text/markdown": text, "text/plain": text }, metadata: {} });
  }

  /** Plain text. */
  text(text: string): void {
    this.show(textBundle(text));
  }

  /**
   * A table as HTML (and aligned text): a danfojs DataFrame or Series, a `{ columns, rows }` table, or an
   * array of records (`columns` picks and orders their keys). At most `maxRows` rows, with a note.
   */
  table(input: TableInput, options: Partial<TableOptions> & { columns?: readonly string[] } = {}): void {
    const { columns, ...format } = options;
    this.show(tableBundle(toTableData(input, columns), { ...this.o.table, ...format }));
  }

  /**
   * Show a figure: interactive where the front end can render plotly, with the static PNG always in the
   * same output. Starts the renderer if this is the first figure.
   */
  async figure(figure: FigureSpec | NamedFigure): Promise<void> {
    const spec = "spec" in figure ? figure.spec : figure;
    const png = await this.png(spec);
    this.show(figureBundle(spec, png, { mode: this.o.figureMode, pngScale: this.o.pngScale }));
  }

  /**
   * Render many figures ahead of showing them, with one progress line updated per figure; later
   * `figure` calls for these specs show at once.
   */
  async renderFigures(figures: readonly (FigureSpec | NamedFigure)[], label = "Rendering static images"): Promise<void> {
    if (figures.length > 0) await this.startRenderer(); // its own progress line comes first
    const t0 = this.o.clock();
    const line = this.progress(stepLine(label, "running", progressBar(0, figures.length)));
    for (let i = 0; i < figures.length; i++) {
      const f = figures[i]!;
      const spec = "spec" in f ? f.spec : f;
      const name = "name" in f ? f.name : figureTitle(f);
      try {
        await this.png(spec);
      } catch (e) {
        line.final(textBundle(stepLine(label, "failed", `${name}: ${(e as Error).message}`, this.o.clock() - t0)));
        throw e;
      }
      const text = (state: StepState): MimeBundle => textBundle(stepLine(label, state, `${progressBar(i + 1, figures.length)} ${name}`, this.o.clock() - t0));
      if (i + 1 === figures.length) line.final(text("done"));
      else line.update(text("running"));
    }
  }

  /**
   * Run a step of a long computation under a progress line: `… label` while it runs, then
   * `✓ label: detail (1.2 s)` (detail from the result), or `✗ label: error (1.2 s)` and the error rethrown.
   */
  async step<T>(label: string, run: () => T | Promise<T>, detail: (result: T) => string = () => ""): Promise<T> {
    const t0 = this.o.clock();
    const line = this.o.channel.showUpdatable(textBundle(stepLine(label, "running"))); // two states: nothing to throttle
    try {
      const result = await run();
      line.update(textBundle(stepLine(label, "done", detail(result), this.o.clock() - t0)));
      return result;
    } catch (e) {
      line.update(textBundle(stepLine(label, "failed", (e as Error).message, this.o.clock() - t0)));
      throw e;
    }
  }

  /**
   * Run `body` with `value` when it is there; otherwise show `skipped` instead. Lets every cell of a
   * notebook that needs optional data still execute when the data is missing.
   */
  async withData<T>(value: T | null | undefined, body: (value: T) => unknown, skipped = "Skipped: the data this cell needs is missing (see above)."): Promise<void> {
    if (value === null || value === undefined) {
      this.markdown(`*${skipped}*`);
      return;
    }
    await body(value);
  }

  /**
   * A progress line the caller updates, for loops of its own: `line.update(textBundle(...))` at most
   * every `progressSeconds` (sooner updates are dropped), `line.final(textBundle(...))` for its last state.
   */
  progress(text: string): ProgressLine {
    return throttledLine(this.o.channel.showUpdatable(textBundle(text)), this.o.progressSeconds, this.o.clock);
  }

  /** Stop the renderer if it was started. The session can still show tables and text afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const r = this.renderer;
    this.renderer = null;
    if (r) await (await r).close();
  }

  private async png(spec: FigureSpec): Promise<Uint8Array> {
    const cached = this.pngs.get(spec);
    if (cached) return cached;
    const renderer = await this.startRenderer();
    const twice = await renderer.image(spec, "png");
    const png = this.o.pngScale === 2 ? twice : halvePng(twice);
    this.pngs.set(spec, png);
    return png;
  }

  private startRenderer(): Promise<ImageRenderer> {
    if (this.closed) throw error("NotebookSession.figure", "the session was closed; open a new one with openNotebook()");
    if (!this.renderer) {
      this.renderer = this.step("Starting headless Chromium for the static images", () => launchKeepingSigint(this.o.launchRenderer));
      // A failed start is not cached: the next figure tries again (e.g. after installing Chromium).
      this.renderer.catch(() => {
        this.renderer = null;
      });
    }
    return this.renderer;
  }
}

/**
 * Launch the renderer without letting it take over SIGINT. Playwright installs a SIGINT handler that
 * closes its browsers and exits the process with code 130; in a Jupyter kernel SIGINT is "interrupt the
 * running cell", so after the first figure an interrupt would kill the kernel. The SIGINT listeners added
 * during the launch are removed again (tslab's own interrupt handler stays). Playwright's exit handler,
 * which kills the browser when the kernel process ends, is kept.
 */
async function launchKeepingSigint(launch: () => Promise<ImageRenderer>): Promise<ImageRenderer> {
  const before = new Set(process.listeners("SIGINT"));
  try {
    return await launch();
  } finally {
    for (const l of process.listeners("SIGINT")) if (!before.has(l)) process.off("SIGINT", l);
  }
}

let current: NotebookSession | null = null;

/**
 * Open the notebook's display session. Opening a new one closes the previous session's renderer, so
 * re-running a notebook's first cell does not leave a browser behind.
 */
export function openNotebook(options: Partial<NotebookOptions> = {}): NotebookSession {
  const previous = current;
  current = new NotebookSession(options);
  if (previous) void previous.close().catch(() => undefined);
  return current;
}
