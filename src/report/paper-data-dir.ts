import { join, resolve } from "node:path";
import { projectRoot } from "../core/project-root.js";

/**
 * Where a notebook reads the paper's data: `PAPER_DATA_DIR` when set (the test suite points it at an
 * empty folder to check that the notebook runs without the data), else data/paper in the project root.
 */
export function notebookPaperDir(env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd()): string {
  const fromEnv = env["PAPER_DATA_DIR"];
  return fromEnv !== undefined && fromEnv !== "" ? resolve(cwd, fromEnv) : join(projectRoot(cwd), "data", "paper");
}
