import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sweepMain, type SweepCliIo } from "../../src/cli/sweep-cli.js";
import { catalogOf } from "../../src/experiment/catalog.js";
import { syntheticSuite } from "../../src/tasks/synthetic-suite.js";

/**
 * Issue 10, "no sandbox, no untrusted code", through the sweep CLI: a real-backend sweep where the OS
 * sandbox cannot start (here: bubblewrap pointed at a missing file) stops before any request and
 * before any run, saying why and how to fix it. No server is needed: nothing is sent (the base URL
 * is a closed loopback port).
 */

const root = mkdtempSync(join(tmpdir(), "sandbox-refusal-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const suite = syntheticSuite({ n: 4, p: 0.5 });

function sink(): { write(s: string): boolean; text: string } {
  return {
    text: "",
    write(s: string) {
      this.text += s;
      return true;
    },
  };
}

describe("a real-model sweep where the OS sandbox cannot start", () => {
  it("refuses to run agent code: exit code 1, the cause, the fix and the opt-out on stderr, no run made", async () => {
    const out = join(root, "sweep");
    const stderr = sink();
    const io = {
      stdout: sink(),
      stderr,
      packageVersion: "0.0.0-test",
      env: { OPENAI_API_KEY: "sk-refusal-test-0123456789abcdef", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" },
      cwd: root,
      deps: { catalog: catalogOf([suite]) },
      llm: { sandbox: { bwrapPath: "/nonexistent/bwrap" } },
    } as unknown as SweepCliIo;
    const code = await sweepMain(["--out", out, "--suite", suite.id, "--backend", "openai", "--model", "gpt-4o-mini", "--n", "1", "--reps", "1", "--mode", "preassign"], io);
    expect(code).toBe(1);
    // One line: the cause, the fix and the opt-out.
    expect(stderr.text.split("\n").filter((l) => l !== "")).toEqual([expect.stringMatching(/^sweep: createSandboxRunner: cannot start the OS sandbox/)]);
    expect(stderr.text).toContain("cannot start the OS sandbox for agent-written code: bubblewrap not found at /nonexistent/bwrap");
    expect(stderr.text).toContain("apt-get install bubblewrap");
    expect(stderr.text).toContain("--unsafe-no-sandbox");
    expect(existsSync(join(out, "runs.csv"))).toBe(false);
  });
});
