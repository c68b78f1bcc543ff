/**
 * Benchmark: the cost of testing one task of agent-written code, with and without the OS sandbox.
 *
 *   npx tsx bench/sandbox.bench.ts [--repeats 15]
 *
 * Each row runs one task's tests (mathutils_p09 task-3, the reference solution: 4 tests) `repeats`
 * times, one at a time, and prints the median and the quartiles in ms:
 *
 * - `in-process`: the trusted runner the simulated sweeps use (memoised: only the first run executes);
 * - `no OS sandbox`: the JS runner without bubblewrap (the unsafe opt-out: a Node child under the
 *   permission model, the preload and, where it works, `unshare -n`), i.e. the runner before issue 10;
 * - `bwrap`: the JS runner as it runs agent code now (bubblewrap, prlimit, the hardened harness);
 * - `command, no OS sandbox` and `command, bwrap`: the same for a test command (`node -e 0`).
 *
 * Also bare process starts, to separate bubblewrap's own cost from Node's: `true` and `node -e 0`,
 * each alone and inside bubblewrap. The machine is shared: read medians, and compare rows of one run.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { bwrapArgs, probeSandbox, SANDBOX_PATH } from "../src/sandbox/bwrap.js";
import { createCommandRunner } from "../src/sandbox/command-runner.js";
import { createSandboxRunner } from "../src/sandbox/node-sandbox-runner.js";
import { getSuite } from "../src/tasks/builtin/index.js";
import { createInProcessRunner } from "../src/tasks/runner.js";
import type { Suite } from "../src/tasks/types.js";

const { values } = parseArgs({ options: { repeats: { type: "string", default: "15" } }, strict: true });
const repeats = Number(values.repeats);
if (!Number.isInteger(repeats) || repeats < 3) throw new Error(`sandbox.bench: --repeats must be an integer of at least 3; got ${values.repeats}`);

const probe = probeSandbox();
if (!probe.ok) throw new Error(`sandbox.bench: the OS sandbox does not start here: ${probe.cause}. Fix: ${probe.fix}`);

const quantile = (sorted: number[], q: number): number => {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (i - lo);
};

async function time(label: string, once: () => Promise<unknown> | unknown): Promise<number> {
  await once(); // warm-up (module caches, the sandbox probe)
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await once();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const median = quantile(ms, 0.5);
  console.log(`${label.padEnd(38)} median ${median.toFixed(0).padStart(5)} ms   (q1 ${quantile(ms, 0.25).toFixed(0)}, q3 ${quantile(ms, 0.75).toFixed(0)})`);
  return median;
}

const suite = getSuite("mathutils_p09");
const task = suite.tasks.find((t) => t.id === "task-3")!;
const files = new Map(Object.entries(task.solution!));
const command: Suite = { ...suite, testCommand: "node -e 0" };
const unsafe = { unsafeNoSandbox: true, bwrapPath: "/nonexistent/bwrap" } as const;

console.log(`sandbox.bench: ${repeats} runs per row, one at a time; Node ${process.version}, ${probe.host.drop ? `root, sandbox as uid ${probe.host.drop.uid}` : "unprivileged"}`);

const inProcess = createInProcessRunner();
const plainJs = createSandboxRunner({ ...unsafe, parallel: 1 });
const boxedJs = createSandboxRunner({ parallel: 1 });
const plainCmd = createCommandRunner({ ...unsafe, parallel: 1 });
const boxedCmd = createCommandRunner({ parallel: 1 });
try {
  const { args } = bwrapArgs({
    bwrap: probe.host.bwrap,
    prlimit: probe.host.prlimit,
    files: [],
    harness: [],
    readOnlyPaths: probe.host.nodeMount,
    env: { PATH: SANDBOX_PATH },
    rlimits: { cpuSeconds: 10, dataBytes: 512 << 20, fileBytes: 64 << 20, processes: 128, openFiles: 512 },
    diskBytes: 16 << 20,
    argv: [probe.host.node, "-e", "0"],
  });
  const drop = probe.host.drop ? { uid: probe.host.drop.uid, gid: probe.host.drop.gid } : {};
  const trueArgs = [...args.slice(0, args.indexOf("--") + 1), "/usr/bin/true"];
  const bare = await time("process: true", () => spawnSync("/usr/bin/true", [], { stdio: "ignore", env: {} }));
  const boxed = await time("process: bwrap + true", () => spawnSync(probe.host.bwrap, trueArgs, { stdio: ["ignore", "ignore", "ignore", "ignore", "pipe"], env: {}, ...drop }));
  await time("process: node -e 0", () => spawnSync(process.execPath, ["-e", "0"], { stdio: "ignore", env: {} }));
  await time("process: bwrap + prlimit + node -e 0", () => spawnSync(probe.host.bwrap, args, { stdio: ["ignore", "ignore", "ignore", "ignore", "pipe"], env: {}, ...drop }));
  await time("task: in-process (trusted)", () => inProcess.run(files, suite, ["task-3"]));
  const before = await time("task: JS runner, no OS sandbox", () => plainJs.run(files, suite, ["task-3"]));
  const after = await time("task: JS runner, bwrap", () => boxedJs.run(files, suite, ["task-3"]));
  const cmdBefore = await time("task: command, no OS sandbox", () => plainCmd.run(new Map(), command));
  const cmdAfter = await time("task: command, bwrap", () => boxedCmd.run(new Map(), command));
  console.log(
    `overhead of the OS sandbox per task: JS ${(after - before).toFixed(0)} ms (${((after / before - 1) * 100).toFixed(0)}%), ` +
      `command ${(cmdAfter - cmdBefore).toFixed(0)} ms; bubblewrap itself ${(boxed - bare).toFixed(0)} ms per process`,
  );
} finally {
  for (const r of [inProcess, plainJs, boxedJs, plainCmd, boxedCmd]) r.dispose();
}
