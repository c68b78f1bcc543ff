import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createCommandRunner } from "../../src/sandbox/command-runner.js";
import { ATTEMPT, commandSuite, processesWith, runProbe, waitFor } from "./probe.js";

/**
 * Issue 10's lifetime and resource attacks: a double-forked `setsid` daemon (with or without its
 * descriptors) outliving the test run or its time limit, a killed sweep leaving its test running, a
 * fork bomb, CPU, memory, file size and disk. Each daemon carries a random token in its command line,
 * so the test can look for it among the host's processes.
 */

// The waits below are liveness deadlines, not speed checks: a sandbox that leaks a process leaves it
// running forever, so a generous deadline still fails; a short one fails on a busy 2-core CI machine.
const LIFETIME_TEST_MS = 240_000;

const token = (): string => `llm-teams-daemon-${randomBytes(6).toString("hex")}`;
const runner = createCommandRunner({ timeLimitMs: 3000 });
afterAll(() => runner.dispose());

/** A workspace whose `daemon.sh` double-forks a daemon named `name`, then does `then`. */
function daemonFiles(name: string, closeFds: boolean, then: string): Map<string, string> {
  const redirect = closeFds ? "exec </dev/null >/dev/null 2>&1; " : "";
  return new Map([["daemon.sh", `setsid sh -c '${redirect}while :; do sleep 1; done' ${name} &\n${then}\n`]]);
}

describe("every process the agent's code starts dies with the sandbox", () => {
  for (const closeFds of [true, false]) {
    it(`a setsid daemon${closeFds ? " that closed its descriptors" : " holding the output pipes"} is gone when the command ends`, async () => {
      const name = token();
      const o = await runner.run(daemonFiles(name, closeFds, "exit 0"), commandSuite("sh daemon.sh"));
      expect(o).toEqual({ returncode: 0, passed: 1, failed: 0, failures: [] });
      expect(await waitFor(() => processesWith(name).length === 0, 60_000)).toBe(true);
    }, LIFETIME_TEST_MS);
  }

  it("a daemon and an endless loop: both killed at the wall-clock limit", async () => {
    const name = token();
    const o = await runner.run(daemonFiles(name, true, "while :; do :; done"), commandSuite("sh daemon.sh"));
    expect(o).toEqual({ returncode: 1, passed: 0, failed: 1, failures: ["(command) killed after the 3 s wall-clock limit"] });
    expect(await waitFor(() => processesWith(name).length === 0, 60_000)).toBe(true);
  }, LIFETIME_TEST_MS);

  it("control: without the OS sandbox (the unsafe opt-out) the daemon outlives the run", async () => {
    const name = token();
    const unsafe = createCommandRunner({ timeLimitMs: 3000, unsafeNoSandbox: true, bwrapPath: "/nonexistent/bwrap" });
    try {
      expect((await unsafe.run(daemonFiles(name, true, "exit 0"), commandSuite("sh daemon.sh"))).returncode).toBe(0);
      expect(await waitFor(() => processesWith(name).length > 0, 60_000)).toBe(true);
    } finally {
      unsafe.dispose();
      for (const pid of processesWith(name)) process.kill(pid, "SIGKILL");
    }
  });

  it("kill -9 of the sweep: its running test dies too, and nothing is left in its temporary folder", async () => {
    const name = token();
    const scratch = mkdtempSync(join(tmpdir(), "sandbox-kill9-"));
    const script = join(scratch, "sweep.mts");
    const temp = join(scratch, "temp");
    const src = resolve("src/sandbox/command-runner.ts");
    writeFileSync(
      script,
      `import { mkdirSync } from "node:fs";
       import { createCommandRunner } from ${JSON.stringify(src)};
       mkdirSync(${JSON.stringify(temp)});
       const r = createCommandRunner({ timeLimitMs: 600_000, tempParent: ${JSON.stringify(temp)} });
       const suite = { id: "a_p05", domain: "a", p_label: "p05", title: "", description: "", testCommand: "sh -c 'while :; do :; done' ${name}",
         tasks: [{ id: "task-1", title: "", description: "", dependencies: [], files: [] }] };
       await r.run(new Map(), suite);`,
    );
    const sweep = spawn(process.execPath, ["--import", "tsx", script], { stdio: "ignore", cwd: resolve(".") });
    try {
      expect(await waitFor(() => processesWith(name).length > 0, 120_000)).toBe(true);
      sweep.kill("SIGKILL");
      expect(await waitFor(() => processesWith(name).length === 0, 60_000)).toBe(true);
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      sweep.kill("SIGKILL");
      for (const pid of processesWith(name)) process.kill(pid, "SIGKILL");
      rmSync(scratch, { recursive: true, force: true });
    }
  }, LIFETIME_TEST_MS);
});

