import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCommandRunner, parseCommand, summaryCounts } from "../../src/sandbox/command-runner.js";
import { createUntrustedTestRunner } from "../../src/sandbox/untrusted-runner.js";
import { loadPaperSuite } from "../../src/tasks/paper-format.js";
import { getSuite } from "../../src/tasks/builtin/index.js";
import type { Suite } from "../../src/tasks/types.js";

const root = mkdtempSync(join(tmpdir(), "command-runner-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fixture = (command: string): Suite => loadPaperSuite("test/fixtures/tasks/small_p05.json", { testCommand: command });
const node = process.execPath;
const runner = createCommandRunner({ timeLimitMs: 2000, tempParent: root });
afterAll(() => runner.dispose());

describe("parseCommand", () => {
  it("splits words without a shell, with quotes and escapes", () => {
    expect(parseCommand("pytest -q")).toEqual(["pytest", "-q"]);
    expect(parseCommand(`node -e "process.exit(0)"`)).toEqual(["node", "-e", "process.exit(0)"]);
    expect(parseCommand(`a 'b c' "d \\"e\\"" f\\ g ''`)).toEqual(["a", "b c", 'd "e"', "f g", ""]);
    expect(() => parseCommand("pytest | tee log")).toThrow('the test command "pytest | tee log" has the shell operator "|"; commands run without a shell');
    expect(() => parseCommand("echo $HOME")).toThrow('shell operator "$"');
    expect(() => parseCommand("a 'b")).toThrow("unclosed '");
    expect(() => parseCommand("   ")).toThrow("parseCommand: the test command is empty");
  });

  it("reads pytest's summary counts", () => {
    expect(summaryCounts("..F\n===== 1 failed, 2 passed in 0.12s =====")).toEqual({ passed: 2, failed: 1 });
    expect(summaryCounts("===== 3 passed, 1 error in 0.1s =====")).toEqual({ passed: 3, failed: 1 });
    expect(summaryCounts("nothing here")).toBeNull();
  });
});

describe("createCommandRunner", () => {
  it("runs the suite's command in the materialised workspace: its exit code is the return code", async () => {
    // The command checks that the agent's file is in its working directory.
    const s = fixture(`${node} -e "process.exit(require('fs').existsSync('area.py') ? 0 : 1)"`);
    expect(await runner.run(new Map([["area.py", "def area(w, h): return w * h\n"]]), s, ["task-1"])).toEqual({ returncode: 0, passed: 1, failed: 0, failures: [] });
    const missing = await runner.run(new Map(), s, ["task-1"]);
    expect(missing).toMatchObject({ returncode: 1, passed: 0, failed: 1 });
    expect(missing.failures[0]).toBe("(command) exit code 1");
  });

  it("passes the pytest-style counts, FAILED lines and exit codes through (node -e as a stand-in for pytest)", async () => {
    const s = fixture(`node -e "console.log('FAILED test_area.py::test_zero - assert 1 == 0'); console.log('1 failed, 4 passed in 0.01s'); process.exit(1)"`);
    expect(await runner.run(new Map(), s)).toEqual({ returncode: 1, passed: 4, failed: 1, failures: ["(command) FAILED test_area.py::test_zero - assert 1 == 0"] });
    const five = fixture(`node -e "process.exit(5)"`);
    expect((await runner.run(new Map(), five)).returncode).toBe(5);
  });

  it("kills a command over its time limit, reports a missing program as a runner error, and scrubs the environment", async () => {
    const hang = await runner.run(new Map(), fixture(`node -e "for(;;){}"`));
    expect(hang).toEqual({ returncode: 1, passed: 0, failed: 1, failures: ["(command) killed after the 2 s wall-clock limit"] });
    const none = await runner.run(new Map(), fixture("no-such-test-program -q"));
    expect(none).toEqual({ returncode: 3, passed: 0, failed: 0, failures: ['(runner): command not found: no-such-test-program (the test command is "no-such-test-program -q")'] });
    process.env["OPENAI_API_KEY"] = "sk-parent-secret-0123456789";
    try {
      const env = await runner.run(new Map(), fixture(`node -e "console.log(JSON.stringify(process.env)); process.exit(1)"`), ["task-2", "task-4"]);
      expect(env.failures[0]).not.toContain("sk-parent-secret");
      expect(env.failures[0]).toContain('"LLM_TEAMS_TASKS":"task-2,task-4"');
    } finally {
      delete process.env["OPENAI_API_KEY"];
    }
    expect(() => createCommandRunner({ env: { OPENAI_API_KEY: "x" } })).toThrow("env.OPENAI_API_KEY looks like a credential or proxy setting");
  });

  it("is chosen by createUntrustedTestRunner for suites with a testCommand, the node sandbox otherwise", async () => {
    const u = createUntrustedTestRunner({ timeLimitMs: 3000, tempParent: root });
    try {
      expect((await u.run(new Map(), fixture(`node -e "process.exit(0)"`))).returncode).toBe(0);
      const s = getSuite("mathutils_p09");
      const t = s.tasks.find((x) => x.id === "task-4")!;
      expect((await u.run(new Map(Object.entries(t.solution!)), s, ["task-4"])).returncode).toBe(0);
      expect(u.describe().js.kind).toBe("node-sandbox");
      expect(u.describe().command.kind).toBe("command");
    } finally {
      u.dispose();
    }
  });
});
