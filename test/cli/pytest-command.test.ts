import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sweepMain, type SweepCliIo } from "../../src/cli/sweep-cli.js";
import { parseEventLines } from "../../src/events/read-jsonl.js";
import { createCommandRunner } from "../../src/sandbox/command-runner.js";
import { loadPaperSuite } from "../../src/tasks/paper-format.js";
import type { Suite } from "../../src/tasks/types.js";
import { completion, startFakeServer, teamPolicy, type FakeServer } from "../llm/fake-openai-server.js";

/**
 * The README's example for the paper's task lists, `--test-command "python3 -m pytest -q"`: inside
 * the OS sandbox only /usr and the other system folders are visible, so pytest must be Debian's
 * (`python3-pytest`, which `npm run setup` installs). Checked through the command runner and through
 * the sweep CLI, in the real sandbox.
 */

const hasPytest = spawnSync("/usr/bin/python3", ["-c", "import pytest"]).status === 0;
const SKIP_REASON = "python3-pytest is not installed (apt-get install python3-pytest; npm run setup installs it)";
const root = mkdtempSync(join(tmpdir(), "pytest-command-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const COMMAND = "python3 -m pytest -q";

/** A one-task suite tested by the README's command. */
const suite: Suite = {
  id: "pyarea_p05",
  domain: "pyarea",
  p_label: "p05",
  title: "Area",
  description: "",
  testCommand: COMMAND,
  tasks: [{ id: "task-1", title: "area", description: "", dependencies: [], files: ["area.py"] }],
};
const TEST_FILE = "from area import area\n\ndef test_area():\n    assert area(2, 3) == 6\n\ndef test_zero():\n    assert area(0, 5) == 0\n";

describe.skipIf(!hasPytest)(`--test-command "${COMMAND}" in the OS sandbox${hasPytest ? "" : ` (skipped: ${SKIP_REASON})`}`, () => {
  it("the command runner finds Debian's pytest inside the sandbox and passes its counts and FAILED lines on", async () => {
    const runner = createCommandRunner({ tempParent: root, timeLimitMs: 30_000 });
    try {
      expect(runner.describe().isolation).toBe("bwrap");
      const good = await runner.run(new Map([["area.py", "def area(w, h):\n    return w * h\n"], ["test_area.py", TEST_FILE]]), suite);
      expect(good).toEqual({ returncode: 0, passed: 2, failed: 0, failures: [] });
      // w * w: right for area(0, 5), wrong for area(2, 3).
      const bad = await runner.run(new Map([["area.py", "def area(w, h):\n    return w * w\n"], ["test_area.py", TEST_FILE]]), suite);
      expect(bad).toMatchObject({ returncode: 1, passed: 1, failed: 1 });
      expect(bad.failures[0]).toMatch(/^\(command\) FAILED test_area\.py::test_area - assert 4 == 6/);
    } finally {
      runner.dispose();
    }
  });

  describe("through the sweep CLI (the README's example, on a fixture task list)", () => {
    let server: FakeServer;
    beforeAll(async () => {
      server = await startFakeServer(() => ({ kind: "json", body: completion("", null) }));
    });
    afterAll(() => server.close());

    it("a team whose files pass their pytest tests completes every task", async () => {
      const fixture = resolve("test/fixtures/tasks/small_p05.json");
      const policy = teamPolicy(loadPaperSuite(fixture, { testCommand: COMMAND }));
      // Each file the policy writes becomes a Python function with a pytest test of its own.
      const python = (reply: string): string =>
        reply.replace(/<write path="(\w+)\.py">\n[^<]*<\/write>/g, (_, name: string) =>
          `<write path="${name}.py">\ndef ${name}():\n    return "${name}"\n</write>\n<write path="test_${name}.py">\nfrom ${name} import ${name}\n\ndef test_${name}():\n    assert ${name}() == "${name}"\n</write>`,
        );
      server.setHandler((req) => ({ kind: "json", body: completion(python(policy(req.body.messages!)), { prompt_tokens: 50, completion_tokens: 5 }) }));
      const out = join(root, "sweep");
      const stderr = { text: "", write(s: string) { this.text += s; return true; } };
      const io = {
        stdout: { write: () => true },
        stderr,
        packageVersion: "0.0.0-test",
        env: { OPENAI_API_KEY: "sk-pytest-test-Hg5Jk8Lm2Nb4Vc7Xz1", OPENAI_BASE_URL: server.url },
        cwd: root,
        llm: { sandbox: { tempParent: root, timeLimitMs: 30_000 } },
      } as unknown as SweepCliIo;
      const code = await sweepMain(["--out", out, "--backend", "openai", "--model", "llama3.1", "--suite-file", fixture, "--test-command", COMMAND, "--n", "1", "--reps", "1", "--mode", "preassign"], io);
      expect(code, stderr.text).toBe(0);
      const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
      expect(config.test_runner.isolation).toBe("bwrap");
      const events = parseEventLines(readFileSync(join(out, "events", "llama3.1_small_p05_preassign_n1_rep0.jsonl"), "utf8"));
      const tests = events.flatMap((e) => (e.type === "run_tests" ? [e] : []));
      expect(tests.length).toBeGreaterThan(0);
      for (const t of tests) expect(t).toMatchObject({ returncode: 0, failed: 0 });
      // pytest counted the tests of every file written so far: the last run saw all six.
      expect(tests.at(-1)!.passed).toBe(6);
      expect(events.filter((e) => e.type === "complete_task")).toHaveLength(6);
      expect(events.at(-1)).toMatchObject({ type: "run_end", success: true, reason: "all_tasks_done" });
    });
  });
});
