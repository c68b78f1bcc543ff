import { afterAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { resolveSweepOptions } from "../../src/experiment/options.js";
import { runSweep } from "../../src/experiment/sweep.js";

const repo = resolve(import.meta.dirname, "../..");
// `node --import tsx` runs the script in this one process (the tsx CLI would fork a child that a
// SIGKILL of the parent leaves running).
const node = (args: string[]): string[] => ["--import", "tsx", "scripts/sweep.ts", ...args];
const version = (JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { version: string }).version;
const root = mkdtempSync(join(tmpdir(), "sweep-kill-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ARGS = ["--suite", "mathutils_p09,mathutils_p05", "--n", "1-4", "--reps", "3", "--mode", "preassign,decentralized", "--seed", "3"];
const TOTAL = 2 * 4 * 3 * 2;

function rows(out: string): number {
  const p = join(out, "runs.csv");
  if (!existsSync(p)) return 0;
  return readFileSync(p, "utf8").split("\n").length - 2;
}

function snapshot(out: string): { csv: string[]; events: Record<string, string> } {
  const lines = readFileSync(join(out, "runs.csv"), "utf8").split("\n");
  const events: Record<string, string> = {};
  for (const f of readdirSync(join(out, "events")).sort()) events[f] = readFileSync(join(out, "events", f), "utf8");
  return { csv: [lines[0]!, ...lines.slice(1).filter((l) => l !== "").sort()], events };
}

describe("a sweep killed with SIGKILL", () => {
  it("resumes to results byte-identical to an uninterrupted sweep", async () => {
    const out = join(root, "killed", "sweep");
    const child = spawn(process.execPath, node(["--out", out, ...ARGS]), { cwd: repo, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
    let atKill = -1;
    try {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && child.exitCode === null) {
        if (rows(out) >= 5) {
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
    expect(atKill, `the sweep should still be running when killed (stderr: ${stderr})`).toBeGreaterThanOrEqual(5);
    expect(atKill).toBeLessThan(TOTAL);

    const resumed = spawnSync(process.execPath, node(["--out", out, "--resume", ...ARGS]), { cwd: repo, encoding: "utf8" });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`sweep: ${TOTAL} runs in .* \\(\\d+ already done, \\d+ run now, \\d+ unsuccessful\\)`));
    expect(readdirSync(join(out, "events")).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const reference = join(root, "uninterrupted", "sweep");
    const options = resolveSweepOptions({ out: reference, suite: "mathutils_p09,mathutils_p05", n: "1-4", reps: 3, mode: "preassign,decentralized", seed: 3 });
    await runSweep(options, { packageVersion: version });
    const a = snapshot(out);
    const b = snapshot(reference);
    expect(a.csv).toHaveLength(TOTAL + 1);
    expect(Object.keys(a.events)).toHaveLength(TOTAL);
    expect(a).toEqual(b);
    const config = (dir: string): unknown => ({ ...JSON.parse(readFileSync(join(dir, "config.json"), "utf8")), execution: null });
    expect(config(out)).toEqual(config(reference));
  });
});
