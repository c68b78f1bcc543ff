import { SWEEP_FIELDS, type SweepField, type SweepOptionsInput } from "../experiment/options.js";
import { formatHelp, parseCommandLine, type CommandSpec, type FlagSpec } from "./flags.js";

/**
 * The sweep's command line, generated from `SWEEP_FIELDS` (src/experiment/sweep-fields.ts): one flag
 * per sweep option, its usage line made of the field's help, range, choices and default. The values
 * stay strings here; `resolveSweepOptions` reads and checks them through the same fields, so code
 * and command line share one set of rules.
 */

const SECTION_TITLES: Record<SweepField["section"], string | undefined> = {
  grid: undefined,
  openai: "Real models (--backend openai; the key and URL from OPENAI_API_KEY / OPENAI_BASE_URL):",
  replay: "Replay (--backend replay): play a recorded openai sweep back, offline:",
};

/** A field's usage text: help, choices, range, (required), (also replay), [default]. */
function fieldHelp(f: SweepField): string {
  let text = f.help;
  if (f.choices !== undefined) text += `: ${f.choices.join(", ")}`;
  if (f.min !== undefined && f.max !== undefined) text += ` (${f.min} to ${f.max})`;
  if (f.required) text += " (required)";
  if (f.section === "openai" && f.backends?.includes("replay")) text += " (also replay)";
  return text;
}

function flagOf(f: SweepField): FlagSpec {
  const section = SECTION_TITLES[f.section];
  if (f.kind === "switch") return { name: f.flag, type: "boolean", help: fieldHelp(f), ...(section ? { section } : {}) };
  const shown = f.default ?? f.absent;
  return {
    name: f.flag,
    type: "string",
    metavar: f.metavar ?? "VALUE",
    help: fieldHelp(f),
    ...(shown !== undefined ? { shownDefault: String(shown) } : {}),
    ...(section ? { section } : {}),
  };
}

const FIELD_OF_FLAG = new Map<string, keyof SweepOptionsInput>(
  (Object.entries(SWEEP_FIELDS) as [keyof SweepOptionsInput, SweepField][]).map(([key, f]) => [f.flag, key]),
);

/** `npm run sweep`: its flags, usage and notes. */
export const SWEEP_COMMAND: CommandSpec = {
  name: "sweep",
  usage: "npm run sweep -- --out DIR [options]",
  about: `Run a grid of team runs and write DIR/config.json, DIR/runs.csv (the paper's run-table columns,
then ours) and DIR/events/<run-id>.jsonl. Lists are comma-separated.`,
  flags: [
    ...(Object.values(SWEEP_FIELDS) as SweepField[]).map(flagOf),
    {
      name: "api-key",
      type: "refused",
      reason:
        "a key on the command line ends up in shell history and process lists; set OPENAI_API_KEY in the environment or in a .env file (--env-file PATH)",
    },
  ],
  notes: `The simulated backend is a model of LLM teams, not a measurement of them: its runs are labelled
simulated in config.json, runs.csv and every run_start event.
Rows of runs.csv are in completion order; sort them when analysing.

With --backend openai every run is recorded to DIR/cassettes/<run-id>.jsonl and agent code is
tested in the OS sandbox (bubblewrap; src/sandbox/README.md); where it cannot start, the sweep
refuses, saying why and how to fix it, unless --unsafe-no-sandbox is given. A run that fails (after
retries) is recorded with end_reason error and rerun by --resume; a 401, 403 or 404 stops the sweep
(fix the key, model or URL, then --resume).`,
};

export const SWEEP_USAGE = formatHelp(SWEEP_COMMAND);

export type ParsedSweepArgs = { help: true } | { help: false; input: SweepOptionsInput };

/**
 * Parse the sweep's command line into raw options (read and checked later by `resolveSweepOptions`).
 * @throws UsageError for unknown options, missing values, repeated options or positional arguments.
 */
export function parseSweepArgs(argv: readonly string[]): ParsedSweepArgs {
  const parsed = parseCommandLine(SWEEP_COMMAND, argv);
  if (parsed.help) return { help: true };
  const input: Record<string, string | boolean> = {};
  for (const [flag, value] of Object.entries(parsed.values)) {
    // Switches are false when absent; leave them out, as every other option not given.
    if (value !== undefined && value !== false) input[FIELD_OF_FLAG.get(flag)!] = value;
  }
  return { help: false, input: input as SweepOptionsInput };
}
