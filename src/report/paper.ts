import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadEventsParquet, type EventTable } from "../events/event-table.js";
import { loadRunsParquet, type RunRecord } from "../runs/run-table.js";
import { DEFAULT_PAPER_DIR, PAPER_DATA_HINT } from "./paper-data.js";
import { runEventMetrics, type RunEventMetrics } from "../metrics/per-run.js";
import { paperTables, type PaperTables } from "../metrics/paper-tables.js";
import { formatCsvTable } from "../plots/csv.js";
import { paperFigures } from "../plots/paper-figures.js";
import { FigureRenderer, writeFigureFiles } from "../plots/render.js";
import type { NamedFigure } from "../plots/types.js";

/** The paper's data loaded, with the per-run event metrics derived from it. */
export interface PaperData {
  runs: RunRecord[];
  events: EventTable;
  metrics: Map<string, RunEventMetrics>;
}

/** Load `runs.parquet` and `events.parquet` from `dir` and derive the per-run metrics in one pass. */
export async function loadPaperData(dir: string = DEFAULT_PAPER_DIR): Promise<PaperData> {
  const [runs, events] = await Promise.all([
    loadRunsParquet(join(dir, "runs.parquet"), PAPER_DATA_HINT),
    loadEventsParquet(join(dir, "events.parquet"), PAPER_DATA_HINT),
  ]);
  return { runs, events, metrics: runEventMetrics(events) };
}

/** Every table behind the paper's figures. */
export function computePaperTables(data: PaperData): PaperTables {
  return paperTables(data.runs, data.metrics);
}

/** Write each figure's CSV table into `dir` (figures sharing a CSV write it once). Returns the paths. */
export function writeFigureCsvs(figures: readonly NamedFigure[], dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written = new Map<string, string>();
  for (const f of figures) {
    if (written.has(f.csvName)) continue;
    const path = join(dir, f.csvName);
    writeFileSync(path, formatCsvTable(f.csv));
    written.set(f.csvName, path);
  }
  return [...written.values()];
}

/**
 * Render figures to `dir/NAME.png` and `dir/NAME.html` with one browser. `onFigure` reports progress.
 * The HTML pages load plotly from `plotlyPath` (default: the project's node_modules copy; `writeFigureFiles`).
 */
export async function renderFigureFiles(
  figures: readonly NamedFigure[],
  dir: string,
  options: { plotlyPath?: string; onFigure?: (name: string, index: number, total: number) => void } = {},
): Promise<string[]> {
  const renderer = await FigureRenderer.launch();
  const out: string[] = [];
  try {
    for (let i = 0; i < figures.length; i++) {
      const f = figures[i]!;
      const { png, html } = await writeFigureFiles(renderer, f.spec, dir, f.name, options.plotlyPath);
      out.push(png, html);
      options.onFigure?.(f.name, i + 1, figures.length);
    }
  } finally {
    await renderer.close();
  }
  return out;
}

export { paperFigures };
