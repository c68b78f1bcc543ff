/**
 * `npm run sweep -- --out DIR [options]` (see `--help`): run a grid of team runs. A thin shell over
 * `sweepMain` in src/cli: it reads the package version, wires Ctrl-C to a clean stop (in-flight runs
 * are abandoned, recorded runs kept; continue with --resume) and sets the exit code.
 */
import { readFileSync } from "node:fs";
import { sweepMain } from "../src/cli/index.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
const controller = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts++;
  if (interrupts > 1) process.exit(130);
  process.stderr.write("\nsweep: stopping after the runs in flight are abandoned (Ctrl-C again to quit now)\n");
  controller.abort();
});

process.exitCode = await sweepMain(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  packageVersion: pkg.version,
  signal: controller.signal,
});
