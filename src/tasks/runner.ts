import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createOwnedTempDir } from "../core/owned-temp.js";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { error } from "../core/errors.js";
import { listIds } from "./graph.js";
import type { Suite, TaskSpec, TestOutcome } from "./types.js";
import { importSpecifiers, normaliseWorkspacePath, resolveRelative } from "./workspace-paths.js";
import { combineTaskResults, type TaskResult } from "./test-outcome.js";

/**
 * Runs a suite's tests against the contents of a workspace. The in-process runner below is for trusted
 * code (reference and faulty solutions); a sandboxed child-process runner for code written by real LLMs
 * implements the same interface.
 */
export interface TestRunner {
  /**
   * Run the tests of `taskIds` (default: every task of the suite) against `files`, a map from
   * workspace-relative path (`mean.js`) to file content.
   *
   * Return codes follow pytest: 0 all passed, 1 some test failed, 2 a test module could not be loaded
   * (a file it imports, directly or transitively, is missing or does not load), 3 the runner itself failed,
   * 5 no tests collected. Precedence 3 > 2 > 1 > 5 > 0; counts still include the tasks that ran.
   */
  run(files: ReadonlyMap<string, string>, suite: Suite, taskIds?: readonly string[]): Promise<TestOutcome>;
}

export interface InProcessRunnerOptions {
  /**
   * Time limit per test in milliseconds. It stops waiting for an async test; a synchronous test that never
   * returns cannot be interrupted in-process (acceptable for trusted code only).
   * @default 5000
   */
  testTimeoutMs?: number;
  /** Directory in which the runner makes its temporary directory. @default os.tmpdir() */
  tempParent?: string;
}

/** Counters of an in-process runner, for benchmarks and tests of the memoisation. */
export interface RunnerStats {
  /** Task test modules really imported and executed (one per distinct content). */
  executed: number;
  /** Task runs answered from the memo. */
  memoHits: number;
  /** Task runs refused before execution because a file was missing. */
  missing: number;
}

export interface InProcessTestRunner extends TestRunner {
  stats(): RunnerStats;
  /** Remove the temporary directory now (it is also removed when the process exits). */
  dispose(): void;
}

/** The result of one task's test module, memoised by content. */

const TEST_MODULE = "__task_tests__.mjs";

/**
 * An in-process runner for trusted code. Each task's test module and the workspace files it imports
 * (transitively) are written to a directory named by the SHA-256 of (task id, test source, those files'
 * paths and contents) and imported from there through a file URL; the result is memoised under the same
 * hash, so each distinct content is executed once per process however often it is asked for. The
 * temporary directory is removed on `dispose()` or at process exit.
 */
