import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { error } from "../core/errors.js";
import type { TestRunner } from "../tasks/runner.js";
import type { Suite, TaskSpec } from "../tasks/types.js";
import { HARNESS_SOURCE, NO_NETWORK_PRELOAD } from "./child-sources.js";
import { resolveSandboxLimits, type SandboxLimits } from "./limits.js";
import { SandboxError, materialiseWorkspace, permissionPath } from "./materialise.js";
import { networkNamespacePrefix, spawnLimited, type LimitedSpawnResult } from "./spawn-limited.js";
import { combineTaskResults, createJobQueue, tail, type TaskResult } from "./task-result.js";

/** How a runner confines test processes, for config.json and logs. */
export interface SandboxDescription {
  kind: "node-sandbox" | "command";
  limits: Omit<SandboxLimits, "tempParent" | "parallel" | "network">;
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

/** The network prefix for these limits, or null; throws when a namespace is required but unavailable. */
export function networkPrefixFor(fn: string, limits: SandboxLimits): readonly string[] | null {
  if (limits.network === "preload") return null;
  const prefix = networkNamespacePrefix();
  if (prefix === null && limits.network === "namespace") {
    throw error(fn, 'network: "namespace" needs `unshare -n` (util-linux, root or user namespaces), which does not work here; use "auto" to rely on the preload alone');
  }
  return prefix;
}

/** The per-runner temporary root, made on first use and removed at exit. */
export function tempRoot(parent: string, prefix: string): { get(): string; dispose(): void } {
  let root: string | null = null;
  const cleanup = (): void => {
    if (root !== null) rmSync(root, { recursive: true, force: true });
    root = null;
  };
  return {
    get(): string {
      if (root === null) {
        root = permissionPath(realpathSync(mkdtempSync(join(parent, prefix))));
        process.once("exit", cleanup);
      }
      return root;
    },
    dispose(): void {
      process.removeListener("exit", cleanup);
      cleanup();
    },
  };
}

function mb(bytes: number | null): string {
  return bytes === null ? "?" : `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** Turn a finished test process into a task result. */
function interpret(task: string, r: LimitedSpawnResult, nonce: string, l: SandboxLimits): TaskResult {
  if (r.spawnError !== null) return { passed: 0, failed: 0, failures: [], runnerError: `cannot start the test process: ${r.spawnError}` };
  const line = r.result.split("\n").find((x) => x.startsWith(nonce));
  if (line !== undefined) {
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
  if (r.code === 97 && /sandbox preload/.test(r.stderr)) return { passed: 0, failed: 0, failures: [], runnerError: tail(r.stderr) };
  const how = r.signal !== null ? `signal ${r.signal}` : `exit code ${String(r.code)}`;
  return fail(`the test process ended (${how}) before reporting its results${r.stderr.trim() ? `: ${tail(r.stderr)}` : ""}`);
}

/**
 * A `TestRunner` for untrusted code (written by real LLMs): each task's tests run in their own
 * child process, in a fresh copy of the workspace, confined by:
 *
 * - Node's permission model: `--experimental-permission` with read access to the job folder only
 *   (the workspace copy and the harness) and write access to the workspace copy only; no
 *   `--allow-child-process`, `--allow-worker`, `--allow-addons` or `--allow-wasi`;
 * - no network: a new network namespace (`unshare -n`) where available, and always a preload that
 *   replaces Node's network APIs and `process.kill` with functions that throw (see `child-sources.ts`);
 * - limits: `timeLimitMs` wall clock (SIGKILL of the process group), `--max-old-space-size=heapMb`,
 *   an RSS cap (`rssMb`, Linux), `testTimeoutMs` per async test, output caps;
 * - an environment with nothing of the parent's (no API key, no proxy settings).
 *
 * A test that breaks a rule fails with a message saying so (`sandbox: access denied (FileSystemRead
 * /etc/passwd)`, `network access is disabled in the test sandbox (net.connect)`, `killed after the
 * 10 s wall-clock limit`, ...); a process that could not be started is a runner error (code 3). It
 * never throws for anything the agent's code does. See src/sandbox/README.md for the limits of this.
 *
 * @example const runner = createSandboxRunner({ timeLimitMs: 5000 }); await runner.run(files, suite, ["task-3"]);
 */
export function createSandboxRunner(options: Partial<SandboxLimits> & { nodePath?: string } = {}): SandboxTestRunner {
  const fn = "createSandboxRunner";
  const l = resolveSandboxLimits(fn, options);
  const prefix = networkPrefixFor(fn, l);
  const node = options.nodePath ?? process.execPath;
  const root = tempRoot(l.tempParent, "llm-teams-sandbox-");
  const queue = createJobQueue(l.parallel);

  const runTask = async (files: ReadonlyMap<string, string>, task: TaskSpec, tests: string): Promise<TaskResult> => {
    let job: string;
    let ws: string;
    try {
      job = permissionPath(realpathSync(mkdtempSync(join(root.get(), "job-"))));
      const harness = join(job, "harness");
      mkdirSync(harness);
      writeFileSync(join(harness, "harness.mjs"), HARNESS_SOURCE);
      writeFileSync(join(harness, "no-network.cjs"), NO_NETWORK_PRELOAD);
      const extra: [string, string][] = [[TEST_MODULE, tests]];
      if (!files.has("package.json")) extra.push(["package.json", '{ "type": "module" }\n']);
      ws = permissionPath(materialiseWorkspace(files, job, "ws-", extra));
    } catch (e) {
      const why = e instanceof SandboxError ? e.message : `cannot prepare the job folder: ${(e as Error).message}`;
      return e instanceof SandboxError ? { passed: 0, failed: 0, failures: [], loadError: why } : { passed: 0, failed: 0, failures: [], runnerError: why };
    }
    try {
      const nonce = randomBytes(16).toString("hex");
      const nodeArgs = [
        PERMISSION_FLAG,
        `--allow-fs-read=${job}`,
        `--allow-fs-write=${ws}`,
        "--disable-warning=ExperimentalWarning",
        `--max-old-space-size=${l.heapMb}`,
        "--require",
        join(job, "harness", "no-network.cjs"),
        join(job, "harness", "harness.mjs"),
        join(ws, TEST_MODULE),
        task.id,
        String(l.testTimeoutMs),
      ];
      const [command, ...args] = prefix === null ? [node, ...nodeArgs] : [...prefix, node, ...nodeArgs];
      const r = await spawnLimited({
        command: command!,
        args,
        cwd: ws,
        env: { HOME: ws, TMPDIR: ws, LANG: "C.UTF-8", TZ: "UTC" },
        stdin: nonce + "\n",
        timeLimitMs: l.timeLimitMs,
        rssLimitBytes: l.rssMb * 1024 * 1024,
        maxOutputBytes: l.maxOutputBytes,
        killOutputBytes: l.killOutputBytes,
        resultChannel: true,
      });
      return interpret(task.id, r, nonce, l);
    } finally {
      rmSync(job, { recursive: true, force: true });
    }
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
    describe: () => ({
      kind: "node-sandbox",
      limits: { timeLimitMs: l.timeLimitMs, heapMb: l.heapMb, rssMb: l.rssMb, testTimeoutMs: l.testTimeoutMs, maxOutputBytes: l.maxOutputBytes, killOutputBytes: l.killOutputBytes },
      network: prefix === null ? "preload" : "namespace+preload",
    }),
    dispose: () => root.dispose(),
  };
}