describe("resource limits inside the sandbox", () => {
  it("a fork bomb stops at the process limit (RLIMIT_NPROC, counted per sandbox)", async () => {
    const limited = createCommandRunner({ timeLimitMs: 20_000, maxProcesses: 32 });
    try {
      const { report } = await runProbe(
        limited,
        `const { spawn } = require("child_process");
        let started = 0;
        for (let i = 0; i < 200; i++) {
          const code = await new Promise((ok) => { const c = spawn("/usr/bin/sleep", ["5"]); c.on("spawn", () => ok(null)).on("error", (e) => ok(e.code)); });
          if (code !== null) { report.error = code; break; }
          started++;
        }
        report.started = started;`,
      );
      expect(report["error"]).toBe("EAGAIN");
      // Node's own threads count too: fewer than 32 children.
      expect(report["started"]).toBeGreaterThan(0);
      expect(report["started"]).toBeLessThan(32);
    } finally {
      limited.dispose();
    }
  });

  it("CPU time: a busy loop is stopped by RLIMIT_CPU (SIGXCPU) before the wall clock", async () => {
    const limited = createCommandRunner({ timeLimitMs: 60_000, cpuSeconds: 1 });
    try {
      const o = await limited.run(new Map(), commandSuite(`node -e "for (;;) {}"`));
      expect(o).toEqual({ returncode: 1, passed: 0, failed: 1, failures: ["(command) signal SIGXCPU"] });
    } finally {
      limited.dispose();
    }
  });

  it("file size, workspace and /tmp size: writes past the limits fail inside", async () => {
    const limited = createCommandRunner({ timeLimitMs: 20_000, fileSizeMb: 1, diskMb: 4 });
    try {
      const { report } = await runProbe(
        limited,
        `${ATTEMPT}
        const fs = require("fs");
        await attempt("2 MB file", () => fs.writeFileSync("big.bin", Buffer.alloc(2 << 20)));
        for (const dir of [".", "/tmp"]) {
          let written = 0;
          await attempt("fill " + dir, () => { for (let i = 0; i < 100; i++) { fs.writeFileSync(dir + "/f" + i, Buffer.alloc(512 << 10)); written += 512 << 10; } });
          report["bytes " + dir] = written;
        }`,
      );
      expect(report["2 MB file"]).toEqual({ ok: false, code: "EFBIG" });
      for (const dir of [".", "/tmp"]) {
        expect(report[`fill ${dir}`]).toEqual({ ok: false, code: "ENOSPC" });
        expect(report[`bytes ${dir}`]).toBeLessThanOrEqual(4 << 20);
      }
    } finally {
      limited.dispose();
    }
  });

  it("memory: allocating without end fails at the data-segment limit (RLIMIT_DATA), whatever the allocator does then", async () => {
    const limited = createCommandRunner({ timeLimitMs: 60_000, heapMb: 64, rssMb: 160 });
    try {
      const o = await limited.run(new Map(), commandSuite(`node -e "const keep = []; for (;;) keep.push(Buffer.alloc(16 << 20, 1))"`));
      expect(o.returncode).toBe(1);
      // V8 either throws (uncaught: exit code 1) or aborts on a failed allocation; the memory watch may kill first.
      expect(o.failures[0]).toMatch(/^\(command\) (signal SIGABRT|exit code 1: .*(Array buffer allocation failed|out of memory)|killed: resident memory over the limit of 160 MB)/);
    } finally {
      limited.dispose();
    }
  });
});
