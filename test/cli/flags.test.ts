import { describe, expect, it } from "vitest";
import { formatHelp, parseCommandLine, runCommand, UsageError, validOptions, type CommandSpec } from "../../src/cli/flags.js";
import { DATA_PAPER_COMMAND, MAIN_COMMAND, REPRODUCE_COMMAND } from "../../src/cli/commands.js";
import { ToolkitError } from "../../src/core/errors.js";

const DEMO = {
  name: "demo",
  usage: "demo [options]",
  about: "A command for the tests.",
  flags: [
    { name: "out", type: "string", metavar: "DIR", default: "figures", help: "where to write" },
    { name: "color", type: "string", metavar: "NAME", choices: ["red", "green"], help: "the colour" },
    { name: "dry-run", type: "boolean", help: "write nothing", section: "More:" },
    { name: "token", type: "refused", reason: "tokens come from the environment" },
  ],
  notes: "Notes here.",
} as const satisfies CommandSpec;

function sink(): { write(s: string): boolean; text: string } {
  return {
    text: "",
    write(s: string) {
      this.text += s;
      return true;
    },
  };
}

describe("parseCommandLine", () => {
  it("fills defaults, reads --name value and --name=value, and switches", () => {
    expect(parseCommandLine(DEMO, [])).toEqual({ help: false, values: { out: "figures", "dry-run": false } });
    expect(parseCommandLine(DEMO, ["--out=a=b", "--color", "red", "--dry-run"])).toEqual({ help: false, values: { out: "a=b", color: "red", "dry-run": true } });
    // A value may start with one dash.
    expect(parseCommandLine(DEMO, ["--out", "-"])).toEqual({ help: false, values: { out: "-", "dry-run": false } });
  });

  it("answers -h and --help anywhere, before any other problem", () => {
    expect(parseCommandLine(DEMO, ["-h"])).toEqual({ help: true });
    expect(parseCommandLine(DEMO, ["--nope", "x", "--help"])).toEqual({ help: true });
  });

  it.each([
    [["--nope"], "demo: unknown option --nope; valid options: --out, --color, --dry-run, --help (see --help)"],
    [["--colour", "red"], "demo: unknown option --colour (did you mean --color?); valid options:"],
    [["--dry"], "demo: unknown option --dry (did you mean --dry-run?)"],
    [["--color", "blue"], 'demo: invalid --color "blue"; valid: red, green (see --help)'],
    [["--out"], "demo: --out needs a value: --out DIR (see --help)"],
    [["--out", "--dry-run"], "demo: --out needs a value: --out DIR"],
    [["--out", "a", "--out", "b"], "demo: --out is given more than once; give it once"],
    [["--dry-run=1"], "demo: --dry-run is a switch and takes no value (got --dry-run=1)"],
    [["file.txt"], 'demo: unexpected argument "file.txt"; options take the form --name value; valid options: --out,'],
    [["--", "file.txt"], 'demo: unexpected argument "file.txt"'],
    [["-x"], "demo: unknown option -x; valid options:"],
    [["--token", "abc123"], "demo: --token is refused: tokens come from the environment (see --help)"],
  ])("refuses %j in one line", (argv, message) => {
    let thrown: unknown = null;
    try {
      parseCommandLine(DEMO, argv);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect(thrown).toBeInstanceOf(ToolkitError);
    const text = (thrown as Error).message;
    expect(text.startsWith(message)).toBe(true);
    expect(text).not.toContain("\n");
    expect(text).not.toContain("abc123");
  });

  it("reports the first problem of several", () => {
    expect(() => parseCommandLine(DEMO, ["--color", "blue", "--nope"])).toThrow('demo: invalid --color "blue"');
  });
});

describe("formatHelp", () => {
  it("makes the usage from the table: metavars, choices, defaults, sections, no refused flag", () => {
    expect(formatHelp(DEMO)).toBe(
      [
        "Usage: demo [options]",
        "",
        "A command for the tests.",
        "",
        "Options:",
        "  --out DIR             where to write [default: figures]",
        "  --color NAME          the colour: red, green",
        "",
        "More:",
        "  --dry-run             write nothing",
        "",
        "  -h, --help            show this help and exit",
        "",
        "Notes here.",
        "",
      ].join("\n"),
    );
    expect(validOptions(DEMO)).toBe("--out, --color, --dry-run, --help");
  });
});

describe("runCommand", () => {
  it("prints the help without running the body (exit 0), and bad usage in one line (exit 2)", async () => {
    let ran = 0;
    const body = (): number => ++ran;
    const help = { stdout: sink(), stderr: sink() };
    expect(await runCommand(DEMO, ["--help"], body, help)).toBe(0);
    expect(help.stdout.text).toBe(formatHelp(DEMO));
    const bad = { stdout: sink(), stderr: sink() };
    expect(await runCommand(DEMO, ["--color", "blue"], body, bad)).toBe(2);
    expect(bad.stderr.text).toBe('demo: invalid --color "blue"; valid: red, green (see --help)\n');
    expect(bad.stdout.text).toBe("");
    expect(ran).toBe(0);
  });

  it("passes typed values to the body and returns its exit code (0 when it returns nothing)", async () => {
    const io = { stdout: sink(), stderr: sink() };
    let seen: unknown = null;
    expect(await runCommand(DEMO, ["--dry-run"], (v) => void (seen = v), io)).toBe(0);
    expect(seen).toEqual({ out: "figures", "dry-run": true });
    expect(await runCommand(DEMO, [], () => 7, io)).toBe(7);
  });

  it("prints an error thrown by the body as one line without a stack: exit 1, or 2 for a UsageError", async () => {
    const io = { stdout: sink(), stderr: sink() };
    const cause = new Error("disk full\n    at write (fs.js:1:1)");
    expect(await runCommand(DEMO, [], () => Promise.reject(cause), io)).toBe(1);
    expect(await runCommand(DEMO, [], () => Promise.reject(new UsageError("demo: --out must be a folder")), io)).toBe(2);
    expect(io.stderr.text).toBe("demo: disk full\ndemo: --out must be a folder\n");
  });
});

describe("the commands' tables", () => {
  it.each([
    [MAIN_COMMAND, ["extra"], 'main: unexpected argument "extra"; options take the form --name value; valid options: --help (see --help)'],
    [REPRODUCE_COMMAND, ["--no-render=yes"], "reproduce: --no-render is a switch and takes no value (got --no-render=yes) (see --help)"],
    [REPRODUCE_COMMAND, ["--ouT", "x"], "reproduce: unknown option --ouT (did you mean --out?); valid options: --data, --out, --analysis-out, --no-render, --help (see --help)"],
    [DATA_PAPER_COMMAND, ["--dir"], "data:paper: --dir needs a value: --dir DIR (see --help)"],
  ] as const)("%#: refuse bad usage with exit 2 before doing anything", async (spec, argv, line) => {
    const io = { stdout: sink(), stderr: sink() };
    expect(await runCommand(spec as CommandSpec, argv, () => 99, io)).toBe(2);
    expect(io.stderr.text).toBe(`${line}\n`);
  });

  it("give reproduce and data:paper their documented defaults", () => {
    expect(parseCommandLine(REPRODUCE_COMMAND, [])).toEqual({
      help: false,
      values: { data: "data/paper", out: "figures/paper", "analysis-out": "figures/analysis", "no-render": false },
    });
    expect(parseCommandLine(DATA_PAPER_COMMAND, ["--no-download"])).toEqual({
      help: false,
      values: { dir: "data/paper", shared: "../shared/paper-data", "no-download": true },
    });
  });
});
