import type { Suite } from "../../src/tasks/types.js";

/**
 * Agent code that tries to turn a failing test into a pass by tampering with what the test harness or
 * the test module relies on. Each attack is appended to a faulty `half.js` (FORGE_SUITE's only task:
 * 1 test passes, 2 fail). Checked by hand against the harness before the sandbox's hardening (the
 * child-sources.ts of commit b13297b, run the old way: permission model and preload, no frozen
 * intrinsics): the attacks marked `forgedBefore` turned at least one failing test into a pass there.
 *
 * Every attack catches its own errors, so that where it is stopped the verdict is the faulty
 * solution's own (1 passed, 2 failed), not a load error.
 */
export interface ForgeAttack {
  name: string;
  /** Whether it forged a pass against the harness before the hardening (checked by hand, see above). */
  forgedBefore: boolean;
  /** Module code appended to the faulty clamp.js. */
  code: string;
  /** Extra workspace files. */
  files?: Record<string, string>;
}

const quiet = (body: string): string => `\ntry {\n${body}\n} catch {}\n`;

/** One task; its tests compare through a helper that uses Math.abs, as the built-in domains' `close` does. */
export const FORGE_SUITE: Suite = {
  id: "forge_p05",
  domain: "forge",
  p_label: "p05",
  title: "Forging a verdict",
  description: "A task whose faulty solution fails two of three tests.",
  tasks: [
    {
      id: "task-1",
      title: "half",
      description: "",
      dependencies: [],
      files: ["half.js"],
      tests: [
        'import assert from "node:assert/strict";',
        'import { half } from "./half.js";',
        'const close = (a, b) => assert.ok(Math.abs(a - b) <= 1e-9, "expected " + b + ", got " + a);',
        "export const tests = {",
        '  "half(4) is 2": () => close(half(4), 2),',
        '  "half(3) is 1.5": () => close(half(3), 1.5),',
        '  "half refuses a string": () => assert.throws(() => half("4"), TypeError),',
        "};",
        "",
      ].join("\n"),
    },
  ],
};

/** The faulty solution every attack is appended to: 1 passed, 2 failed. */
export const FAULTY_HALF = "export function half(x) {\n  return Math.floor(x / 2);\n}\n";

export const FORGE_ATTACKS: readonly ForgeAttack[] = [
  {
    name: "Object.prototype.toJSON rewrites the harness's report",
    forgedBefore: true,
    code: quiet(`Object.prototype.toJSON = function () { return "passed" in this ? { passed: this.passed + this.failed, failed: 0, failures: [] } : this; };`),
  },
  {
    name: "Promise.race resolves every test at once as passed",
    forgedBefore: true,
    code: quiet(`Promise.race = function () { return Promise.resolve(null); };`),
  },
  {
    name: "a replaced global Promise whose race passes every test",
    forgedBefore: true,
    code: quiet(`const Real = Promise; globalThis.Promise = class extends Real { static race() { return Real.resolve(null); } };`),
  },
  {
    name: "Array.prototype[Symbol.iterator] hides the failing tests from the harness's loop",
    forgedBefore: true,
    code: quiet(
      `const it = Array.prototype[Symbol.iterator]; Array.prototype[Symbol.iterator] = function () { const a = Array.from({ length: this.length }, (_, i) => this[i]).filter((e) => !(Array.isArray(e) && e[0] !== "half(4) is 2" && typeof e[1] === "function")); return it.call(a); };`,
    ),
  },
  {
    name: "assert.throws and assert.ok made no-ops",
    forgedBefore: true,
    code: `import assertStrict from "node:assert/strict";\nimport assertLoose from "node:assert";\n${quiet(`for (const a of [assertStrict, assertLoose, assertLoose.strict]) { a.throws = () => {}; a.ok = () => {}; }`)}`,
  },
  {
    name: "a global the test's helper uses (Math) replaced",
    forgedBefore: true,
    // close() compares with Math.abs: the replaced one makes every comparison pass.
    code: quiet(`const floor = Math.floor; globalThis.Math = Object.assign(Object.create(null), { abs: () => 0, floor });`),
  },
  {
    name: "JSON.stringify and the global JSON replaced",
    forgedBefore: false,
    code: quiet(`const s = JSON.stringify; JSON.stringify = (v) => s({ ...v, passed: 3, failed: 0, failures: [] });`) +
      quiet(`const s = JSON.stringify; globalThis.JSON = { stringify: (v) => s({ ...v, passed: 3, failed: 0, failures: [] }), parse: JSON.parse };`),
  },
  {
    name: "console and process.exit replaced, a fake result printed",
    forgedBefore: false,
    code: quiet(
      `const line = JSON.stringify({ passed: 3, failed: 0, failures: [] }); console.log(line); console.error(line); console.log = () => {}; process.exit = () => {}; process.reallyExit = () => {};`,
    ),
  },
  {
    name: "the test table replaced through a cyclic import and a microtask",
    forgedBefore: true,
    code: `import * as T from "./.task-tests.mjs";\nPromise.resolve().then(() => { try { for (const k of Object.keys(T.tests)) T.tests[k] = () => {}; } catch {} });\n`,
  },
  {
    name: "the nonce read from a heap snapshot, a forged line written to fd 3",
    forgedBefore: true,
    code: `import v8 from "node:v8";\nimport fs from "node:fs";\n${quiet(
      `let text = ""; for await (const c of v8.getHeapSnapshot()) text += c;
       for (const m of new Set(text.match(/[0-9a-f]{32}/g) ?? [])) fs.writeSync(3, m + JSON.stringify({ passed: 3, failed: 0, failures: [] }) + "\\n");
       process.reallyExit(0);`,
    )}`,
  },
];
