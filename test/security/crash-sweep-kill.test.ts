import { afterAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadSweepResults } from "../../src/report/sweep-results.js";
import { DataFileError } from "../../src/core/errors.js";

/**
 * A sweep killed with -9 (issue 10, item 6): its temporary folder stayed behind for good, a renamed
 * sweep folder could not be resumed, and `loadSweepResults` accepted a row whose events file was
 * missing. The sweep runs as a real process (the CLI), with a private TMPDIR so that only its own
 * temporary folders are looked at.
 */

const repo = resolve(import.meta.dirname, "../..");
const node = (args: string[]): string[] => ["--import", "tsx", "scripts/sweep.ts", ...args];
const root = mkdtempSync(join(tmpdir(), "sweep-kill9-"));
const tmp = join(root, "tmp");
mkdirSync(tmp);
const env = { ...process.env, TMPDIR: tmp };
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ARGS = ["--suite", "mathutils_p09,mathutils_p05", "--n", "1-4", "--reps", "2", "--mode", "preassign,decentralized", "--seed", "5"];
const TOTAL = 2 * 4 * 2 * 2;
const rows = (out: string): number => (existsSync(join(out, "runs.csv")) ? readFileSync(join(out, "runs.csv"), "utf8").split("\n").length - 2 : 0);
const ourTemps = (): string[] => readdirSync(tmp).filter((f) => f.startsWith("llm-teams-"));

describe("a sweep killed with -9, then moved and resumed", () => {
  it("leaves a temporary folder that the next start removes, resumes in the renamed folder, and refuses a row without events", async () => {
    const out = join(root, "first", "sweep");
    const child = spawn(process.execPath, node(["--out", out, ...ARGS]), { cwd: repo, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((res) => child.on("exit", () => res()));
    let atKill = -1;
    try {
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline && child.exitCode === null) {
        if (rows(out) >= 3) {
          child.kill("SIGKILL");
          atKill = rows(out);
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await exited;
    expect(atKill, `the sweep should still be running when killed (stderr: ${stderr})`).toBeGreaterThanOrEqual(3);
    expect(atKill).toBeLessThan(TOTAL);
    // The killed process's test folder and its lock are left behind.
    const left = ourTemps();
    expect(left).toEqual([expect.stringMatching(new RegExp(`^llm-teams-tests-${child.pid}-\\d+-[A-Za-z0-9]{6}$`))]);
    expect(readdirSync(join(out, "sweep.lock")).filter((f) => !f.startsWith("."))).toEqual(["1"]);

    // Move the folder, then resume it there.
    const moved = join(root, "moved", "renamed-sweep");
    mkdirSync(join(root, "moved"));
    renameSync(join(root, "first", "sweep"), moved);
    const resumed = spawnSync(process.execPath, node(["--out", moved, "--resume", ...ARGS]), { cwd: repo, env, encoding: "utf8" });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`sweep: ${TOTAL} runs in .* \\(${atKill} already done, ${TOTAL - atKill} run now, \\d+ unsuccessful\\)`));
    // The dead sweep's folder is gone; the resumed sweep removed its own at exit.
    expect(left.filter((f) => existsSync(join(tmp, f)))).toEqual([]);
    expect(ourTemps()).toEqual([]);
    expect(readdirSync(join(moved, "sweep.lock"))).toEqual(["2.released"]);

    // Every row keeps the exp_dir the sweep was recorded with.
    const results = loadSweepResults(moved);
    expect(results.runs).toHaveLength(TOTAL);
    expect(new Set(results.runs.map((r) => r.exp_dir))).toEqual(new Set(["sweep"]));

    // A row whose events file is gone is refused, naming it.
    const victim = results.runs[4]!.run_dir;
    rmSync(join(moved, "events", `${victim}.jsonl`));
    expect(() => loadSweepResults(moved)).toThrow(DataFileError);
    expect(() => loadSweepResults(moved)).toThrow(
      `${join(moved, "runs.csv")}: a row has no events file in ${join(moved, "events")}: ${victim}; restore the events, or remove those rows and continue the sweep with --resume to rerun them`,
    );
  });
});
