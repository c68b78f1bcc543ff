import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createInProcessRunner, runSuiteTests, type Suite, type TaskSpec } from "../../src/tasks/index.js";

const ASSERT = 'import assert from "node:assert/strict";\n';

function task(id: string, file: string, deps: string[], tests: string): TaskSpec {
  return { id, title: id, description: "", dependencies: deps, files: [file], tests };
}

// inc.js exports inc; double.js imports inc and exports double(x) = 2 * inc(x).
const SUITE: Suite = {
  id: "runner-test",
  domain: "runner",
  p_label: "p05",
  title: "runner test",
  description: "",
  tasks: [
    task("t1", "inc.js", [], `${ASSERT}import { inc } from "./inc.js";\nexport const tests = {\n  "inc(1) is 2": () => assert.equal(inc(1), 2),\n  "inc(-1) is 0": async () => assert.equal(inc(-1), 0),\n};\n`),
    task("t2", "double.js", ["t1"], `${ASSERT}import { double } from "./double.js";\nexport const tests = { "double(1) is 4": () => assert.equal(double(1), 4) };\n`),
    task("t3", "empty.js", [], `import "./empty.js";\nexport const tests = {};\n`),
  ],
};

const INC = "export function inc(x) { return x + 1; }\n";
const DOUBLE = 'import { inc } from "./inc.js";\nexport function double(x) { return 2 * inc(x); }\n';
const files = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

const runners: { dispose(): void }[] = [];
function runner(options = {}) {
  const r = createInProcessRunner(options);
  runners.push(r);
  return r;
}
afterAll(() => runners.forEach((r) => r.dispose()));

describe("runSuiteTests return codes", () => {
  it("0 when every test passes", async () => {
    const out = await runSuiteTests(files({ "inc.js": INC, "double.js": DOUBLE }), SUITE, ["t1", "t2"]);
    expect(out).toEqual({ returncode: 0, passed: 3, failed: 0, failures: [] });
  });

  it("1 with one line per failing test", async () => {
    const out = await runSuiteTests(files({ "inc.js": "export function inc(x) { return x + 2; }\n" }), SUITE, ["t1"]);
    expect(out.returncode).toBe(1);
    expect(out.passed).toBe(0);
    expect(out.failed).toBe(2);
    expect(out.failures).toEqual([
      "t1 > inc(1) is 2: AssertionError: Expected values to be strictly equal: 3 !== 2",
      "t1 > inc(-1) is 0: AssertionError: Expected values to be strictly equal: 1 !== 0",
    ]);
  });

  it("2 when a file the tests import is missing, directly or transitively, naming file and importer", async () => {
    const direct = await runSuiteTests(files({}), SUITE, ["t1"]);
    expect(direct).toEqual({ returncode: 2, passed: 0, failed: 0, failures: ["t1 > (load): missing file inc.js (imported by the test module)"] });
    const transitive = await runSuiteTests(files({ "double.js": DOUBLE }), SUITE, ["t2"]);
    expect(transitive.failures).toEqual(["t2 > (load): missing file inc.js (imported by double.js)"]);
    expect(transitive.returncode).toBe(2);
  });

  it("2 wins over 1, and counts include the tasks that loaded", async () => {
    const out = await runSuiteTests(files({ "inc.js": "export function inc(x) { return x; }\n" }), SUITE, ["t1", "t2"]);
    expect(out.returncode).toBe(2);
    expect(out.failed).toBe(2);
    expect(out.failures[0]).toBe("t1 > inc(1) is 2: AssertionError: Expected values to be strictly equal: 1 !== 2");
    expect(out.failures).toContain("t2 > (load): missing file double.js (imported by the test module)");
  });

  it("2 when a module does not load (syntax error, missing export)", async () => {
    const syntax = await runSuiteTests(files({ "inc.js": "export function inc(x) { return x + ; }\n" }), SUITE, ["t1"]);
    expect(syntax.returncode).toBe(2);
    expect(syntax.failures[0]).toMatch(/^t1 > \(load\): cannot load the test module: SyntaxError/);
    const noExport = await runSuiteTests(files({ "inc.js": "export const other = 1;\n" }), SUITE, ["t1"]);
    expect(noExport.returncode).toBe(2);
    expect(noExport.failures[0]).toMatch(/^t1 > \(load\): cannot load the test module: SyntaxError: .*inc/);
  });

  it("5 when no test is collected", async () => {
    expect(await runSuiteTests(files({ "empty.js": "\n" }), SUITE, ["t3"])).toEqual({ returncode: 5, passed: 0, failed: 0, failures: [] });
  });

  it("3 when the runner cannot create its temporary directory", async () => {
    const r = runner({ tempParent: "/nonexistent/llm-teams" });
    const out = await r.run(files({ "inc.js": INC }), SUITE, ["t1"]);
    expect(out.returncode).toBe(3);
    expect(out.failures[0]).toMatch(/^t1 > \(runner\): cannot create a temporary directory in \/nonexistent\/llm-teams: /);
  });

  it("runs every task by default", async () => {
    const out = await runSuiteTests(files({ "inc.js": INC, "double.js": DOUBLE, "empty.js": "" }), SUITE);
    expect(out).toMatchObject({ returncode: 0, passed: 3 });
  });

  it("refuses unknown task ids and suites tested by a command", async () => {
    await expect(runSuiteTests(files({}), SUITE, ["t9"])).rejects.toThrow('runSuiteTests: unknown task id "t9" for suite "runner-test"; valid ids: t1, t2, t3');
    const paper: Suite = { ...SUITE, tasks: [{ id: "p1", title: "", description: "", dependencies: [], files: ["a.py"] }], testCommand: "pytest -q" };
    await expect(runSuiteTests(files({}), paper)).rejects.toThrow('runSuiteTests: task "p1" of suite "runner-test" has no JS tests (the suite is tested by the command "pytest -q"; use a command runner)');
  });
});

