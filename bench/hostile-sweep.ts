/**
 * Issue 10's "Done when" measurement: a sweep of 30 real-backend runs (`--backend openai`, the sweep
 * CLI in its own process) against a hostile OpenAI-compatible endpoint on 127.0.0.1 whose agent
 * replies carry the attacks, with a long random-looking OPENAI_API_KEY.
 *
 *   npm run bench:hostile [-- --keep]
 *
 * Grid: three suites (two JS suites and one tested by the command `node check.cjs`) x teams of 1 to 5
 * x preassign and decentralized = 30 runs of at most 3 rounds, 3 at a time. Every agent reply writes
 * attack code (process.report writes outside, /proc/<ppid>/environ, /proc/<pid>/environ of every
 * process and /etc/passwd read and printed into the next prompt, host unix sockets by path and in the
 * abstract namespace, TCP to the host's loopback, setsid daemons with and without their descriptors,
 * forged verdicts through Object.prototype.toJSON, Promise.race, the global Promise and JSON) and runs
 * its tests; some requests instead get a 2.5 MB reply with a 250,000-character file, a body that never
 * ends, a gzip bomb (512 MiB unpacked) or absurd usage (2^53, negative).
 *
 * What is checked and how: test/security/hostile-sweep-harness.ts. The scaled-down version (6 runs,
 * with a control run without the OS sandbox) is test/security/hostile-sweep.test.ts. Exits 1 when a
 * check fails.
 */
import { parseArgs } from "node:util";
import { probeSandbox } from "../src/sandbox/bwrap.js";
import type { ClientAttack } from "../test/security/hostile-agent.js";
import { runHostileSweep } from "../test/security/hostile-sweep-harness.js";

const { values } = parseArgs({ options: { keep: { type: "boolean", default: false } }, strict: true });
const probe = probeSandbox();
if (!probe.ok) {
  process.stderr.write(`bench:hostile needs the OS sandbox (bubblewrap), which cannot start here: ${probe.cause}. Fix: ${probe.fix}\n`);
  process.exit(1);
}

// Client attacks by request number, spread over the sweep (the rest get agent code). A body that never
// ends and a gzip bomb fail their request and end the run (recorded with the reason), so they are rarer.
const clientAttack = (n: number): ClientAttack | null =>
  n % 41 === 9 ? "endless-body" : n % 43 === 30 ? "gzip-bomb" : n % 13 === 5 ? "huge-reply" : n % 7 === 3 ? "absurd-usage" : null;

const MB = 1024 * 1024;
const r = await runHostileSweep({
  grid: ["--n", "1-5", "--mode", "preassign,decentralized", "--reps", "1", "--max-rounds", "3", "--concurrency", "3"],
  clientAttack,
  timeoutMs: 20 * 60_000,
  keep: values.keep,
});

const endReasons = new Map<string, number>();
for (const row of r.rows) endReasons.set(row["end_reason"]!, (endReasons.get(row["end_reason"]!) ?? 0) + 1);
const cutOff = [...r.events.values()].filter((ev) => {
  const end = ev.at(-1)!;
  return end.type === "run_end" && (end.detail ?? "").includes("(maxResponseBytes)");
}).length;
const jsCompleted = [...r.events.entries()].filter(([id]) => !id.includes("_hostile_p05_")).flatMap(([, ev]) => ev.filter((e) => e.type === "complete_task")).length;
const sent = (k: "js" | "command"): string => Object.entries(r.log.sent[k]).map(([a, c]) => `${a} ${c}`).join(", ");

const checks: [string, string, boolean][] = [
  ["sweep exit code", String(r.exitCode), r.exitCode === 0],
  ["runs recorded (runs.csv rows)", `${r.rows.length} of 30`, r.rows.length === 30],
  ["files written outside the output folder by agent code", String(r.violations.length), r.violations.length === 0],
  ["victim script outside changed", String(r.victimChanged), !r.victimChanged],
  ["files holding the key (out, sweep folders, /tmp, /var/tmp, /dev/shm)", String(r.keyFiles.length), r.keyFiles.length === 0],
  ["request bodies (prompts) holding the key", `${r.keyPrompts} of ${r.requests}`, r.keyPrompts === 0],
  ["sweep process peak memory (getrusage)", `${((r.sweepPeakBytes ?? 0) / MB).toFixed(0)} MB`, r.sweepPeakBytes !== null && r.sweepPeakBytes < 500 * MB],
  ["daemons alive after the sweep", String(r.daemonsLeft.length), r.daemonsLeft.length === 0],
  ["connections to the host's unix sockets", String(r.socketConnections), r.socketConnections === 0],
  ["requests to the endpoint other than chat completions", String(r.otherPaths.length), r.otherPaths.length === 0],
  ["JS tasks completed (forged verdicts)", String(jsCompleted), jsCompleted === 0],
];

const lines = [
  `hostile sweep: ${r.rows.length} runs, ${r.requests} requests, ${r.seconds.toFixed(0)} s (${r.root})`,
  "",
  "| check | value | ok |",
  "| --- | --- | --- |",
  ...checks.map(([what, value, ok]) => `| ${what} | ${value} | ${ok ? "yes" : "NO"} |`),
  "",
  `memory: sweep process peak ${((r.sweepPeakBytes ?? 0) / MB).toFixed(0)} MB (getrusage), ${(r.sweepPolledPeakBytes / MB).toFixed(0)} MB polled; sweep and all its sandboxes ${(r.treePeakBytes / MB).toFixed(0)} MB (polled every 100 ms)`,
  `end reasons: ${[...endReasons].map(([k, v]) => `${k} ${v}`).join(", ")}; runs cut off at the response size limit: ${cutOff}; replies with usage refused (usage_estimated): ${r.rows.reduce((s, row) => s + Number(row["usage_estimated"]), 0)}`,
  `code attacks sent: JS runner: ${sent("js")}; command runner: ${sent("command")}`,
  `client attacks sent: ${Object.entries(r.log.client).map(([a, c]) => `${a} ${c}`).join(", ")}`,
  `attack reports that came back in prompts (the attacks ran): ${Object.entries(r.reportsInPrompts)
    .filter(([a]) => a !== "forge")
    .map(([a, c]) => `${a} ${c}`)
    .join(", ")} (forge reports nothing: its module loads, and its wrong function fails its test)`,
  `new files on / since the start (find -xdev -newer, without /proc, /sys, /dev, /run and the output folder): ${r.newFiles}; ` +
    `none by agent code; the rest by other processes of this shared machine, by folder: ${[...r.noise].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([d, c]) => `${d} ${c}`).join(", ")}`,
  ...r.violations.slice(0, 20).map((v) => `  violation: ${v.path} (${v.why})`),
  ...r.keyFiles.slice(0, 20).map((f) => `  key in: ${f}`),
];
process.stdout.write(lines.join("\n") + "\n");
if (checks.some(([, , ok]) => !ok)) {
  process.stderr.write(`bench:hostile: a check failed; the sweep's stderr ended with:\n${r.stderr.slice(-3000)}\n`);
  process.exit(1);
}
