import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSandboxRunner } from "../../src/sandbox/node-sandbox-runner.js";
import { assertNoSymlinks, materialiseWorkspace, SandboxError } from "../../src/sandbox/materialise.js";
import { getSuite } from "../../src/tasks/builtin/index.js";
import type { Suite } from "../../src/tasks/types.js";

/**
 * Each confinement is shown by agent code that tries to break it. The test module calls `attempt()`
 * from the agent's `attempt.js`; a confined attempt makes the test fail with a message saying why, and
 * this process (the parent) carries on.
 */

const root = mkdtempSync(join(tmpdir(), "sandbox-test-"));
const outside = mkdtempSync(join(tmpdir(), "sandbox-outside-"));
const secretFile = join(outside, "secret.txt");
writeFileSync(secretFile, "TOP-SECRET-VALUE\n");

let server: Server;
let port = 0;
let connections = 0;
beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    socket.end("hello\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const suite: Suite = {
  id: "attack_p05",
  domain: "attack",
  p_label: "p05",
  title: "Attempts",
  description: "Agent code that tries to leave the sandbox.",
  tasks: [
    {
      id: "task-1",
      title: "Attempt",
      description: "",
      dependencies: [],
      files: ["attempt.js"],
      tests:
        'import assert from "node:assert/strict";\nimport { attempt } from "./attempt.js";\n' +
        'export const tests = { "attempt returns ok": async () => assert.equal(await attempt(), "ok") };\n',
    },
  ],
};

const runner = createSandboxRunner({ timeLimitMs: 3000, heapMb: 64, rssMb: 256, tempParent: root });
afterAll(() => runner.dispose());

async function attempt(source: string, r = runner) {
  return r.run(new Map([["attempt.js", source]]), suite);
}

describe("createSandboxRunner: ordinary test runs", () => {
  it("passes a correct solution and fails a faulty one, like the in-process runner", async () => {
    const s = getSuite("mathutils_p09");
    const task = s.tasks.find((t) => t.id === "task-3")!;
    const good = await runner.run(new Map(Object.entries(task.solution!)), s, ["task-3"]);
    expect(good).toMatchObject({ returncode: 0, failed: 0 });
    expect(good.passed).toBeGreaterThan(0);
    const bad = await runner.run(new Map(Object.entries(task.faulty!)), s, ["task-3"]);
    expect(bad.returncode).toBe(1);
    expect(bad.failures[0]).toMatch(/^task-3 > /);
    const missing = await runner.run(new Map(), s, ["task-3"]);
    expect(missing.returncode).toBe(2);
    expect(missing.failures[0]).toMatch(/^task-3 > \(load\): cannot load the test module: Error: Cannot find module/);
    expect(await attempt("export const attempt = () => 'ok';")).toEqual({ returncode: 0, passed: 1, failed: 0, failures: [] });
  });

  it("writes nothing on the host: the workspace copy lives in the sandbox's own tmpfs", async () => {
    await attempt("export const attempt = () => 'ok';");
    expect(readdirSync(root).filter((f) => f.startsWith("llm-teams-sandbox-"))).toEqual([]);
  });

  it("leaves no job folders behind without the OS sandbox either (unsafe opt-out)", async () => {
    const unsafe = createSandboxRunner({ timeLimitMs: 3000, tempParent: root, unsafeNoSandbox: true, bwrapPath: "/nonexistent/bwrap" });
    try {
      expect(await attempt("export const attempt = () => 'ok';", unsafe)).toMatchObject({ returncode: 0, passed: 1 });
      const roots = readdirSync(root).filter((f) => f.startsWith("llm-teams-sandbox-"));
      expect(roots).toHaveLength(1);
      for (const r of roots) expect(readdirSync(join(root, r))).toEqual([]);
    } finally {
      unsafe.dispose();
    }
    expect(readdirSync(root).filter((f) => f.startsWith("llm-teams-sandbox-"))).toEqual([]);
  });
});

