import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describeFileError } from "../../src/experiment/file-errors.js";

/**
 * Disk errors name their code and path (issue 10, item 6): a full disk said "run X failed" without
 * ENOSPC, a read-only folder said ENOENT. The sweep runs as a real process (the CLI) in a private
 * mount namespace (`unshare -m`) on a small tmpfs: full (size=64k) or read-only. The mounts vanish
 * with the namespace. Needs root or user namespaces with mount rights; skipped (saying so) without.
 */

const repo = resolve(import.meta.dirname, "../..");
const root = mkdtempSync(join(tmpdir(), "sweep-disk-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const probeDir = join(root, "probe");
mkdirSync(probeDir);
const canMount = spawnSync("unshare", ["-m", "sh", "-c", `mount -t tmpfs -o size=64k tmpfs "$1"`, "sh", probeDir]).status === 0;
if (!canMount) console.warn("skipping the disk-error sweeps: cannot mount a tmpfs in a private mount namespace here (unshare -m)");

/** Run `script` (sh) in a new mount namespace with $1 = a fresh folder, $2 = node; returns the result. */
function inNamespace(script: string): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(root, "mnt-"));
  const r = spawnSync("unshare", ["-m", "sh", "-c", script, "sh", dir, process.execPath], { cwd: repo, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.replace(new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g"), "DIR") };
}

const SWEEP = `"$2" --import tsx scripts/sweep.ts --suite mathutils_p09,mathutils_p05 --n 1-4 --reps 2 --mode decentralized --seed 2`;

describe.skipIf(!canMount)("a sweep on a full or read-only disk", () => {
  it("says ENOSPC and the file it could not write when the disk fills up, and stops", () => {
    const r = inNamespace(`mount -t tmpfs -o size=64k tmpfs "$1" && ${SWEEP} --out "$1/sweep"`);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/sweep: runSweep: cannot (record run \S+|write the sweep in DIR\/sweep): ENOSPC: no space left on the device holding DIR\/sweep\/\S+; free some space, then continue with --resume\n/);
  });

  it("says EROFS and the folder for a new sweep on a read-only file system", () => {
    const r = inNamespace(`mount -t tmpfs -o ro tmpfs "$1" && ${SWEEP} --out "$1/sweep"`);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain("sweep: runSweep: cannot create the sweep folder: EROFS: DIR/sweep is on a read-only file system; choose an --out on a writable one\n");
  });

  it("says EROFS and the lock it could not take when a finished sweep's folder is read-only on resume", () => {
    const r = inNamespace(`mount -t tmpfs -o size=16m tmpfs "$1" && ${SWEEP} --out "$1/sweep" >/dev/null && mount -o remount,ro "$1" && ${SWEEP} --out "$1/sweep" --resume`);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/sweep: runSweep: cannot take the sweep lock: EROFS: DIR\/sweep\/sweep\.lock\/\S+ is on a read-only file system; choose an --out on a writable one\n/);
  });
});

describe("describeFileError", () => {
  const err = (code: string, path?: string): Error => Object.assign(new Error(`${code}: something`), { code, ...(path ? { path } : {}) });
  it("names the code, the error's own path (else the one given) and what to do", () => {
    expect(describeFileError(err("ENOSPC", "/out/events/r.jsonl.tmp"), "/out")).toBe("ENOSPC: no space left on the device holding /out/events/r.jsonl.tmp; free some space, then continue with --resume");
    expect(describeFileError(err("EROFS"), "/out")).toBe("EROFS: /out is on a read-only file system; choose an --out on a writable one");
    expect(describeFileError(err("EACCES", "/out/runs.csv"), "/out")).toBe("EACCES: no permission to write /out/runs.csv; choose an --out you can write, or fix its permissions");
    expect(describeFileError(err("EXDEV", "/x"), "/out")).toBe("EXDEV: EXDEV: something");
  });
});
