import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseCommandLine, type CommandSpec } from "../../src/cli/flags.js";
import { DATA_PAPER_COMMAND, MAIN_COMMAND, REPRODUCE_COMMAND } from "../../src/cli/commands.js";
import { parseSweepArgs } from "../../src/cli/sweep-flags.js";
import { replayDefaults } from "../../src/cli/sweep-cli.js";
import { catalogOf } from "../../src/experiment/catalog.js";
import { resolveSweepOptions } from "../../src/experiment/options.js";
import { syntheticSuite } from "../../src/tasks/synthetic-suite.js";

/**
 * Every `npm ...` command line in the fenced code blocks of the READMEs parses, and every sweep among
 * them resolves to valid sweep options (files they name are stood in for: a recorded sweep's
 * config.json for replay, a synthetic suite for a paper-format task list).
 */

const ROOT = resolve(import.meta.dirname, "../..");
const DOCS = ["README.md", "src/llm/README.md", "src/team/README.md", "src/notebook/README.md", "src/analysis/README.md"];
const tmp = mkdtempSync(join(tmpdir(), "readme-commands-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Shell words of one command line: double and single quotes, no expansions (the READMEs use none). */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** `npm ...` commands in fenced code blocks: continuation lines joined, `&&` chains split, env assignments and comments dropped. */
function npmCommands(markdown: string): string[][] {
  const commands: string[][] = [];
  for (const block of markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)) {
    if (!["", "bash", "sh", "shell"].includes(block[1]!)) continue;
    const joined = block[2]!.replace(/\\\n\s*/g, " ");
    for (const line of joined.split("\n")) {
      for (const part of line.replace(/#.*$/, "").split("&&")) {
        const w = words(part);
        while (w.length > 0 && /^[A-Z_]+=/.test(w[0]!)) w.shift();
        if (w[0] === "npm") commands.push(w);
      }
    }
  }
  return commands;
}

/** The script and its arguments: `npm run sweep -- a b` -> ["sweep", ["a", "b"]]; `npm start` -> ["start", []]. */
function scriptOf(cmd: string[]): [string, string[]] {
  const [script, rest] = cmd[1] === "start" ? ["start", cmd.slice(2)] : [cmd[2]!, cmd.slice(3)];
  return [script, rest[0] === "--" ? rest.slice(1) : rest];
}

const TABLES: Record<string, CommandSpec> = { start: MAIN_COMMAND, reproduce: REPRODUCE_COMMAND, "data:paper": DATA_PAPER_COMMAND };

const found = DOCS.flatMap((doc) => npmCommands(readFileSync(join(ROOT, doc), "utf8")).map((cmd) => [doc, cmd.join(" "), cmd] as const));

describe("README command lines", () => {
  it("finds the README's sweeps and first command", () => {
    const lines = found.map(([, line]) => line);
    expect(lines).toContain("npm start");
    expect(lines.filter((l) => l.startsWith("npm run sweep --")).length).toBeGreaterThanOrEqual(9);
  });

  it.each(found)("%s: %s", (_doc, _line, cmd) => {
    const [script, args] = scriptOf(cmd);
    if (script !== "sweep") {
      if (TABLES[script] === undefined) return; // npm run test, bench, ...: not our command lines
      expect(parseCommandLine(TABLES[script], args).help).toBe(false);
      return;
    }
    const parsed = parseSweepArgs(args);
    if (parsed.help) throw new Error("a README sweep asks for --help");
    let input = parsed.input;
    if (input.backend === "replay") {
      // The recorded sweep of the README's openai example, as `npm run sweep` would find it.
      const dir = mkdtempSync(join(tmp, "recorded-"));
      mkdirSync(join(dir, "cassettes"));
      writeFileSync(join(dir, "config.json"), JSON.stringify({ llm: { model: "gpt-4o-mini" }, options: { suites: ["mathutils_p09"], n: [1, 2, 3], reps: 1, modes: ["preassign"] }, seed: 1 }));
      input = replayDefaults({ ...input, cassette: dir }, tmp);
    }
    const catalog = input.suiteFile === undefined ? undefined : catalogOf([syntheticSuite({ n: 4, p: 0.5 })]);
    const options = resolveSweepOptions(input, catalog);
    expect(options.out).toBe(input.out);
  });
});
