export type { FigureSpec, CsvTable, NamedFigure } from "./types.js";
export { formatCsvTable } from "./csv.js";
export { FigureRenderer, writeFigureFiles, figureHtml, plotlyBundlePath, chromiumPath, CHROMIUM_ARGS } from "./render.js";
export * from "./style.js";
export { speedupFigure, speedupCsv, SPEEDUP_COLUMNS, type SpeedupRow } from "./speedup-figure.js";
export * from "./paper-figures.js";
export * from "./analysis-figures.js";
