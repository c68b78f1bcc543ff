/**
 * Times the text handling that used to be quadratic (issue 10, item 5): token counting of long runs
 * of one character and of large texts, the action parser on a 400,000-character reply, suite
 * validation of 60,000 tasks, and the import scan of a 1.4 MB module. Prints CPU milliseconds (user +
 * system, so a busy shared machine distorts less than wall time) and the result of each case.
 * Run: npx tsx bench/text.bench.ts   (or npm run bench:text)
 */
import { readFileSync } from "node:fs";
import { countTextTokens, loadTokenizer } from "../src/llm/tokens.js";
import { parseActions } from "../src/agent/parse-actions.js";
import { validateSuite } from "../src/tasks/validate-suite.js";
import { importSpecifiers } from "../src/tasks/workspace-paths.js";
import type { Suite, TaskSpec } from "../src/tasks/types.js";

await loadTokenizer();

function cpu<T>(label: string, f: () => T, show: (r: T) => string): void {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = f();
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000;
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms cpu ${(performance.now() - t0).toFixed(0).padStart(7)} ms wall   ${show(r)}`);
}

const prose = readFileSync(new URL("../src/llm/README.md", import.meta.url), "utf8");
const big = prose.repeat(Math.ceil(10_000_000 / prose.length));
const tokens = (n: number): string => `${n} tokens`;

console.log("token counting (o200k_base, chunked)");
cpu('  400,000 x "a" (an endless reply)', () => countTextTokens("a".repeat(400_000)), tokens);
cpu('  200 KB agent file of "x"', () => countTextTokens("x".repeat(200_000)), tokens);
cpu("  400,000 CJK characters", () => countTextTokens("日本語漢字中文".repeat(57_143)), tokens);
cpu("  400,000 spaces", () => countTextTokens(" ".repeat(400_000)), tokens);
cpu(`  ${(big.length / 1e6).toFixed(1)} MB of prose (this folder's README, repeated)`, () => countTextTokens(big), tokens);

console.log("action parser");
cpu('  400,000 x "a"', () => parseActions("a".repeat(400_000)), (r) => `${r.actions.length} actions`);
cpu('  unclosed `<write path="a.js">` x 40,000 (760 KB)', () => parseActions('<write path="a.js">'.repeat(40_000)), (r) => `${r.actions.length} actions, ${r.diagnostics.length} refused`);
cpu('  unterminated `<claim task="` x 60,000 (780 KB)', () => parseActions('<claim task="'.repeat(60_000)), (r) => `${r.actions.length} actions, ${r.diagnostics.length} refused`);
cpu('  unclosed `<broadcast>` x 60,000', () => parseActions("<broadcast>".repeat(60_000)), (r) => `${r.actions.length} actions, ${r.diagnostics.length} refused`);
cpu("  one write holding 1,000,000 `<`", () => parseActions(`<write path="a.js">${"<".repeat(1_000_000)}</write>`), (r) => `${r.actions.length} actions, ${r.diagnostics.length} refused`);

console.log("suite validation");
const chain = (n: number, grand: boolean): Suite => ({
  id: "bench",
  domain: "bench",
  p_label: "p05",
  title: "t",
  description: "d",
  tasks: Array.from(
    { length: n },
    (_, i): TaskSpec => ({
      id: `task-${i}`,
      title: `t${i}`,
      description: "d",
      dependencies: i === 0 ? [] : [`task-${i - 1}`],
      files: [`f${i}.js`],
      tests: `import "./f${i}.js";\n${grand && i >= 2 ? `import "./f${i - 2}.js";\n` : ""}export const tests = {};\n`,
    }),
  ),
});
cpu("  60,000-task chain, tests import their own file", () => validateSuite(chain(60_000, false)), (r) => `${r.length} issues`);
cpu("  60,000-task chain, tests import the grandparent's file", () => validateSuite(chain(60_000, true)), (r) => `${r.length} issues`);
const huge = chain(1, false);
huge.tasks[0]!.description = "x".repeat(10_000_000);
cpu("  one task with a 10 MB description", () => validateSuite(huge), (r) => r.map((i) => i.code).join(", "));

console.log("import scan");
cpu('  "import " x 200,000 (1.4 MB)', () => importSpecifiers("import ".repeat(200_000)), (r) => `${r.length} specifiers`);