describe("in-process runner", () => {
  it("memoises by content: each distinct (task, tests, imported files) runs once", async () => {
    const r = runner();
    const ws = files({ "inc.js": INC, "double.js": DOUBLE, "unrelated.js": "1" });
    await r.run(ws, SUITE, ["t1", "t2"]);
    expect(r.stats()).toEqual({ executed: 2, memoHits: 0, missing: 0 });
    // A file no test imports changes nothing; a changed imported file runs again, only where it is imported.
    await r.run(new Map([...ws, ["unrelated.js", "2"]]), SUITE, ["t1", "t2"]);
    expect(r.stats()).toEqual({ executed: 2, memoHits: 2, missing: 0 });
    const out = await r.run(new Map([...ws, ["double.js", DOUBLE.replace("2 *", "3 *")]]), SUITE, ["t1", "t2"]);
    expect(r.stats()).toEqual({ executed: 3, memoHits: 3, missing: 0 });
    expect(out.returncode).toBe(1);
  });

  it("concurrent runs of the same content share one execution", async () => {
    const r = runner();
    const ws = files({ "inc.js": INC });
    const outs = await Promise.all([1, 2, 3, 4].map(() => r.run(ws, SUITE, ["t1"])));
    expect(outs.every((o) => o.returncode === 0)).toBe(true);
    expect(r.stats()).toEqual({ executed: 1, memoHits: 3, missing: 0 });
  });

  it("stops waiting for an async test after the time limit", async () => {
    const r = runner({ testTimeoutMs: 50 });
    const slow: Suite = { ...SUITE, tasks: [task("s1", "inc.js", [], 'import "./inc.js";\nexport const tests = { hangs: () => new Promise(() => {}) };\n')] };
    const out = await r.run(files({ "inc.js": INC }), slow);
    expect(out).toEqual({ returncode: 1, passed: 0, failed: 1, failures: ["s1 > hangs: timed out after 50 ms"] });
  });

  it("writes into its own temporary directory and removes it on dispose", async () => {
    const parent = mkdtempSync(join(tmpdir(), "runner-parent-"));
    try {
      const r = createInProcessRunner({ tempParent: parent });
      await r.run(files({ "inc.js": INC }), SUITE, ["t1"]);
      expect(readdirSync(parent)).toHaveLength(1);
      r.dispose();
      expect(readdirSync(parent)).toHaveLength(0);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("accepts ./-prefixed workspace paths and refuses paths outside the workspace", async () => {
    const r = runner();
    expect((await r.run(files({ "./inc.js": INC }), SUITE, ["t1"])).returncode).toBe(0);
    await expect(r.run(files({ "../inc.js": INC }), SUITE, ["t1"])).rejects.toThrow('runSuiteTests: workspace path "../inc.js" is not a relative path inside the workspace');
  });

  it("refuses a bad time limit", () => {
    expect(() => createInProcessRunner({ testTimeoutMs: 0 })).toThrow("createInProcessRunner: testTimeoutMs must be a positive number of milliseconds, got 0");
  });
});