export function createInProcessRunner(options: InProcessRunnerOptions = {}): InProcessTestRunner {
  const timeoutMs = options.testTimeoutMs ?? 5000;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw error("createInProcessRunner", `testTimeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  const parent = options.tempParent ?? tmpdir();
  let root: string | null = null;
  const memo = new Map<string, Promise<TaskResult>>();
  const stats: RunnerStats = { executed: 0, memoHits: 0, missing: 0 };
  const cleanup = (): void => {
    if (root !== null) rmSync(root, { recursive: true, force: true });
    root = null;
  };

  const tempRoot = (): string => {
    if (root === null) {
      // Named after this process, so a sweep started after a kill -9 removes it (removeStaleTempDirs).
      root = createOwnedTempDir(parent, "llm-teams-tests-");
      process.once("exit", cleanup);
    }
    return root;
  };

  const runTask = (files: ReadonlyMap<string, string>, task: TaskSpec, tests: string): Promise<TaskResult> => {
    const closure = importClosure(files, tests);
    if (typeof closure === "string") {
      stats.missing++;
      return Promise.resolve({ passed: 0, failed: 0, failures: [], loadError: closure });
    }
    const hash = createHash("sha256").update(`v1\0${task.id}\0${tests}`);
    for (const [path, content] of closure) hash.update(`\0${path}\0${content.length}\0${content}`);
    const key = hash.digest("hex");
    const known = memo.get(key);
    if (known !== undefined) {
      stats.memoHits++;
      return known;
    }
    let dir: string;
    try {
      dir = join(tempRoot(), key.slice(0, 32));
    } catch (e) {
      return Promise.resolve({ passed: 0, failed: 0, failures: [], runnerError: `cannot create a temporary directory in ${parent}: ${oneLine(e)}` });
    }
    stats.executed++;
    const result = execute(dir, closure, task.id, tests, timeoutMs);
    memo.set(key, result);
    void result.then((r) => {
      if (r.runnerError !== undefined) memo.delete(key);
    });
    return result;
  };

  return {
    async run(files, suite, taskIds) {
      const workspace = normaliseFiles(files);
      const tasks = selectTasks(suite, taskIds);
      const results = await Promise.all(
        tasks.map(([task, tests]) => runTask(workspace, task, tests)),
      );
      return combineTaskResults(tasks.map(([t]) => t.id), results);
    },
    stats: () => ({ ...stats }),
    dispose() {
      process.removeListener("exit", cleanup);
      cleanup();
      memo.clear();
    },
  };
}

let shared: InProcessTestRunner | null = null;

/**
 * Run `suite`'s tests for `taskIds` (default: all tasks) against `files` with a process-wide in-process
 * runner (trusted code only; see `createInProcessRunner`).
 *
 * @throws ToolkitError for an unknown task id or a task without JS tests (suites with `testCommand`).
 * @example await runSuiteTests(new Map([["clamp.js", src]]), getSuite("mathutils_p09"), ["task-3"])
 */
export function runSuiteTests(
  files: ReadonlyMap<string, string>,
  suite: Suite,
  taskIds?: readonly string[],
): Promise<TestOutcome> {
  shared ??= createInProcessRunner();
  return shared.run(files, suite, taskIds);
}

/** Counters of the process-wide runner used by `runSuiteTests`. */
export function sharedRunnerStats(): RunnerStats {
  return shared === null ? { executed: 0, memoHits: 0, missing: 0 } : shared.stats();
}

function selectTasks(suite: Suite, taskIds: readonly string[] | undefined): [TaskSpec, string][] {
  const byId = new Map(suite.tasks.map((t) => [t.id, t]));
  const ids = taskIds ?? suite.tasks.map((t) => t.id);
  return ids.map((id) => {
    const task = byId.get(id);
    if (task === undefined) {
      throw error("runSuiteTests", `unknown task id "${id}" for suite "${suite.id}"; valid ids: ${listIds(suite.tasks)}`);
    }
    if (task.tests === undefined) {
      const how = suite.testCommand === undefined ? "" : ` (the suite is tested by the command "${suite.testCommand}"; use a command runner)`;
      throw error("runSuiteTests", `task "${id}" of suite "${suite.id}" has no JS tests${how}`);
    }
    return [task, task.tests];
  });
}

function normaliseFiles(files: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, content] of files) {
    const norm = normaliseWorkspacePath(path);
    if (norm === null) throw error("runSuiteTests", `workspace path "${path}" is not a relative path inside the workspace`);
    out.set(norm, content);
  }
  return out;
}

const specifierMemo = new Map<string, string[]>();

function cachedSpecifiers(source: string): string[] {
  let found = specifierMemo.get(source);
  if (found === undefined) {
    if (specifierMemo.size > 50_000) specifierMemo.clear();
    found = importSpecifiers(source);
    specifierMemo.set(source, found);
  }
  return found;
}

/**
 * The workspace files a test module reaches through relative imports, sorted by path, or a message
 * naming the first missing file and who imports it.
 */
function importClosure(files: ReadonlyMap<string, string>, tests: string): [string, string][] | string {
  const found = new Map<string, string>();
  const queue: [string, string][] = [[TEST_MODULE, tests]];
  while (queue.length > 0) {
    const [from, source] = queue.shift() as [string, string];
    for (const spec of cachedSpecifiers(source)) {
      const target = resolveRelative(from, spec);
      if (target === null || (typeof target === "string" && found.has(target))) continue;
      const who = from === TEST_MODULE ? "the test module" : from;
      if (typeof target !== "string") return `"${spec}" imported by ${who} is outside the workspace`;
      const content = files.get(target);
      if (content === undefined) return `missing file ${target} (imported by ${who})`;
      found.set(target, content);
      queue.push([target, content]);
    }
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function execute(
  dir: string,
  closure: readonly [string, string][],
  taskId: string,
  tests: string,
  timeoutMs: number,
): Promise<TaskResult> {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
    for (const [path, content] of closure) {
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    writeFileSync(join(dir, TEST_MODULE), tests);
  } catch (e) {
    return { passed: 0, failed: 0, failures: [], runnerError: `cannot write the workspace to ${dir}: ${oneLine(e)}` };
  }
  let module: Record<string, unknown>;
  try {
    module = (await loadModule(join(dir, TEST_MODULE))) as Record<string, unknown>;
  } catch (e) {
    return { passed: 0, failed: 0, failures: [], loadError: `cannot load the test module: ${oneLine(e)}` };
  }
  const table = module["tests"];
  if (typeof table !== "object" || table === null) {
    return { passed: 0, failed: 0, failures: [], loadError: "the test module does not export an object `tests`" };
  }
  const result: TaskResult = { passed: 0, failed: 0, failures: [] };
  for (const [name, fn] of Object.entries(table)) {
    const problem = typeof fn === "function" ? await runOne(fn as () => unknown, timeoutMs) : "is not a function";
    if (problem === null) result.passed++;
    else {
      result.failed++;
      result.failures.push(`${taskId} > ${name}: ${problem}`);
    }
  }
  return result;
}

/** Run one test; null when it passed, else a one-line reason. */
async function runOne(fn: () => unknown, timeoutMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`timed out after ${timeoutMs} ms`), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(fn)
        .then(() => null),
      timeout,
    ]);
  } catch (e) {
    return oneLine(e);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Load an ES module from an absolute path with Node's own loader, out of reach of tools that rewrite or
 * intercept import expressions: vitest's module runner would transform every materialised workspace file
 * (slow), and TypeScript compiled to CommonJS (tslab) turns `import(url)` into `require(url)`, which cannot
 * load a file URL. First choice: `import()` compiled by `new Function`, which uses Node's default ESM loader
 * in the main context. Inside vm-evaluated code (vitest, tslab) that import has no loader callback
 * (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING); there we fall back to `require()` of the ES module
 * (Node >= 20.19), which handles every module without top-level await.
 */
async function loadModule(path: string): Promise<unknown> {
  if (importMode === "import") {
    try {
      return await nativeImport(pathToFileURL(path).href);
    } catch (e) {
      if ((e as { code?: unknown }).code !== "ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING") throw e;
      importMode = "require";
    }
  }
  return createRequire(path)(path);
}

let importMode: "import" | "require" = "import";
const nativeImport = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;

function oneLine(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

