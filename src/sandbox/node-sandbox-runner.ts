import { randomBytes } from "node:crypto";
import { error } from "../core/errors.js";
import type { TestRunner } from "../tasks/runner.js";
import type { Suite, TaskSpec } from "../tasks/types.js";
import { HARNESS_SOURCE, NO_NETWORK_PRELOAD, SEAL_SOURCE, testModuleSeal } from "./child-sources.js";
import { createIsolation, type Isolation } from "./isolation.js";
import { resolveSandboxLimits, type SandboxLimits } from "./limits.js";
import type { LimitedSpawnResult } from "./spawn-limited.js";
import { combineTaskResults, createJobQueue, tail, type TaskResult } from "./task-result.js";

/** How a runner confines test processes, for config.json and logs. */
export interface SandboxDescription {
  kind: "node-sandbox" | "command";
  /** `bwrap`: every run in the OS sandbox; `none`: no OS sandbox (only with `unsafeNoSandbox`, where it cannot start). */
  isolation: "bwrap" | "none";
  /** Why the OS sandbox is not used (isolation `none`), else null. */
  unavailable: string | null;
  /** Whether the caller allowed running without the OS sandbox. */
  unsafeNoSandbox: boolean;
  limits: Omit<SandboxLimits, "tempParent" | "parallel" | "network" | "unsafeNoSandbox" | "bwrapPath">;
  /** What cuts network access here: `namespace+preload`, `preload`, `namespace` or `none`. */
  network: string;
}

export interface SandboxTestRunner extends TestRunner {
  describe(): SandboxDescription;
  /** Remove the runner's temporary folder now (also done at process exit). */
  dispose(): void;
}

/** Node 20's name of the permission model's switch, or the stable one where Node has it (22.13+). */
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";

/** The file name of a task's test module in the job's workspace (hidden: no agent path can take it). */
const TEST_MODULE = ".task-tests.mjs";

/** The description shared by both runners. */
export function describeRunner(kind: SandboxDescription["kind"], l: SandboxLimits, iso: Isolation, network: string): SandboxDescription {
  const { tempParent: _t, parallel: _p, network: _n, unsafeNoSandbox: _u, bwrapPath: _b, ...limits } = l;
  return { kind, isolation: iso.kind, unavailable: iso.unavailable, unsafeNoSandbox: l.unsafeNoSandbox, limits, network };
}

