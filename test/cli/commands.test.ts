import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { formatHelp, validOptions, type CommandSpec } from "../../src/cli/flags.js";
import { DATA_PAPER_COMMAND, MAIN_COMMAND, REPRODUCE_COMMAND } from "../../src/cli/commands.js";
import { SWEEP_COMMAND } from "../../src/cli/sweep-flags.js";

/**
 * Every command, spawned as `npm` runs it (node with the tsx loader): `--help` prints the usage made
 * from its flag table and does nothing else; an unknown flag gives one line on stderr and exit code
 * 2, never a stack trace. The children run in an empty folder, which must stay empty: the main job
 * would otherwise write data/sim/ and figures/ there. (Bad values and the rest of the parser are
 * tested in-process, in flags.test.ts: each spawn costs a second or more.)
 */

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), "commands-"));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(script: string, args: readonly string[]): Promise<Result> {
  return new Promise((done) => {
    execFile(process.execPath, ["--import", TSX, join(ROOT, "scripts", script), ...args], { cwd, timeout: 60_000 }, (err, stdout, stderr) => {
      done({ code: err === null ? 0 : typeof err.code === "number" ? err.code : null, stdout, stderr });
    });
  });
}

const COMMANDS: readonly (readonly [string, CommandSpec])[] = [
  ["main.ts", MAIN_COMMAND],
  ["reproduce.ts", REPRODUCE_COMMAND],
  ["data-paper.ts", DATA_PAPER_COMMAND],
  ["sweep.ts", SWEEP_COMMAND],
];

describe.each(COMMANDS)("%s (spawned)", (script, spec) => {
  it("answers --help with the usage from its flag table, exit 0, doing nothing else; refuses an unknown flag in one line, exit 2", { timeout: 60_000 }, async () => {
    const [help, bogus] = await Promise.all([run(script, ["--help"]), run(script, ["--bogus"])]);
    expect({ code: help.code, stderr: help.stderr }).toEqual({ code: 0, stderr: "" });
    expect(help.stdout).toBe(formatHelp(spec));
    expect(help.stdout).toMatch(/^Usage: npm (start|run \S+)/);
    expect(bogus).toEqual({ code: 2, stdout: "", stderr: `${spec.name}: unknown option --bogus; valid options: ${validOptions(spec)} (see --help)\n` });
    expect(readdirSync(cwd)).toEqual([]);
  });
});
