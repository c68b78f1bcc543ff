/** `npm run data:paper [-- --dir DIR] [-- --no-download]`: put the paper's published data into data/paper/. */
import { parseArgs } from "node:util";
import { ensurePaperData, DEFAULT_PAPER_DIR } from "../src/report/paper-data.js";

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: DEFAULT_PAPER_DIR },
    shared: { type: "string", default: "../shared/paper-data" },
    "no-download": { type: "boolean", default: false },
  },
  strict: true,
});
try {
  await ensurePaperData({
    dir: values.dir,
    sharedDir: values.shared,
    download: !values["no-download"],
    log: (line) => console.error(`data:paper: ${line}`),
  });
} catch (e) {
  console.error(`data:paper: ${(e as Error).message}`);
  process.exit(1);
}