describe("createSandboxRunner: confinement (each attempt fails safely, the parent survives)", () => {
  it("cannot write outside its workspace", async () => {
    const target = join(outside, "escaped.txt");
    const o = await attempt(`import fs from "node:fs"; export function attempt() { fs.writeFileSync(${JSON.stringify(target)}, "x"); return "ok"; }`);
    expect(o.returncode).toBe(1);
    expect(o.failures[0]).toBe(`task-1 > attempt returns ok: sandbox: access denied (FileSystemWrite ${target}): Access to this API has been restricted`);
    expect(existsSync(target)).toBe(false);
  });

  it("cannot read files outside its workspace (a secret in another folder, /etc/passwd)", async () => {
    for (const file of [secretFile, "/etc/passwd"]) {
      const o = await attempt(`import fs from "node:fs"; export function attempt() { return fs.readFileSync(${JSON.stringify(file)}, "utf8"); }`);
      expect(o.returncode).toBe(1);
      expect(o.failures[0]).toContain(`sandbox: access denied (FileSystemRead ${file})`);
      expect(o.failures.join("\n")).not.toContain("TOP-SECRET");
    }
    // Also not by a relative path climbing out of the workspace, nor at import time.
    const o = await attempt(`import fs from "node:fs"; const s = fs.readFileSync("../../../${outside.split("/").slice(-1)[0]}/secret.txt", "utf8"); export const attempt = () => s;`);
    expect(o.returncode).toBe(2);
    expect(o.failures[0]).toContain("sandbox: access denied (FileSystemRead");
  });

  it("cannot spawn a process", async () => {
    const marker = join(outside, "spawned");
    const o = await attempt(`import { execSync } from "node:child_process"; export function attempt() { execSync("touch ${marker}"); return "ok"; }`);
    expect(o.returncode).toBe(1);
    expect(o.failures[0]).toBe("task-1 > attempt returns ok: sandbox: access denied (ChildProcess): Access to this API has been restricted");
    expect(existsSync(marker)).toBe(false);
    const w = await attempt(`import { Worker } from "node:worker_threads"; export function attempt() { new Worker("1", { eval: true }); return "ok"; }`);
    expect(w.failures[0]).toContain("sandbox: access denied (WorkerThreads)");
  });

  it("cannot open a network connection, to a server listening on 127.0.0.1 (fetch, net, http, dns), in the OS sandbox or with the preload alone", async () => {
    const attempts = [
      `export async function attempt() { return (await fetch("http://127.0.0.1:${port}/")).text(); }`,
      `import net from "node:net"; export function attempt() { return new Promise((ok, no) => net.connect(${port}, "127.0.0.1").on("data", () => ok("ok")).on("error", no)); }`,
      `import { Socket } from "node:net"; export function attempt() { return new Promise((ok, no) => new Socket().connect(${port}, "127.0.0.1").on("data", () => ok("ok")).on("error", no)); }`,
      `import http from "node:http"; export function attempt() { return new Promise((ok, no) => http.get("http://127.0.0.1:${port}/", () => ok("ok")).on("error", no)); }`,
      `import { lookup } from "node:dns/promises"; export async function attempt() { await lookup("localhost"); return "ok"; }`,
    ];
    // Without the OS sandbox (the unsafe opt-out, forced here by a missing bwrap) only the preload stands.
    const preloadOnly = createSandboxRunner({ timeLimitMs: 3000, network: "preload", tempParent: root, unsafeNoSandbox: true, bwrapPath: "/nonexistent/bwrap" });
    try {
      for (const r of [runner, preloadOnly]) {
        for (const src of attempts) {
          const o = await attempt(src, r);
          expect(o.returncode).toBe(1);
          expect(o.failures[0]).toMatch(/network access is disabled in the test sandbox \((fetch|net\.Socket\.prototype\.connect|net\.connect|http\.get|dns\.lookup)\)/);
        }
      }
    } finally {
      preloadOnly.dispose();
    }
    expect(connections).toBe(0);
    expect(preloadOnly.describe()).toMatchObject({ network: "preload", isolation: "none", unsafeNoSandbox: true });
    expect(runner.describe()).toMatchObject({ network: "namespace+preload", isolation: "bwrap", unsafeNoSandbox: false, unavailable: null });
  });

  it("cannot signal other processes (this one included)", async () => {
    const o = await attempt(`export function attempt() { process.kill(process.ppid, "SIGKILL"); return "ok"; }`);
    expect(o.failures[0]).toBe("task-1 > attempt returns ok: Error: signalling processes is disabled in the test sandbox (process.kill)");
  });

  it("cannot allocate memory without bound (heap, and buffers outside the heap)", async () => {
    const heap = await attempt(`export function attempt() { const a = []; for (;;) a.push(new Array(1e5).fill(1.5)); }`);
    expect(heap).toMatchObject({ returncode: 1, failures: ["task-1 > (sandbox): out of memory: the JavaScript heap limit is 64 MB"] });
    // Buffers live outside the JS heap: the sandbox's data-segment limit (RLIMIT_DATA = rssMb) makes
    // the allocation fail, or the resident-memory watch kills the sandbox. V8 retries a failed
    // allocation after full collections, which can take seconds on a loaded machine: a longer wall clock.
    const roomy = createSandboxRunner({ timeLimitMs: 20_000, heapMb: 64, rssMb: 256, tempParent: root });
    try {
      const buffers = await attempt(`export function attempt() { const a = []; for (;;) a.push(Buffer.alloc(32 << 20, 1)); }`, roomy);
      expect(buffers.returncode).toBe(1);
      expect(buffers.failures[0]).toMatch(/^task-1 > (attempt returns ok: RangeError: Array buffer allocation failed|\(sandbox\): (killed: resident memory \d+ MB over the limit of 256 MB|out of memory))/);
    } finally {
      roomy.dispose();
    }
  });

  it("cannot loop forever: killed at the wall-clock limit", async () => {
    const o = await attempt(`export function attempt() { for (;;) {} }`);
    expect(o).toEqual({
      returncode: 1,
      passed: 0,
      failed: 1,
      failures: ["task-1 > (sandbox): killed after the 3 s wall-clock limit (an endless loop or a test that never ends?)"],
    });
  });

  it("cannot burn CPU past its CPU-time limit (RLIMIT_CPU), whatever the wall clock allows", async () => {
    const cpu = createSandboxRunner({ timeLimitMs: 60_000, cpuSeconds: 1, tempParent: root });
    try {
      expect(await attempt(`export function attempt() { for (;;) {} }`, cpu)).toEqual({
        returncode: 1,
        passed: 0,
        failed: 1,
        failures: ["task-1 > (sandbox): killed: over the CPU time limit of 1 s"],
      });
    } finally {
      cpu.dispose();
    }
  });

  it("cannot flood the parent with output, forge a result line, or end the process early to pass", async () => {
    const flood = await attempt(`import fs from "node:fs"; export function attempt() { for (;;) fs.writeSync(1, "x".repeat(65536)); }`);
    expect(flood.failures[0]).toBe("task-1 > (sandbox): killed: more than 8388608 bytes of output");
    const forge = await attempt(`import fs from "node:fs"; fs.writeSync(3, '{"passed":9,"failed":0,"failures":[]}\\n'); export const attempt = () => "no";`);
    expect(forge).toMatchObject({ returncode: 1, passed: 0, failed: 1 });
    const exit = await attempt(`process.exit(0); export const attempt = () => "ok";`);
    expect(exit.failures[0]).toBe("task-1 > (sandbox): the test process ended (exit code 0) before reporting its results");
  });

  it("cannot create a symbolic link; a materialised tree with one, or a path leaving it, is refused", async () => {
    const o = await attempt(`import fs from "node:fs"; export function attempt() { fs.symlinkSync("/etc/passwd", "link"); return "ok"; }`);
    expect(o.failures[0]).toContain("sandbox: access denied");
    const tree = mkdtempSync(join(root, "tree-"));
    mkdirSync(join(tree, "sub"));
    writeFileSync(join(tree, "sub", "a.js"), "");
    assertNoSymlinks(tree);
    symlinkSync("/etc/passwd", join(tree, "sub", "passwd.js"));
    expect(() => assertNoSymlinks(tree)).toThrow(new SandboxError("symbolic link in the workspace: sub/passwd.js; links are refused"));
    expect(() => materialiseWorkspace(new Map([["../x.js", ""]]), root, "m-")).toThrow('workspace path "../x.js" refused (path_traversal)');
    expect(() => materialiseWorkspace(new Map([["/etc/x.js", ""]]), root, "m-")).toThrow('workspace path "/etc/x.js" refused (path_absolute)');
    const bad = await runner.run(new Map([["../attempt.js", "export const attempt = () => 'ok';"]]), suite);
    expect(bad.returncode).toBe(2);
    expect(bad.failures[0]).toContain('workspace path "../attempt.js" refused');
  });

  it("gets an environment without the parent's variables (no API key)", async () => {
    process.env["OPENAI_API_KEY"] = "sk-parent-secret-0123456789";
    try {
      const o = await attempt(`export function attempt() { return JSON.stringify(process.env); }`);
      expect(o.failures[0]).not.toContain("sk-parent-secret");
      expect(o.failures[0]).toContain('"HOME"');
    } finally {
      delete process.env["OPENAI_API_KEY"];
    }
  });
});
