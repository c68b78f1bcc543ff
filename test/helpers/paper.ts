import { paperDataPresent, DEFAULT_PAPER_DIR } from "../../src/report/paper-data.js";
import { join } from "node:path";

/** Tests on the paper's published data run when `npm run data:paper` has put it in data/paper/. */
export const HAVE_PAPER_DATA = paperDataPresent(DEFAULT_PAPER_DIR);
export const PAPER_RUNS = join(DEFAULT_PAPER_DIR, "runs.parquet");
export const PAPER_EVENTS = join(DEFAULT_PAPER_DIR, "events.parquet");
if (!HAVE_PAPER_DATA) {
  console.warn("paper data not in data/paper/: tests on the published data are skipped (run `npm run data:paper`)");
}
