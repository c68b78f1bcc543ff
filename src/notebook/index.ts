export type { MimeBundle, DisplayChannel, DisplayHandle } from "./types.js";
export { escapeHtml } from "./escape-html.js";
export { formatCell, isNumericCell, type CellFormat } from "./format-cell.js";
export { toTableData, isFrameLike, type TableData, type TableInput, type FrameLike, type ColumnsRows } from "./table-data.js";
export { tableBundle, resolveTableOptions, rowLimitNote, DEFAULT_TABLE_OPTIONS, type TableOptions } from "./table-bundle.js";
export { figureBundle, figureTitle, plotlyJson, PLOTLY_MIME, type FigureMode, type FigureBundleOptions } from "./figure-bundle.js";
export { formatSeconds, progressBar, stepLine, textBundle, type StepState } from "./progress.js";
export { throttledLine, PROGRESS_UPDATE_SECONDS, type ProgressLine } from "./throttled-line.js";
export {
  tslabChannel,
  singleMimeChannel,
  consoleChannel,
  notebookChannel,
  preferredSingleMime,
  SINGLE_MIME_ORDER,
  type DisplayMessage,
  type DisplayWriter,
  type ModuleCache,
  type TslabPublicApi,
  type TslabChannelOptions,
} from "./tslab-channel.js";
export { NotebookSession, openNotebook, type NotebookOptions, type ImageRenderer } from "./notebook-session.js";
export { openPaperData, type PaperNotebookData } from "./open-paper-data.js";
export { runNotebookSweep, type NotebookSweep, type NotebookSweepInput, type NotebookSweepOptions } from "./notebook-sweep.js";
