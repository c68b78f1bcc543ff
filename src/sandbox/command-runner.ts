import { isAbsolute } from "node:path";
import { error } from "../core/errors.js";
import type { Suite, TestOutcome } from "../tasks/types.js";
import { createIsolation } from "./isolation.js";
import { resolveSandboxLimits, type SandboxLimits } from "./limits.js";
import { describeRunner, type SandboxTestRunner } from "./node-sandbox-runner.js";
import { createJobQueue, tail } from "./task-result.js";

/**
 * Split a test command into argv without a shell: whitespace separates words; single quotes keep
 * everything literally; double quotes keep everything but `\"` and `\\`; a backslash outside quotes
 * escapes the next character. Shell operators (`| & ; < > $ \` ( )`) outside quotes are refused:
 * the command is run directly, so they would not mean what they seem to (write `sh -c '...'` to
 * want a shell).
 *
 * @throws ToolkitError naming the command and the problem.
 * @example parseCommand(`pytest -q -k "not slow"`) // ["pytest", "-q", "-k", "not slow"]
 */
export function parseCommand(command: string): string[] {
  const fn = "parseCommand";
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw error(fn, `unclosed ' in the test command ${JSON.stringify(command)}`);
      word += command.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j++) {
        if (command[j] === "\\" && (command[j + 1] === '"' || command[j + 1] === "\\")) j++;
        word += command[j];
      }
      if (j >= command.length) throw error(fn, `unclosed " in the test command ${JSON.stringify(command)}`);
      inWord = true;
      i = j;
    } else if (c === "\\") {
      if (i + 1 >= command.length) throw error(fn, `the test command ${JSON.stringify(command)} ends with a lone backslash`);
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else if ("|&;<>$`()".includes(c)) {
      throw error(fn, `the test command ${JSON.stringify(command)} has the shell operator ${JSON.stringify(c)}; commands run without a shell (use sh -c '...' if you need one)`);
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw error(fn, "the test command is empty");
  return words;
}

/** Environment variables never passed to a test command, whatever the options say. */
const SECRET_ENV = /^(OPENAI_|ANTHROPIC_|AZURE_OPENAI|GEMINI_|GOOGLE_API|AWS_SECRET|.*_API_KEY$|.*_TOKEN$|.*PROXY$)/i;

export interface CommandRunnerOptions extends Partial<SandboxLimits> {
  /** Extra environment variables for the command (names matching API keys, tokens and proxies are refused). @default {} */
  env?: Readonly<Record<string, string>>;
  /**
   * Host folders mounted read-only, at the same place, in the OS sandbox, for a test program that
   * lives outside /usr (a virtualenv: `["/opt/venv"]`). Never give a folder holding secrets or the
   * project itself. @default []
   */
  readOnlyPaths?: readonly string[];
}

/** pytest-style counts from a command's output, if it printed a summary (`3 passed, 1 failed in 0.2s`). */
export function summaryCounts(output: string): { passed: number; failed: number } | null {
  const count = (word: string): number | null => {
    const matches = [...output.matchAll(new RegExp(`(\\d+) ${word}\\b`, "g"))];
    const last = matches[matches.length - 1];
    return last ? Number(last[1]) : null;
  };
  const passed = count("passed");
  const failed = count("failed");
  const errors = count("errors?");
  if (passed === null && failed === null && errors === null) return null;
  return { passed: passed ?? 0, failed: (failed ?? 0) + (errors ?? 0) };
}

/**
 * A `TestRunner` for suites tested by a command (`Suite.testCommand`, e.g. the paper's task lists
 * with `pytest -q`): the workspace is copied into the OS sandbox (see `createIsolation`: only the
 * system folders and `readOnlyPaths` visible, read-only; the workspace a private tmpfs; no network;
 * own PID namespace, so every process the command starts dies with it; resource limits), and the
 * command runs there without a shell, under a wall-clock limit enforced from outside, with an
 * environment of PATH, HOME (the workspace), TMPDIR, LANG, TZ, PYTHONDONTWRITEBYTECODE and
 * `LLM_TEAMS_TASKS` (the task ids asked for); never API keys or proxies.
 *
 * The return code is the command's exit code (pytest: 0 passed, 1 failed, 2 interrupted, 5 none
 * collected); a command killed for a limit or by a signal gives 1 with the reason; a command that
 * cannot be started gives 3. Counts come from a pytest-style summary line when there is one, else the
 * command counts as one test. The command runs the whole suite's tests whichever tasks are asked for
 * (as in the paper's runtime); it can read `LLM_TEAMS_TASKS` to narrow them. The agent's code runs in
 * the test process, so its verdict is only as good as the test command's own isolation from it (a
 * `conftest.py` can change pytest's); see README.md.
 *
 * Where the OS sandbox cannot start, creating the runner throws `SandboxUnavailableError` unless
 * `unsafeNoSandbox` is set (then the command runs with this user's rights; see README.md).
 */
export function createCommandRunner(options: CommandRunnerOptions = {}): SandboxTestRunner {
  const fn = "createCommandRunner";
  const { env: extraEnv, readOnlyPaths = [], ...limitOptions } = options;
  const l = resolveSandboxLimits(fn, limitOptions);
  for (const k of Object.keys(extraEnv ?? {})) {
    if (SECRET_ENV.test(k)) throw error(fn, `env.${k} looks like a credential or proxy setting; test commands never get those`);
  }
  for (const p of readOnlyPaths) {
    if (typeof p !== "string" || !isAbsolute(p) || p === "/") throw error(fn, `readOnlyPaths must hold absolute folders other than /; got ${JSON.stringify(p)}`);
  }
  const iso = createIsolation(fn, l, "llm-teams-command-");
  const queue = createJobQueue(l.parallel);
  const parsed = new Map<string, string[]>();
  const argvOf = (command: string): string[] => {
    let argv = parsed.get(command);
    if (!argv) parsed.set(command, (argv = parseCommand(command)));
    return argv;
  };

  const runOnce = async (files: ReadonlyMap<string, string>, suite: Suite, ids: readonly string[]): Promise<TestOutcome> => {
    const argv = argvOf(suite.testCommand!);
    const runnerError = (why: string): TestOutcome => ({ returncode: 3, passed: 0, failed: 0, failures: [`(runner): ${why}`] });
    const program = iso.program(argv[0]!, readOnlyPaths);
    if ("error" in program) return runnerError(`${program.error} (the test command is ${JSON.stringify(suite.testCommand)})`);
    const outcome = await iso.run({
      files,
      extra: [],
      harness: [],
      argv: () => [program.path, ...argv.slice(1)],
      env: { PYTHONDONTWRITEBYTECODE: "1", LLM_TEAMS_TASKS: ids.join(","), ...extraEnv },
      readOnlyPaths,
    });
    if (outcome.kind === "refused") return { returncode: 2, passed: 0, failed: 0, failures: [`(load): ${outcome.message}`] };
    if (outcome.kind === "failed") return runnerError(outcome.message);
    const r = outcome.result;
    if (r.spawnError !== null) return runnerError(`cannot start ${JSON.stringify(suite.testCommand)}: ${r.spawnError}`);
    const output = `${r.stdout}\n${r.stderr}`;
    const listed = output.split("\n").filter((x) => /^(FAILED|ERROR) /.test(x)).slice(0, 20).map((x) => `(command) ${x.trim()}`);
    if (r.killed !== null) {
      const why =
        r.killed === "time"
          ? `killed after the ${l.timeLimitMs / 1000} s wall-clock limit`
          : r.killed === "memory"
            ? `killed: resident memory over the limit of ${l.rssMb} MB`
            : `killed: more than ${l.killOutputBytes} bytes of output`;
      return { returncode: 1, passed: 0, failed: 1, failures: [`(command) ${why}`, ...listed] };
    }
    const returncode = r.code ?? 1;
    const counts = summaryCounts(output) ?? (returncode === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
    const failures = returncode === 0 ? [] : listed.length > 0 ? listed : [`(command) ${r.signal !== null ? `signal ${r.signal}` : `exit code ${returncode}`}${tail(output) === "" ? "" : `: ${tail(output)}`}`];
    return { returncode, passed: counts.passed, failed: counts.failed, failures };
  };

  return {
    async run(files, suite, taskIds) {
      if (suite.testCommand === undefined) throw error(fn, `suite "${suite.id}" has no testCommand; its JS tests run with createSandboxRunner`);
      const known = new Set(suite.tasks.map((t) => t.id));
      const ids = taskIds ?? suite.tasks.map((t) => t.id);
      for (const id of ids) if (!known.has(id)) throw error(fn, `unknown task id "${id}" for suite "${suite.id}"`);
      return queue(() => runOnce(files, suite, ids));
    },
    describe: () => describeRunner("command", l, iso, iso.network),
    dispose: () => iso.dispose(),
  };
}
