import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { error } from "../core/errors.js";
import type { EventTable } from "../events/event-table.js";
import type { RunRecord } from "../runs/run-table.js";
import { conditionOf, RUN_COLUMNS, type RunRow } from "../runs/types.js";
import { PAPER_DATA_HINT, paperDataPresent } from "../report/paper-data.js";
import type { RunEventMetrics } from "../metrics/per-run.js";
import type { PaperTables } from "../metrics/paper-tables.js";
import { computePaperTables, loadPaperData, type PaperData } from "../report/paper.js";
import { paperFigures } from "../plots/paper-figures.js";
import type { NamedFigure } from "../plots/types.js";
import type { NotebookSession } from "./notebook-session.js";

/** The package name that marks the project's root folder. */
export const PROJECT_PACKAGE_NAME = "llm-teams-ds";

/**
 * The project's root: the nearest folder at or above `start` whose package.json is this package's.
 * Notebooks run in notebooks/, scripts in the root; both find data/ through this.
 * @throws ToolkitError when there is none up to the file system root.
 */
export function projectRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name === PROJECT_PACKAGE_NAME) return dir;
      } catch {
        // an unreadable package.json belongs to some other project: keep looking upwards
      }
    }
    const up = dirname(dir);
    if (up === dir) throw error("projectRoot", `no package.json named ${PROJECT_PACKAGE_NAME} at or above ${resolve(start)}`);
    dir = up;
  }
}

/**
 * Where a notebook reads the paper's data: `PAPER_DATA_DIR` when set (the test suite points it at an
 * empty folder to check that the notebook runs without the data), else data/paper in the project root.
 */
export function notebookPaperDir(env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd()): string {
  const fromEnv = env["PAPER_DATA_DIR"];
  return fromEnv !== undefined && fromEnv !== "" ? resolve(cwd, fromEnv) : join(projectRoot(cwd), "data", "paper");
}

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

/** The figure called `name`. @throws ToolkitError listing the names there are. */
export function pickFigure(figures: readonly NamedFigure[], name: string): NamedFigure {
  const f = figures.find((x) => x.name === name);
  if (!f) throw error("pickFigure", `no figure named ${JSON.stringify(name)}; there are: ${figures.map((x) => x.name).join(", ")}`);
  return f;
}

/**
 * Run-table rows as flat records for a DataFrame: the paper's sixteen columns in order, then any extra
 * columns of our own runs (`extras`) as further columns.
 */
export function runRecords(runs: readonly RunRecord[]): Record<string, string | number | boolean | null>[] {
  return runs.map((r) => {
    const out: Record<string, string | number | boolean | null> = {};
    for (const c of RUN_COLUMNS) out[c] = r[c];
    return Object.assign(out, r.extras);
  });
}

/**
 * One record per run: the run's keys from the run table (model, mode and its condition, task type, p, n,
 * success) beside its event-derived counts, for a DataFrame to group. A run without events counts 0, as
 * in the paper's notebook (left merge, then fill 0); its straggler columns are 0 rounds and NaN.
 */
export function runSummaryRecords(runs: readonly RunRow[], metrics: ReadonlyMap<string, RunEventMetrics>): Record<string, string | number | boolean>[] {
  return runs.map((r) => {
    const m = metrics.get(r.run_dir);
    const gaps = m ? m.stragglerGaps.map((g) => g.gap) : [];
    return {
      run_dir: r.run_dir,
      model_dir: r.model_dir,
      mode: r.mode,
      condition: conditionOf(r.mode) ?? r.mode,
      task_type: r.task_type,
      p_label: r.p_label,
      n_teammates: r.n_teammates,
      success: r.success,
      messages: m?.messages ?? 0,
      idle_rounds: m?.idleRounds ?? 0,
      rewrites: m?.rewrites ?? 0,
      test_failures: m?.testFailures ?? 0,
      claims_blocked: m?.claimBlockedEvents ?? 0,
      straggler_rounds: gaps.length,
      mean_straggler_gap_s: gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : Number.NaN,
    };
  });
}

/** Events per type, most frequent first (ties by name). */
export function eventTypeCounts(events: EventTable): { type: string; events: number }[] {
  const counts = new Map<string, number>();
  for (const t of events.type) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([type, n]) => ({ type, events: n })).sort((a, b) => b.events - a.events || a.type.localeCompare(b.type));
}

/** Row numbers of one run's events, in file order (for `eventsToDataFrame(events, rows)`). @throws ToolkitError when the run has none. */
export function eventRowsOfRun(events: EventTable, runDir: string): number[] {
  const rows: number[] = [];
  for (let i = 0; i < events.length; i++) if (events.run_dir[i] === runDir) rows.push(i);
  if (rows.length === 0) throw error("eventRowsOfRun", `no events for run_dir ${JSON.stringify(runDir)}`);
  return rows;
}
