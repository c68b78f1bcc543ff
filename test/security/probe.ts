import { readdirSync, readFileSync } from "node:fs";
import type { TestRunner } from "../../src/tasks/runner.js";
import type { Suite, TestOutcome } from "../../src/tasks/types.js";

/**
 * Helpers for attack tests on the `--test-command` path: there the agent's code runs with all of
 * Node's (or Python's) powers and only the OS sandbox stands between it and the host.
 */

/** A one-task suite tested by `command` (as a suite from the paper's task lists with `--test-command`). */
export function commandSuite(command: string): Suite {
  return {
    id: "attack_p05",
    domain: "attack",
    p_label: "p05",
    title: "Attacks",
    description: "Agent-written test code that tries to leave the sandbox.",
    testCommand: command,
    tasks: [{ id: "task-1", title: "Attack", description: "", dependencies: [], files: ["probe.cjs"] }],
  };
}

/**
 * Run `script` (CommonJS, written by "the agent" as probe.cjs) as the test command `node probe.cjs`.
 * The script fills `report` and the wrapper prints it as a pytest-style `FAILED` line, which the
 * command runner passes on whole, so the test can read what the code inside saw.
 */
export async function runProbe(runner: TestRunner, script: string): Promise<{ report: Record<string, unknown>; outcome: TestOutcome }> {
  const wrapped = `const report = {};\n(async () => {\n${script}\n})().then(() => { console.log("FAILED report " + JSON.stringify(report)); process.exit(1); }, (e) => { console.log("FAILED report " + JSON.stringify({ crashed: String(e && e.stack || e) })); process.exit(1); });\n`;
  const outcome = await runner.run(new Map([["probe.cjs", wrapped]]), commandSuite("node probe.cjs"));
  const line = outcome.failures.find((f) => f.startsWith("(command) FAILED report "));
  if (line === undefined) throw new Error(`the probe printed no report: ${JSON.stringify(outcome)}`);
  return { report: JSON.parse(line.slice("(command) FAILED report ".length)) as Record<string, unknown>, outcome };
}

/** JS source of a function `attempt(label, fn)` that records fn's result or error code in `report`. */
export const ATTEMPT = `
const attempt = async (label, fn) => {
  try { report[label] = { ok: true, value: await fn() }; }
  catch (e) { report[label] = { ok: false, code: (e && (e.code || e.name)) || String(e) }; }
};`;

/** Host processes whose command line contains `token` (Linux /proc). */
export function processesWith(token: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, "utf8").includes(token)) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Poll `check` every 50 ms until it is true or `ms` have passed; returns its last value (never a timed assertion: the caller asserts the state). */
export async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
