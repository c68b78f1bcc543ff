import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { FIRST_FILE_FD, SANDBOX_WORKSPACE, STATUS_FD, SandboxUnavailableError, bwrapArgs, probeSandbox, systemMountArgs } from "../../src/sandbox/bwrap.js";
import { createCommandRunner } from "../../src/sandbox/command-runner.js";
import { resolveSandboxLimits } from "../../src/sandbox/limits.js";
import { createSandboxRunner } from "../../src/sandbox/node-sandbox-runner.js";
import { spawnLimited } from "../../src/sandbox/spawn-limited.js";
import { createUntrustedTestRunner } from "../../src/sandbox/untrusted-runner.js";

const scratch = mkdtempSync(join(tmpdir(), "bwrap-test-"));
chmodSync(scratch, 0o755); // fake bwrap scripts must be runnable by the sandbox user (nobody, when root)
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const plan = {
  bwrap: "/usr/bin/bwrap",
  prlimit: "/usr/bin/prlimit",
  files: [
    { path: "a.js", content: "A" },
    { path: "sub/b.js", content: "B" },
    { path: ".task-tests.mjs", content: "T", readOnly: true },
  ],
  harness: [{ name: "harness.mjs", content: "H" }],
  readOnlyPaths: ["/opt/venv"],
  env: { PATH: "/usr/bin", HOME: SANDBOX_WORKSPACE },
  rlimits: { cpuSeconds: 11, dataBytes: 1000, fileBytes: 2000, processes: 64, openFiles: 256 },
  diskBytes: 4096,
  argv: ["/usr/bin/node", "x.js"],
};