function mb(bytes: number | null): string {
  return bytes === null ? "?" : `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** Turn a finished test process into a task result. */
function interpret(task: string, r: LimitedSpawnResult, nonce: string, l: SandboxLimits): TaskResult {
  if (r.spawnError !== null) return { passed: 0, failed: 0, failures: [], runnerError: `cannot start the test process: ${r.spawnError}` };
  const line = r.result.split("\n").find((x) => x.startsWith(nonce));
  // The harness exits with 0 right after its line; any other ending means the line is not trusted.
  if (line !== undefined && r.killed === null && r.code === 0) {
    try {
      const data = JSON.parse(line.slice(nonce.length)) as { passed?: unknown; failed?: unknown; failures?: unknown; loadError?: unknown };
      if (typeof data.loadError === "string") return { passed: 0, failed: 0, failures: [], loadError: data.loadError };
      if (typeof data.passed === "number" && typeof data.failed === "number" && Array.isArray(data.failures)) {
        return { passed: data.passed, failed: data.failed, failures: data.failures.map(String) };
      }
    } catch {
      // fall through: an unreadable report
    }
    return { passed: 0, failed: 0, failures: [], runnerError: "the test harness wrote an unreadable report" };
  }
  const fail = (why: string): TaskResult => ({ passed: 0, failed: 1, failures: [`${task} > (sandbox): ${why}`] });
  if (r.killed === "time") return fail(`killed after the ${l.timeLimitMs / 1000} s wall-clock limit (an endless loop or a test that never ends?)`);
  if (r.killed === "memory") return fail(`killed: resident memory ${mb(r.peakRssBytes)} over the limit of ${l.rssMb} MB`);
  if (r.killed === "output") return fail(`killed: more than ${l.killOutputBytes} bytes of output`);
  if (/heap out of memory|Reached heap limit/i.test(r.stderr)) return fail(`out of memory: the JavaScript heap limit is ${l.heapMb} MB`);
  if (r.signal === "SIGXCPU") return fail(`killed: over the CPU time limit of ${l.cpuSeconds} s`);
  if (/Array buffer allocation failed|Cannot allocate memory|ENOMEM/i.test(r.stderr)) return fail(`out of memory: the memory limit is ${l.rssMb} MB`);
  if (r.code === 97 && /sandbox preload/.test(r.stderr)) return { passed: 0, failed: 0, failures: [], runnerError: tail(r.stderr) };
  const how = r.signal !== null ? `signal ${r.signal}` : `exit code ${String(r.code)}`;
  if (line !== undefined) return fail(`the test process ended (${how}) after reporting; its report is not trusted`);
  return fail(`the test process ended (${how}) before reporting its results${r.stderr.trim() ? `: ${tail(r.stderr)}` : ""}`);
}

/**
 * A `TestRunner` for untrusted code (written by real LLMs): each task's tests run in their own
 * process, in a fresh copy of the workspace, inside the OS sandbox (bubblewrap: only the system
 * folders, read-only; the workspace a private tmpfs; own PID, network and user namespaces; resource
 * limits; see `createIsolation` and README.md), and within it confined by:
 *
 * - Node's permission model: `--experimental-permission` with read access to the sandbox folder
 *   (workspace and harness) and write access to the workspace only; no child processes, workers,
 *   addons or WASI;
 * - `--frozen-intrinsics`, a harness that takes what it needs before agent code loads and a nonce on
 *   its result line (see `child-sources.ts`): the verdict cannot be forged by agent code;
 * - a preload that replaces Node's network APIs, `process.kill`, heap snapshots and `process.report`
 *   with functions that throw;
 * - limits: `timeLimitMs` wall clock (the sandbox is killed from outside), `--max-old-space-size=heapMb`,
 *   memory, CPU, file size, processes, open files, `testTimeoutMs` per async test, output caps;
 * - an environment with nothing of the parent's (no API key, no proxy settings).
 *
 * Where the OS sandbox cannot start, creating the runner throws `SandboxUnavailableError` naming the
 * cause and the fix, unless `unsafeNoSandbox` is set (then the layers above run without it).
 *
 * A test that breaks a rule fails with a message saying so (`sandbox: access denied (FileSystemRead
 * /etc/passwd)`, `network access is disabled in the test sandbox (net.connect)`, `killed after the
 * 10 s wall-clock limit`, ...); a process that could not be started is a runner error (code 3). It
 * never throws for anything the agent's code does. See src/sandbox/README.md for the limits of this.
 *
 * @example const runner = createSandboxRunner({ timeLimitMs: 5000 }); await runner.run(files, suite, ["task-3"]);
 */
export function createSandboxRunner(options: Partial<SandboxLimits> = {}): SandboxTestRunner {
  const fn = "createSandboxRunner";
  const l = resolveSandboxLimits(fn, options);
  const iso = createIsolation(fn, l, "llm-teams-sandbox-");
  const queue = createJobQueue(l.parallel);
  const network = iso.kind === "bwrap" || iso.network === "namespace" ? "namespace+preload" : "preload";

  const runTask = async (files: ReadonlyMap<string, string>, task: TaskSpec, tests: string): Promise<TaskResult> => {
    const nonce = randomBytes(16).toString("hex");
    const extra: [string, string][] = [[TEST_MODULE, tests + testModuleSeal(TEST_MODULE)]];
    if (!files.has("package.json")) extra.push(["package.json", '{ "type": "module" }\n']);
    const outcome = await iso.run({
      files,
      extra,
      harness: [
        ["harness.mjs", HARNESS_SOURCE],
        ["seal.mjs", SEAL_SOURCE],
        ["no-network.cjs", NO_NETWORK_PRELOAD],
      ],
      argv: (dirs) => [
        iso.node,
        PERMISSION_FLAG,
        `--allow-fs-read=${dirs.root}`,
        `--allow-fs-write=${dirs.workspace}`,
        "--frozen-intrinsics",
        "--disable-warning=ExperimentalWarning",
        `--max-old-space-size=${l.heapMb}`,
        "--require",
        `${dirs.harness}/no-network.cjs`,
        `${dirs.harness}/harness.mjs`,
        `${dirs.workspace}/${TEST_MODULE}`,
        task.id,
        String(l.testTimeoutMs),
      ],
      env: {},
      stdin: nonce + "\n",
      resultChannel: true,
    });
    if (outcome.kind === "refused") return { passed: 0, failed: 0, failures: [], loadError: outcome.message };
    if (outcome.kind === "failed") return { passed: 0, failed: 0, failures: [], runnerError: outcome.message };
    return interpret(task.id, outcome.result, nonce, l);
  };

  return {
    async run(files, suite: Suite, taskIds) {
      const byId = new Map(suite.tasks.map((t) => [t.id, t]));
      const ids = taskIds ?? suite.tasks.map((t) => t.id);
      const tasks = ids.map((id) => {
        const task = byId.get(id);
        if (task === undefined) throw error(fn, `unknown task id "${id}" for suite "${suite.id}"; valid ids: ${[...byId.keys()].join(", ")}`);
        if (task.tests === undefined) throw error(fn, `task "${id}" of suite "${suite.id}" has no JS tests; suites with a testCommand need createCommandRunner`);
        return [task, task.tests] as const;
      });
      const results = await Promise.all(tasks.map(([task, tests]) => queue(() => runTask(files, task, tests))));
      return combineTaskResults(ids, results);
    },
    describe: () => describeRunner("node-sandbox", l, iso, network),
    dispose: () => iso.dispose(),
  };
}
