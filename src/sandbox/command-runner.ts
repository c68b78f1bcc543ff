import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { join } from "node:path";
import { error } from "../core/errors.js";
import type { Suite, TestOutcome } from "../tasks/types.js";
import { resolveSandboxLimits, type SandboxLimits } from "./limits.js";
import { SandboxError, materialiseWorkspace } from "./materialise.js";
import { findExecutable, spawnLimited } from "./spawn-limited.js";
import { networkPrefixFor, tempRoot, type SandboxTestRunner } from "./node-sandbox-runner.js";
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
 * with `pytest -q`): the workspace is written to a fresh folder, the command runs there without a
 * shell, under a wall-clock limit (SIGKILL of its process group), an RSS cap (Linux) and output caps,
 * with no network where `unshare -n` works, and with a scrubbed environment (PATH, HOME and TMPDIR =
 * the folder, LANG, TZ, `LLM_TEAMS_TASKS` = the task ids asked for; never API keys or proxies).
 *
 * The return code is the command's exit code (pytest: 0 passed, 1 failed, 2 interrupted, 5 none
 * collected); a command killed for a limit gives 1 with the reason; a command that cannot be
 * started gives 3. Counts come from a pytest-style summary line when there is one, else the command
 * counts as one test. The command runs the whole suite's tests whichever tasks are asked for (as in
 * the paper's runtime); it can read `LLM_TEAMS_TASKS` to narrow them.
 *
 * It is NOT a filesystem sandbox: the command (and the agent's code it runs) can read whatever the
 * user running the sweep can read. See src/sandbox/README.md.
 */
export function createCommandRunner(options: CommandRunnerOptions = {}): SandboxTestRunner {
  const fn = "createCommandRunner";
  const l = resolveSandboxLimits(fn, options);
  for (const k of Object.keys(options.env ?? {})) {
    if (SECRET_ENV.test(k)) throw error(fn, `env.${k} looks like a credential or proxy setting; test commands never get those`);
  }
  const prefix = networkPrefixFor(fn, l);
  const root = tempRoot(l.tempParent, "llm-teams-command-");
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
    const program = argv[0]!.includes("/") ? argv[0]! : findExecutable(argv[0]!);
    if (program === null) return runnerError(`command not found: ${argv[0]!} (the test command is ${JSON.stringify(suite.testCommand)})`);
    let job: string;
    let ws: string;
    try {
      job = realpathSync(mkdtempSync(join(root.get(), "job-")));
      ws = materialiseWorkspace(files, job, "ws-");
    } catch (e) {
      return e instanceof SandboxError ? { returncode: 2, passed: 0, failed: 0, failures: [`(load): ${e.message}`] } : runnerError(`cannot prepare the job folder: ${(e as Error).message}`);
    }
    try {
      const env: Record<string, string> = {
        PATH: process.env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
        HOME: ws,
        TMPDIR: ws,
        LANG: "C.UTF-8",
        TZ: "UTC",
        PYTHONDONTWRITEBYTECODE: "1",
        LLM_TEAMS_TASKS: ids.join(","),
        ...options.env,
      };
      const full = prefix === null ? [program, ...argv.slice(1)] : [...prefix, program, ...argv.slice(1)];
      const r = await spawnLimited({
        command: full[0]!,
        args: full.slice(1),
        cwd: ws,
        env,
        timeLimitMs: l.timeLimitMs,
        rssLimitBytes: l.rssMb * 1024 * 1024,
        maxOutputBytes: l.maxOutputBytes,
        killOutputBytes: l.killOutputBytes,
      });
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
    } finally {
      rmSync(job, { recursive: true, force: true });
    }
  };

  return {
    async run(files, suite, taskIds) {
      if (suite.testCommand === undefined) throw error(fn, `suite "${suite.id}" has no testCommand; its JS tests run with createSandboxRunner`);
      const known = new Set(suite.tasks.map((t) => t.id));
      const ids = taskIds ?? suite.tasks.map((t) => t.id);
      for (const id of ids) if (!known.has(id)) throw error(fn, `unknown task id "${id}" for suite "${suite.id}"`);
      return queue(() => runOnce(files, suite, ids));
    },
    describe: () => ({
      kind: "command",
      limits: { timeLimitMs: l.timeLimitMs, heapMb: l.heapMb, rssMb: l.rssMb, testTimeoutMs: l.testTimeoutMs, maxOutputBytes: l.maxOutputBytes, killOutputBytes: l.killOutputBytes },
      network: prefix === null ? "none" : "namespace",
    }),
    dispose: () => root.dispose(),
  };
}
