/** `npm run data:paper [-- --dir DIR] [-- --shared DIR] [-- --no-download]` (see `--help`): put the paper's published data into data/paper/. */
import { runCommand } from "../src/cli/flags.js";
import { DATA_PAPER_COMMAND } from "../src/cli/commands.js";
import { ensurePaperData } from "../src/report/paper-data.js";

process.exitCode = await runCommand(DATA_PAPER_COMMAND, process.argv.slice(2), async (values) => {
  await ensurePaperData({
    dir: values.dir,
    sharedDir: values.shared,
    download: !values["no-download"],
    log: (line) => console.error(`data:paper: ${line}`),
  });
});
