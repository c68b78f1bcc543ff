import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { currentProcess, parseProcessIdentity, processLiveness, processStartTime } from "../../src/core/process-identity.js";
import { lockSweep } from "../../src/experiment/sweep-lock.js";

/**
 * The sweep lock under a race (issue 10, item 6): taking over a stale sweep.lock was not atomic
 * (17 of 20 races ended with several holders). Now 20 processes that find the same stale lock at
 * the same moment end with exactly one holder. The children are real processes (each with its own
 * pid and start time), running the lock module bundled by esbuild so that 20 of them start quickly.
 */

const repo = resolve(import.meta.dirname, "../..");
const root = mkdtempSync(join(tmpdir(), "lock-race-"));
const child = join(root, "taker.mjs");
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  const entry = join(root, "taker.ts");
  // Each child: say "ready", wait for "go" on stdin, try the lock, report; a winner holds it until killed.
  writeFileSync(
    entry,
    `import { lockSweep } from ${JSON.stringify(join(repo, "src/experiment/sweep-lock.ts"))};
process.stdout.write("ready\\n");
process.stdin.once("data", () => {
  try {
    lockSweep(process.argv[2]);
    process.stdout.write("won\\n");
    setInterval(() => undefined, 1000);
  } catch (e) {
    process.stdout.write("refused: " + e.message + "\\n");
    process.exit(0);
  }
});
`,
  );
  await build({ entryPoints: [entry], bundle: true, platform: "node", format: "esm", outfile: child, logLevel: "silent" });
});

/** A lock generation left by a process that cannot be running (a pid above Linux's maximum, 2^22). */
function staleLock(out: string, gen: number): void {
  mkdirSync(join(out, "sweep.lock"), { recursive: true });
  const me = currentProcess();
  writeFileSync(join(out, "sweep.lock", String(gen)), JSON.stringify({ ...me, pid: 2 ** 22 + 77, start: "1" }));
}

async function race(out: string, n: number): Promise<{ lines: string[]; pids: number[] }> {
  const children: ChildProcess[] = [];
  const lines: string[] = new Array(n).fill("");
  const ready: Promise<void>[] = [];
  const done: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const c = spawn(process.execPath, [child, out], { stdio: ["pipe", "pipe", "inherit"] });
    children.push(c);
    let buf = "";
    ready.push(new Promise((res) => c.stdout!.on("data", (d: Buffer) => ((buf += d.toString()), buf.startsWith("ready\n") && res()))));
    done.push(
      new Promise((res) => {
        c.stdout!.on("data", () => {
          const rest = buf.slice("ready\n".length);
          if (rest.endsWith("\n")) {
            lines[i] = rest.trimEnd();
            res();
          }
        });
      }),
    );
  }
  try {
    await Promise.all(ready);
    for (const c of children) c.stdin!.write("go\n");
    await Promise.all(done);
  } finally {
    for (const c of children) c.kill("SIGKILL");
  }
  return { lines, pids: children.map((c) => c.pid!) };
}

describe("20 processes taking over one stale sweep lock at once", () => {
  it.each([1, 2, 3])("end with exactly one holder (race %i)", async (round) => {
    const out = join(root, `race-${round}`);
    staleLock(out, 7);
    const { lines, pids } = await race(out, 20);
    const winners = lines.flatMap((l, i) => (l === "won" ? [i] : []));
    expect(winners, lines.join("\n")).toHaveLength(1);
    const winner = pids[winners[0]!]!;
    for (const l of lines.filter((x) => x !== "won")) expect(l).toBe(`refused: runSweep: another sweep (process ${winner}) is writing to ${out}; wait for it to finish or stop it first`);
    // The winner holds generation 8, recorded with its pid and start time; the stale 7 is gone.
    expect(readdirSync(join(out, "sweep.lock")).filter((f) => !f.startsWith("."))).toEqual(["8"]);
    const holder = parseProcessIdentity(readFileSync(join(out, "sweep.lock", "8"), "utf8"))!;
    expect(holder.pid).toBe(winner);
    expect(holder.start).not.toBeNull();
  });
});

describe("stale detection by pid and start time", () => {
  it("treats a lock whose pid now belongs to another process (another start time) as stale", () => {
    const out = join(root, "reused");
    mkdirSync(join(out, "sweep.lock"), { recursive: true });
    // The parent process runs, but not since the recorded start time: the pid was reused.
    const parent = { ...currentProcess(), pid: process.ppid, start: "1" };
    expect(processStartTime(process.ppid)).not.toBe("1");
    expect(processLiveness(parent)).toEqual({ state: "dead", reason: `process ${process.ppid} is another process now (its start time differs: the id was reused)` });
    writeFileSync(join(out, "sweep.lock", "3"), JSON.stringify(parent));
    const release = lockSweep(out);
    expect(readdirSync(join(out, "sweep.lock"))).toEqual(["4"]);
    release();
    expect(readdirSync(join(out, "sweep.lock"))).toEqual(["4.released"]);
    // The same identity with its true start time holds the lock.
    writeFileSync(join(out, "sweep.lock", "5"), JSON.stringify({ ...parent, start: processStartTime(process.ppid) }));
    expect(() => lockSweep(out)).toThrow(`another sweep (process ${process.ppid}) is writing to ${out}`);
  });

  it("refuses a lock held from another host, naming it and the folder to remove", () => {
    const out = join(root, "elsewhere");
    mkdirSync(join(out, "sweep.lock"), { recursive: true });
    writeFileSync(join(out, "sweep.lock", "1"), JSON.stringify({ ...currentProcess(), host: "other-host" }));
    expect(() => lockSweep(out)).toThrow(`${out} is locked by process ${process.pid} on host other-host (it ran on host "other-host", not this one`);
  });
});
