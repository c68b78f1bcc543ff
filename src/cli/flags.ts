import { ToolkitError } from "../core/errors.js";

/**
 * Command lines from one declarative table per command: the table gives each flag's name, value
 * type, default, allowed values and help text, and the usage text, the parser and its checks are all
 * generated from it. Every command answers `-h` / `--help` with its usage; anything else it does not
 * know is refused with a one-line `UsageError` (exit code 2 in `runCommand`).
 */

/** A flag with a value: `--name VALUE` or `--name=VALUE`. */
export interface ValueFlag {
  /** The flag without its dashes: `out` for `--out`. */
  name: string;
  type: "string";
  /** What the value looks like in the usage text: `DIR`, `LIST`, `K`. */
  metavar: string;
  help: string;
  /** Filled in when the flag is absent, and shown as `[default: ...]`. */
  default?: string;
  /** Shown as `[default: ...]` but not filled in (a caller resolves it later). */
  shownDefault?: string;
  /** The values allowed; any other is refused, naming these. */
  choices?: readonly string[];
  /** The usage section the flag is listed under (a title); flags without one come first. */
  section?: string;
}

/** A switch: `--name` (true when given, false when not). */
export interface SwitchFlag {
  name: string;
  type: "boolean";
  help: string;
  section?: string;
}

/**
 * A flag that is always refused with `reason` (it takes a value, which is never echoed). Not listed in
 * the usage: it exists to say why it is missing (e.g. an API key on the command line).
 */
export interface RefusedFlag {
  name: string;
  type: "refused";
  reason: string;
}

export type FlagSpec = ValueFlag | SwitchFlag | RefusedFlag;

/** A command: its name (which prefixes every message), usage line, description, flags and notes. */
export interface CommandSpec<F extends readonly FlagSpec[] = readonly FlagSpec[]> {
  /** `sweep`: messages read `sweep: unknown option --x; ...`. */
  name: string;
  /** The synopsis after `Usage: `, e.g. `npm run sweep -- --out DIR [options]`. */
  usage: string;
  /** What the command does, printed under the usage line. */
  about: string;
  flags: F;
  /** Text printed after the options. */
  notes?: string;
}

type ValueOf<F extends FlagSpec> = F extends SwitchFlag ? boolean : F extends { default: string } ? string : string | undefined;

/** The parsed values of a table: switches are booleans, flags with a default strings, others string | undefined. */
export type FlagValues<F extends readonly FlagSpec[]> = {
  [K in Exclude<F[number], RefusedFlag> as K["name"]]: ValueOf<K>;
};

export type ParsedCommandLine<F extends readonly FlagSpec[]> = { help: true } | { help: false; values: FlagValues<F> };

/** Bad usage: a one-line message that names the command, the flag and what would be valid. */
export class UsageError extends ToolkitError {
  override name = "UsageError";
}

const HELP_FLAG: SwitchFlag = { name: "help", type: "boolean", help: "show this help and exit" };

/** The options a command accepts, as `--a, --b, ..., --help`. */
export function validOptions(spec: CommandSpec): string {
  return [...spec.flags.filter((f) => f.type !== "refused"), HELP_FLAG].map((f) => `--${f.name}`).join(", ");
}

/** Levenshtein distance, for "did you mean" (flag names are short, so the O(mn) table is nothing). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The closest known flag within two edits (or one that starts with what was typed), if any. */
function suggestion(name: string, spec: CommandSpec): string | null {
  let best: { name: string; d: number } | null = null;
  for (const f of [...spec.flags, HELP_FLAG]) {
    if (f.type === "refused") continue;
    const d = f.name.startsWith(name) && name.length >= 2 ? 1 : editDistance(name, f.name);
    if (d <= 2 && (best === null || d < best.d)) best = { name: f.name, d };
  }
  return best?.name ?? null;
}

/**
 * Parse `argv` (the arguments after the script) against the command's table. `-h` / `--help`
 * anywhere wins over every other problem. Values are `--name VALUE` or `--name=VALUE`; a value may
 * start with one dash (`--seed -1`), not two. A flag given twice, a positional argument, a switch
 * with a value and a value outside `choices` are refused.
 *
 * @throws UsageError with one line: `<command>: <problem>; ...what is valid... (see --help)`.
 * @example parseCommandLine({ name: "x", usage: "x", about: "", flags: [{ name: "out", type: "string", metavar: "DIR", help: "" }] as const }, ["--out", "a"])
 */
