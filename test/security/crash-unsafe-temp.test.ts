import { afterAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * Issue 10, item 6, for runs without the OS sandbox (`--unsafe-no-sandbox` where bubblewrap cannot
 * start): there the runners make a temporary folder on the host, and a sweep killed with -9 left it
 * behind for good. It is now named after its process (`createOwnedTempDir`), so the next sweep's
 * start removes it, and says so in one line. A private TMPDIR keeps other processes' folders out.
 */

const repo = resolve(import.meta.dirname, "../..");
const root = mkdtempSync(join(tmpdir(), "unsafe-temp-"));
const tmp = join(root, "tmp");
mkdirSync(tmp);
afterAll(() => rmSync(root, { recursive: true, force: true }));
/** Our folders in the private TMPDIR (tsx keeps its cache there too). */
const ours = (): string[] => readdirSync(tmp).filter((f) => f.startsWith("llm-teams-"));

/** A tiny simulated sweep through the real CLI with TMPDIR = tmp: its start looks for stale folders there. */
function sweepStart(name: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/sweep.ts", "--out", join(root, name), "--suite", "mathutils_p09", "--n", "1", "--reps", "1", "--mode", "preassign"], {
    cwd: repo,
    env: { ...process.env, TMPDIR: tmp },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stderr: r.stderr };
}

describe("the temporary folder of a runner without the OS sandbox, after kill -9", () => {
  it("is named after its process, kept while the process runs, and removed by the next sweep's start once it is dead", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/security/unsafe-temp-child.ts", tmp], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((res) => child.on("exit", () => res()));
    try {
      const deadline = Date.now() + 60_000;
      while (!stdout.includes("\n") && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(stdout, `the child should have run one test (stderr: ${stderr})`).toBe("ready 0\n");
      const folders = ours();
      expect(folders).toEqual([expect.stringMatching(new RegExp(`^llm-teams-command-${child.pid}-\\d+-[A-Za-z0-9]{6}$`))]);

      // While its process runs, a sweep's start leaves it alone.
      const alive = sweepStart("while-alive");
      expect(alive.status, alive.stderr).toBe(0);
      expect(alive.stderr).not.toContain("removed");
      expect(ours()).toEqual(folders);

      child.kill("SIGKILL");
      await exited;
      // The exit handler never ran: the folder is still there ...
      expect(existsSync(join(tmp, folders[0]!))).toBe(true);
      // ... until the next sweep starts, which removes it and says so in one line.
      const next = sweepStart("after-kill");
      expect(next.status, next.stderr).toBe(0);
      expect(next.stderr.split("\n").filter((l) => l.includes("removed"))).toEqual([
        `sweep: removed 1 temporary folder(s) left by processes no longer running (a sweep killed with -9?) from ${tmp}: ${folders[0]}`,
      ]);
      expect(ours()).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
