import { DEFAULT_PAPER_DIR } from "../report/paper-data.js";
import type { CommandSpec } from "./flags.js";

/**
 * The flag tables of the project's commands other than the sweep (`SWEEP_COMMAND`, generated from
 * the sweep's options). Each script reads its command line with `runCommand(TABLE, argv, body)`, so
 * `--help` prints the usage made from the table and does nothing else, and an unknown flag or a bad
 * value is refused in one line with exit code 2. This module is light on purpose: scripts load their
 * heavy modules only after the command line has been read.
 */

/** `npm start`: the main job. */
export const MAIN_COMMAND = {
  name: "main",
  usage: "npm start",
  about: `The main job, with no API key and no paper data needed (about 30 s):
  1. a simulated sweep of the paper's grid (450 runs) into data/sim/paper-grid/, made afresh;
  2. the paper's figures and tables, and the scaling-law fits, on those runs into figures/sim/
     (every title labelled "simulated");
  3. a summary table of the simulated sweep: speedup against Amdahl's bound, messages, consistency
     violations and tokens per run;
  4. the paper's own figures from its published data (npm run reproduce), when data/paper/ holds it.`,
  flags: [],
} as const satisfies CommandSpec;

/** `npm run reproduce`: the paper's figures and tables, then the fits, from its published data. */
export const REPRODUCE_COMMAND = {
  name: "reproduce",
  usage: "npm run reproduce [-- options]",
  about: `The paper's figures and tables from its published data: load runs.parquet and events.parquet,
compute every metric, write the CSV tables and render PNG + interactive HTML; then fit the scaling
laws, message growth and cost frontier and write their tables and figures.`,
  flags: [
    { name: "data", type: "string", metavar: "DIR", default: DEFAULT_PAPER_DIR, help: "folder holding the paper's runs.parquet and events.parquet" },
    { name: "out", type: "string", metavar: "DIR", default: "figures/paper", help: "where the paper's figures and tables go" },
    { name: "analysis-out", type: "string", metavar: "DIR", default: "figures/analysis", help: "where the fits' tables and figures go" },
    { name: "no-render", type: "boolean", help: "write the CSV tables only (no headless Chromium)" },
  ],
  notes: "Without the data it says how to get it (npm run data:paper) and exits with code 2.",
} as const satisfies CommandSpec;

/** `npm run data:paper`: put the paper's published data into data/paper/. */
export const DATA_PAPER_COMMAND = {
  name: "data:paper",
  usage: "npm run data:paper [-- options]",
  about: `Put the paper's runs.parquet and events.parquet into DIR: copied from the shared folder when it
holds them, otherwise downloaded from the paper's repository at a fixed commit; the SHA-256 of each
file is checked either way.`,
  flags: [
    { name: "dir", type: "string", metavar: "DIR", default: DEFAULT_PAPER_DIR, help: "where the data goes" },
    { name: "shared", type: "string", metavar: "DIR", default: "../shared/paper-data", help: "a local copy to take the files from first" },
    { name: "no-download", type: "boolean", help: "never download; fail when the files are neither in DIR nor in the shared folder" },
  ],
} as const satisfies CommandSpec;