describe("bwrapArgs", () => {
  const { args, inputs } = bwrapArgs(plan);
  const after = (flag: string, n = 1): string[][] => args.flatMap((a, i) => (a === flag ? [args.slice(i + 1, i + 1 + n)] : []));

  it("mounts only the system folders and the given paths from the host, read-only", () => {
    const binds = after("--ro-bind", 2).map(([from]) => from!);
    expect(after("--bind", 2)).toEqual([]);
    expect(binds).toEqual([...after("--ro-bind", 2).map(([, to]) => to!)]);
    for (const b of binds) expect(["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/opt/venv"]).toContain(b);
    expect(binds).toContain("/usr");
    expect(binds).toContain("/opt/venv");
    expect(args.slice(0, systemMountArgs().length)).toEqual(systemMountArgs());
  });

  it("writes the files through descriptors from FIRST_FILE_FD on, the runner's own read-only", () => {
    expect(inputs).toEqual(["A", "B", "T", "H"]);
    expect(after("--file", 2)).toEqual([
      [String(FIRST_FILE_FD), `${SANDBOX_WORKSPACE}/a.js`],
      [String(FIRST_FILE_FD + 1), `${SANDBOX_WORKSPACE}/sub/b.js`],
    ]);
    expect(after("--ro-bind-data", 2)).toEqual([
      [String(FIRST_FILE_FD + 2), `${SANDBOX_WORKSPACE}/.task-tests.mjs`],
      [String(FIRST_FILE_FD + 3), "/sandbox/harness/harness.mjs"],
    ]);
  });

  it("new namespaces, a read-only root, sized tmpfs, a cleared environment, limits, then the command", () => {
    for (const flag of ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--clearenv"]) expect(args).toContain(flag);
    expect(after("--tmpfs")).toEqual([["/tmp"], [SANDBOX_WORKSPACE]]);
    expect(after("--size")).toEqual([["4096"], ["4096"]]);
    expect(after("--remount-ro")).toEqual([["/dev"], ["/"]]);
    expect(args.indexOf("--remount-ro")).toBeGreaterThan(args.lastIndexOf("--ro-bind-data"));
    expect(after("--json-status-fd")).toEqual([[String(STATUS_FD)]]);
    expect(after("--setenv", 2)).toEqual([["PATH", "/usr/bin"], ["HOME", SANDBOX_WORKSPACE]]);
    const tail = args.slice(args.indexOf("--") + 1);
    expect(tail).toEqual(["/usr/bin/prlimit", "--cpu=11:12", "--data=1000", "--fsize=2000", "--nproc=64", "--nofile=256", "--core=0", "--", "/usr/bin/node", "x.js"]);
  });
});

describe("no sandbox, no untrusted code", () => {
  const refusal =
    "cannot start the OS sandbox for agent-written code: bubblewrap not found at /nonexistent/bwrap. Fix: install bubblewrap: `apt-get install bubblewrap` (Debian, Ubuntu; `npm run setup` does it), `dnf install bubblewrap` (Fedora). " +
    "To run agent code without isolation anyway (unsafe: it can read and write what this user can), pass unsafeNoSandbox: true (CLI: --unsafe-no-sandbox).";

  it("the sandbox works on this machine (the set-up installs bubblewrap)", () => {
    expect(probeSandbox()).toMatchObject({ ok: true });
  });

  it("every runner for agent code refuses to be made without it, naming the cause, the fix and the opt-out", () => {
    const missing = { bwrapPath: "/nonexistent/bwrap" };
    expect(() => createSandboxRunner(missing)).toThrow(new SandboxUnavailableError(`createSandboxRunner: ${refusal}`));
    expect(() => createCommandRunner(missing)).toThrow(new SandboxUnavailableError(`createCommandRunner: ${refusal}`));
    expect(() => createUntrustedTestRunner(missing)).toThrow(SandboxUnavailableError);
  });

  it("user namespaces disabled: the cause quotes bubblewrap and the fix names the sysctl", () => {
    const fake = join(scratch, "bwrap-userns");
    writeFileSync(fake, "#!/bin/sh\necho 'bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces.' >&2\nexit 1\n");
    chmodSync(fake, 0o755);
    const probe = probeSandbox(fake);
    expect(probe).toEqual({
      ok: false,
      cause: "user namespaces are not available here (bwrap: bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces.)",
      fix: expect.stringContaining("sysctl -w user.max_user_namespaces=15000") as unknown as string,
    });
    expect(() => createSandboxRunner({ bwrapPath: fake })).toThrow(/createSandboxRunner: cannot start the OS sandbox for agent-written code: user namespaces are not available here .* Fix: enable unprivileged user namespaces/);
  });

  it("with the explicit opt-out the runner is made, says so, and runs without the OS sandbox", async () => {
    const r = createCommandRunner({ bwrapPath: "/nonexistent/bwrap", unsafeNoSandbox: true, tempParent: scratch, timeLimitMs: 5000 });
    try {
      expect(r.describe()).toMatchObject({ isolation: "none", unsafeNoSandbox: true, unavailable: "bubblewrap not found at /nonexistent/bwrap" });
      const suite = { id: "a_p05", domain: "a", p_label: "p05", title: "", description: "", testCommand: "node -e 0", tasks: [{ id: "task-1", title: "", description: "", dependencies: [], files: [] }] };
      expect((await r.run(new Map(), suite)).returncode).toBe(0);
    } finally {
      r.dispose();
    }
    // Where the sandbox works, the opt-out changes nothing: it is still used.
    const s = createSandboxRunner({ unsafeNoSandbox: true });
    expect(s.describe()).toMatchObject({ isolation: "bwrap", unsafeNoSandbox: true, unavailable: null });
    s.dispose();
  });

  it("the limits are checked once, with the bad value named", () => {
    expect(() => resolveSandboxLimits("f", { maxProcesses: 2 })).toThrow("f: maxProcesses must be an integer from 16 to 65536; got 2");
    expect(() => resolveSandboxLimits("f", { unsafeNoSandbox: "yes" as never })).toThrow('f: unsafeNoSandbox must be true or false; got "yes"');
    expect(() => resolveSandboxLimits("f", { bwrapPath: "bwrap" })).toThrow('f: bwrapPath must be an absolute path or null; got "bwrap"');
    expect(resolveSandboxLimits("f", { timeLimitMs: 2500 }).cpuSeconds).toBe(4);
  });
});

describe("descriptors", () => {
  it("a descriptor the sweep inherited without close-on-exec does not reach the sandbox", async () => {
    // A child sweep started by a shell that left fd 240 open on a host folder without close-on-exec
    // (a way out of any mount namespace, through openat(240, "..")); Node marks low inherited
    // descriptors close-on-exec at start-up, not high ones. Inside its sandbox fd 240 must be /dev/null.
    const script = join(scratch, "fds.mts");
    writeFileSync(
      script,
      `import { createCommandRunner } from ${JSON.stringify(resolve("src/sandbox/command-runner.ts"))};
       const r = createCommandRunner({ timeLimitMs: 20_000 });
       const suite = { id: "a_p05", domain: "a", p_label: "p05", title: "", description: "", testCommand: "sh -c 'for f in 239 240; do echo FAILED fd$f $(readlink /proc/self/fd/$f); done; exit 1'",
         tasks: [{ id: "task-1", title: "", description: "", dependencies: [], files: [] }] };
       const o = await r.run(new Map(), suite);
       process.stdout.write(JSON.stringify(o.failures));
       r.dispose();`,
    );
    const child = spawn("/bin/bash", ["-c", `exec 240<${scratch}; exec "${process.execPath}" --import tsx "${script}"`], { stdio: ["ignore", "pipe", "inherit"], cwd: resolve(".") });
    let out = "";
    child.stdout!.on("data", (d) => (out += String(d)));
    await new Promise((r) => child.on("close", r));
    expect(JSON.parse(out)).toEqual(["(command) FAILED fd239", "(command) FAILED fd240 /dev/null"]);
  });
});

describe("the memory watch", () => {
  it("sums the resident memory of the whole process tree: a small shell whose child holds 200 MB is killed at 100 MB", async () => {
    const r = await spawnLimited({
      command: "/bin/sh",
      args: ["-c", `"${process.execPath}" -e "const b = Buffer.alloc(200 << 20, 1); setTimeout(() => b, 20000)"; true`],
      cwd: scratch,
      env: {},
      timeLimitMs: 30_000,
      rssLimitBytes: 100 << 20,
      maxOutputBytes: 4096,
      killOutputBytes: 1 << 20,
    });
    expect(r.killed).toBe("memory");
    expect(r.peakRssBytes).toBeGreaterThan(100 << 20);
  });
});