export function parseCommandLine<const F extends readonly FlagSpec[]>(spec: CommandSpec<F>, argv: readonly string[]): ParsedCommandLine<F> {
  const byName = new Map<string, FlagSpec>(spec.flags.map((f) => [f.name, f]));
  const values: Record<string, string | boolean | undefined> = {};
  let problem: string | null = null;
  const fail = (message: string): void => {
    problem ??= message;
  };
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "-h" || token === "--help") {
      help = true;
      continue;
    }
    if (token === "--") {
      if (i + 1 < argv.length) fail(`unexpected argument ${JSON.stringify(argv[i + 1])}; options take the form --name value; valid options: ${validOptions(spec)}`);
      break;
    }
    if (!token.startsWith("--")) {
      const what = token.startsWith("-") && token.length > 1 ? `unknown option ${token}` : `unexpected argument ${JSON.stringify(token)}; options take the form --name value`;
      fail(`${what}; valid options: ${validOptions(spec)}`);
      continue;
    }
    const eq = token.indexOf("=");
    const name = token.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : token.slice(eq + 1);
    const flag = byName.get(name);
    if (flag === undefined) {
      const near = suggestion(name, spec);
      fail(`unknown option --${name}${near === null ? "" : ` (did you mean --${near}?)`}; valid options: ${validOptions(spec)}`);
      continue;
    }
    if (flag.type === "refused") {
      if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) i++; // its value is never echoed
      fail(`--${name} is refused: ${flag.reason}`);
      continue;
    }
    if (name in values) {
      fail(`--${name} is given more than once; give it once`);
      if (flag.type === "string" && inline === undefined && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) i++;
      continue;
    }
    if (flag.type === "boolean") {
      if (inline !== undefined) fail(`--${name} is a switch and takes no value (got --${name}=${inline})`);
      values[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith("--")) {
        value = next;
        i++;
      }
    }
    if (value === undefined) {
      fail(`--${name} needs a value: --${name} ${flag.metavar}`);
      continue;
    }
    if (flag.choices !== undefined && !flag.choices.includes(value)) {
      fail(`invalid --${name} ${JSON.stringify(value)}; valid: ${flag.choices.join(", ")}`);
      continue;
    }
    values[name] = value;
  }
  if (help) return { help: true };
  if (problem !== null) throw new UsageError(`${spec.name}: ${problem} (see --help)`);
  for (const f of spec.flags) {
    if (f.type === "boolean") values[f.name] ??= false;
    else if (f.type === "string" && f.default !== undefined) values[f.name] ??= f.default;
  }
  return { help: false, values: values as FlagValues<F> };
}

/** `  --name METAVAR   help (a, b) [default: x]`, in two columns. */
function flagLine(f: ValueFlag | SwitchFlag): string {
  const left = f.type === "string" ? `--${f.name} ${f.metavar}` : `--${f.name}`;
  let text = f.help;
  if (f.type === "string") {
    if (f.choices !== undefined && !text.includes(f.choices.join(", "))) text += `: ${f.choices.join(", ")}`;
    const shown = f.default ?? f.shownDefault;
    if (shown !== undefined) text += ` [default: ${shown}]`;
  }
  // Text wrapped at word boundaries to the usage width; a flag too long for the first column gets its
  // text on the next line.
  const indent = " ".repeat(24);
  const lines = wrap(text, USAGE_WIDTH - indent.length);
  const first = left.length < 22 ? [`  ${left.padEnd(22)}${lines[0] ?? ""}`] : [`  ${left}`, `${indent}${lines[0] ?? ""}`];
  return [...first, ...lines.slice(1).map((l) => `${indent}${l}`)].map((l) => l.trimEnd()).join("\n");
}

/** Usage lines are wrapped to this many characters. */
const USAGE_WIDTH = 100;

/**
 * Words of `text` in lines of at most `width` characters; a `[...]` or `(...)` group is kept whole,
 * and a word longer than the width gets a line of its own.
 */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.match(/\[[^\]]*\]\S*|\([^)]*\)\S*|\S+/g) ?? []) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** The usage text of a command: synopsis, description, options by section, notes. */
export function formatHelp(spec: CommandSpec): string {
  const parts = [`Usage: ${spec.usage}`, "", spec.about.trimEnd(), "", "Options:"];
  let section: string | undefined;
  for (const f of spec.flags) {
    if (f.type === "refused") continue;
    if (f.section !== section) {
      section = f.section;
      parts.push("", `${section ?? ""}`);
    }
    parts.push(flagLine(f));
  }
  if (section !== undefined) parts.push("");
  parts.push(`  ${"-h, --help".padEnd(22)}${HELP_FLAG.help}`);
  if (spec.notes !== undefined) parts.push("", spec.notes.trimEnd());
  return `${parts.join("\n")}\n`;
}

/** Where a command writes: `process.stdout` / `process.stderr` fit. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** The first line of an error's message (the rest, if any, and the stack are for debugging, not users). */
function messageOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split("\n")[0] ?? "";
}

/**
 * Run a command: parse `argv`; on `--help` print the usage to stdout and return 0 without calling
 * `body`; on bad usage print the one-line reason to stderr and return 2; otherwise return what `body`
 * returns (0 when nothing). An error thrown by `body` is printed as one line, `<command>: <message>`,
 * never a stack trace, and gives 2 for a `UsageError`, else 1.
 */
export async function runCommand<const F extends readonly FlagSpec[]>(
  spec: CommandSpec<F>,
  argv: readonly string[],
  body: (values: FlagValues<F>) => Promise<number | void> | number | void,
  io: CommandIo = process,
): Promise<number> {
  let parsed: ParsedCommandLine<F>;
  try {
    parsed = parseCommandLine(spec, argv);
  } catch (e) {
    io.stderr.write(`${messageOf(e)}\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(formatHelp(spec));
    return 0;
  }
  try {
    return (await body(parsed.values)) ?? 0;
  } catch (e) {
    const message = messageOf(e);
    io.stderr.write(`${message.startsWith(`${spec.name}: `) ? message : `${spec.name}: ${message}`}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}
