import { PAPER_DATA_HINT, paperDataPresent } from "../report/paper-data.js";
import type { PaperTables } from "../metrics/paper-tables.js";
import { computePaperTables, loadPaperData, type PaperData } from "../report/paper.js";
import { paperFigures } from "../plots/paper-figures.js";
import type { NamedFigure } from "../plots/types.js";
import type { NotebookSession } from "./notebook-session.js";

/** The paper's data with everything derived from it that the notebook shows. */
export interface PaperNotebookData {
  dir: string;
  data: PaperData;
  tables: PaperTables;
  figures: NamedFigure[];
}

/**
 * Load the paper's data from `dir` and compute its tables and figures, under progress lines. When the
 * files are not there, say how to get them (`npm run data:paper`) and return null, so that the later
 * cells can skip (`nb.withData`).
 */
export async function openPaperData(nb: NotebookSession, dir: string): Promise<PaperNotebookData | null> {
  if (!paperDataPresent(dir)) {
    nb.markdown(
      `**The paper's data is not in \`${dir}\`.** ${PAPER_DATA_HINT.replace("`npm run data:paper`", "`npm run data:paper` (in the project root)")} ` +
        "Then run this notebook again. The cells below skip their work until then.",
    );
    return null;
  }
  const data = await nb.step(
    "Loading runs.parquet and events.parquet",
    () => loadPaperData(dir),
    (d) => `${d.runs.length.toLocaleString("en-US")} runs, ${d.events.length.toLocaleString("en-US")} events`,
  );
  const tables = await nb.step("Computing every table behind the figures", () => computePaperTables(data), (t) => `${Object.keys(t).length} tables`);
  return { dir, data, tables, figures: paperFigures(tables) };
}
