import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SANDBOX_ROOT_DROP } from "../../src/sandbox/bwrap.js";
import { createCommandRunner } from "../../src/sandbox/command-runner.js";
import { createSandboxRunner } from "../../src/sandbox/node-sandbox-runner.js";
import type { Suite } from "../../src/tasks/types.js";
import { ATTEMPT, runProbe } from "./probe.js";

/**
 * Issue 10's file-system attacks, through the runners directly: process.report writes outside,
 * reading /etc/passwd, the sweep's /proc/<pid>/environ, the project, home folders and .env files,
 * writing outside, a unix socket file created outside, require.resolve probing outside paths. On the
 * `--test-command` path the agent's code has every power of Node, so only the OS sandbox stops it;
 * on the JS path Node's permission model and the preload stop most of it first.
 */

const outside = mkdtempSync(join(tmpdir(), "sandbox-escape-"));
const SECRET = "sk-escape-test-7Hq2Lm9Xv4Rt8Wz1Pb6N";
writeFileSync(join(outside, "secret.txt"), SECRET);
writeFileSync(join(outside, "exists.js"), "module.exports = 1;\n");
writeFileSync(join(outside, ".env"), `OPENAI_API_KEY=${SECRET}\n`);
writeFileSync(join(outside, "package.json"), JSON.stringify({ name: "outside-secret-name", version: "9.9.9" }));
const project = resolve(".");
afterAll(() => rmSync(outside, { recursive: true, force: true }));

beforeEach(() => {
  process.env["OPENAI_API_KEY"] = SECRET;
});
afterEach(() => {
  delete process.env["OPENAI_API_KEY"];
});

/** Host paths the attacks try to create; none may exist afterwards. */
const targets = {
  file: join(outside, "escaped.txt"),
  report: join(outside, "report.json"),
  socket: join(outside, "evil.sock"),
  rawSocket: join(outside, "raw.sock"),
};
const nothingWritten = (): void => {
  for (const p of Object.values(targets)) expect(existsSync(p)).toBe(false);
  expect(readdirSync(outside).sort()).toEqual([".env", "exists.js", "package.json", "secret.txt"]);
};

const command = createCommandRunner({ timeLimitMs: 20_000 });
afterAll(() => command.dispose());

describe("--test-command path: agent code with all of Node's powers stays inside", () => {
  it("sees only the system folders and its workspace; reads no /etc/passwd, project, home, .env or secret", async () => {
    const { report } = await runProbe(
      command,
      `${ATTEMPT}
      const fs = require("fs");
      report.root = fs.readdirSync("/").sort();
      report.sandbox = fs.readdirSync("/sandbox").sort();
      report.workspace = fs.readdirSync(".").sort();
      report.cwd = process.cwd();
      report.tmp = fs.readdirSync("/tmp");
      report.etc = fs.readdirSync("/etc").sort();
      report.uid = process.getuid();
      report.env = process.env;
      for (const p of ["/etc/passwd", "/etc/shadow", "/etc/hosts", ${JSON.stringify(join(outside, "secret.txt"))}, ${JSON.stringify(join(outside, ".env"))},
                       ${JSON.stringify(join(project, "package.json"))}, ${JSON.stringify(join(project, ".env"))}, "/root/.bashrc", "/home", "/run", "/var/run", "/sys/kernel"]) {
        await attempt("read " + p, () => fs.readFileSync(p, "utf8"));
      }`,
    );
    expect(report["root"]).toEqual(["bin", "dev", "etc", "lib", "lib64", "proc", "sandbox", "sbin", "tmp", "usr"].filter((d) => d !== "lib64" || existsSync("/lib64")));
    expect(report["sandbox"]).toEqual(["ws"]);
    expect(report["workspace"]).toEqual(["probe.cjs"]);
    expect(report["cwd"]).toBe("/sandbox/ws");
    expect(report["tmp"]).toEqual([]);
    expect(report["etc"]).toEqual(["alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d"].filter((f) => existsSync(`/etc/${f}`)));
    expect(report["uid"]).toBe(process.getuid?.() === 0 ? SANDBOX_ROOT_DROP.uid : process.getuid?.());
    expect(Object.keys(report["env"] as object).sort()).toEqual(["HOME", "LANG", "LLM_TEAMS_TASKS", "PATH", "PWD", "PYTHONDONTWRITEBYTECODE", "TMPDIR", "TZ"]);
    for (const [k, v] of Object.entries(report)) {
      if (k.startsWith("read ")) expect(v, k).toEqual({ ok: false, code: "ENOENT" });
    }
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it("cannot read the sweep's environment from /proc: only the sandbox's own processes are there", async () => {
    const { report } = await runProbe(
      command,
      `${ATTEMPT}
      const fs = require("fs");
      report.pids = fs.readdirSync("/proc").filter((p) => /^\\d+$/.test(p)).map(Number).sort((a, b) => a - b);
      report.self = process.pid;
      await attempt("parent environ", () => fs.readFileSync("/proc/${process.pid}/environ", "utf8"));
      await attempt("parent cmdline", () => fs.readFileSync("/proc/${process.pid}/cmdline", "utf8"));
      report.environs = report.pids.map((p) => { try { return fs.readFileSync("/proc/" + p + "/environ", "utf8"); } catch (e) { return e.code; } });`,
    );
    // bubblewrap's init is pid 1; the shell-less command is pid 2 (prlimit exec'd node).
    expect(report["pids"]).toEqual([1, 2]);
    expect(report["self"]).toBe(2);
    expect(report["parent environ"]).toEqual({ ok: false, code: "ENOENT" });
    expect(report["parent cmdline"]).toEqual({ ok: false, code: "ENOENT" });
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it("cannot write outside: not the host's folders, not the read-only root, not through process.report", async () => {
    const { report } = await runProbe(
      command,
      `${ATTEMPT}
      const fs = require("fs");
      for (const p of [${JSON.stringify(targets.file)}, "/usr/escaped", "/escaped", "/etc/escaped", "/sandbox/escaped", "/dev/escaped", "/proc/escaped"]) {
        await attempt("write " + p, () => fs.writeFileSync(p, "x"));
      }
      // Node's diagnostic report, which Node 20's permission model does not cover.
      process.report.directory = ${JSON.stringify(outside)};
      process.report.filename = "report.json";
      await attempt("report outside", () => process.report.writeReport());
      process.report.directory = "/usr/bin";
      await attempt("report in /usr/bin", () => process.report.writeReport());
      await attempt("report by path", () => process.report.writeReport(${JSON.stringify(targets.report)}));
      await attempt("write workspace", () => { fs.writeFileSync("ok.txt", "x"); return fs.readFileSync("ok.txt", "utf8"); });
      await attempt("write /tmp", () => { fs.writeFileSync("/tmp/ok.txt", "x"); return fs.readFileSync("/tmp/ok.txt", "utf8"); });`,
    );
    expect(report[`write ${targets.file}`]).toEqual({ ok: false, code: "ENOENT" });
    for (const p of ["/usr/escaped", "/escaped", "/etc/escaped", "/sandbox/escaped", "/dev/escaped"]) expect(report[`write ${p}`], p).toEqual({ ok: false, code: "EROFS" });
    expect(report["write /proc/escaped"]).toMatchObject({ ok: false });
    // writeReport does not throw: it prints its failure and returns a name; no file may appear outside.
    expect(report["write workspace"]).toEqual({ ok: true, value: "x" });
    expect(report["write /tmp"]).toEqual({ ok: true, value: "x" });
    nothingWritten();
  });

  it("control: without the OS sandbox (the unsafe opt-out) the same code writes outside and reads the secret", async () => {
    const unsafe = createCommandRunner({ timeLimitMs: 20_000, unsafeNoSandbox: true, bwrapPath: "/nonexistent/bwrap" });
    try {
      const { report } = await runProbe(
        unsafe,
        `${ATTEMPT}
        const fs = require("fs");
        await attempt("write", () => fs.writeFileSync(${JSON.stringify(targets.file)}, "x"));
        await attempt("read", () => fs.readFileSync(${JSON.stringify(join(outside, "secret.txt"))}, "utf8").length);`,
      );
      expect(report).toEqual({ write: { ok: true }, read: { ok: true, value: SECRET.length } });
      expect(existsSync(targets.file)).toBe(true);
      expect(unsafe.describe()).toMatchObject({ isolation: "none", unsafeNoSandbox: true });
    } finally {
      unsafe.dispose();
      rmSync(targets.file, { force: true });
    }
  });

  it("cannot create a unix socket file outside, nor probe outside paths with require.resolve", async () => {
    const { report } = await runProbe(
      command,
      `${ATTEMPT}
      const net = require("net");
      await attempt("listen outside", () => new Promise((ok, no) => net.createServer().on("error", no).listen(${JSON.stringify(targets.socket)}, () => ok("listening"))));
      await attempt("resolve existing", () => require.resolve(${JSON.stringify(join(outside, "exists.js"))}));
      await attempt("resolve missing", () => require.resolve(${JSON.stringify(join(outside, "missing.js"))}));
      await attempt("outside package.json", () => require(${JSON.stringify(join(outside, "package.json"))}).name);
      await attempt("project package.json", () => require(${JSON.stringify(join(project, "package.json"))}).name);`,
    );
    // Node reports a missing folder of a socket path as EACCES (it does so on the host too).
    expect(report["listen outside"]).toEqual({ ok: false, code: "EACCES" });
    // An existing and a missing outside file look the same: nothing outside is there.
    expect(report["resolve existing"]).toEqual({ ok: false, code: "MODULE_NOT_FOUND" });
    expect(report["resolve missing"]).toEqual({ ok: false, code: "MODULE_NOT_FOUND" });
    expect(report["outside package.json"]).toEqual({ ok: false, code: "MODULE_NOT_FOUND" });
    expect(report["project package.json"]).toEqual({ ok: false, code: "MODULE_NOT_FOUND" });
    nothingWritten();
  });
});

describe("JS test path: the same attacks from agent code imported by its tests", () => {
  const suite: Suite = {
    id: "attack_p05",
    domain: "attack",
    p_label: "p05",
    title: "Attempts",
    description: "",
    tasks: [
      {
        id: "task-1",
        title: "Attempt",
        description: "",
        dependencies: [],
        files: ["attempt.js"],
        tests: 'import assert from "node:assert/strict";\nimport { attempt } from "./attempt.js";\nexport const tests = { "attempt returns ok": async () => assert.equal(await attempt(), "ok") };\n',
      },
    ],
  };
  const runner = createSandboxRunner({ timeLimitMs: 20_000 });
  afterAll(() => runner.dispose());
  const attack = (source: string) => runner.run(new Map([["attempt.js", source]]), suite);

  it("process.report: its settings cannot be changed and it cannot be written", async () => {
    const o = await attack(`export function attempt() {
      process.report.directory = ${JSON.stringify(outside)};
      process.report.writeReport(${JSON.stringify(targets.report)});
      return "ok";
    }`);
    expect(o.returncode).toBe(1);
    expect(o.failures[0]).toMatch(/^task-1 > attempt returns ok: TypeError: Cannot assign to read only property 'directory'/);
    const w = await attack(`export function attempt() { process.report.writeReport(${JSON.stringify(targets.report)}); return "ok"; }`);
    expect(w.failures[0]).toBe("task-1 > attempt returns ok: Error: writing diagnostic reports is disabled in the test sandbox (process.report.writeReport)");
    nothingWritten();
  });

  const rawPipe = `export function attempt() {
      const Pipe = process.stdout._handle.constructor;
      const err = new Pipe(1).bind(${JSON.stringify(targets.rawSocket)});
      return err === 0 ? "ok" : "bind failed " + err;
    }`;
  const rawServer = `import net from "node:net";
      export function attempt() { const h = net._createServerHandle(${JSON.stringify(targets.socket)}, -1, -1); return typeof h === "number" ? "failed " + h : "ok"; }`;

  it("raw handles: a unix socket bound outside through process.stdout's Pipe or net._createServerHandle", async () => {
    // Node's permission model does not see these; the folder does not exist in the sandbox (-13: EACCES, as Node reports a missing folder).
    expect((await attack(rawPipe)).failures).toEqual(["task-1 > attempt returns ok: AssertionError: Expected values to be strictly equal: + actual - expected + 'bind failed -13' - 'ok'"]);
    expect((await attack(rawServer)).failures).toEqual(["task-1 > attempt returns ok: AssertionError: Expected values to be strictly equal: + actual - expected + 'failed -13' - 'ok'"]);
    nothingWritten();
  });

  it("control: without the OS sandbox (the unsafe opt-out) the same raw-handle attacks create socket files outside", async () => {
    const unsafe = createSandboxRunner({ timeLimitMs: 20_000, unsafeNoSandbox: true, bwrapPath: "/nonexistent/bwrap" });
    try {
      expect(await unsafe.run(new Map([["attempt.js", rawPipe]]), suite)).toMatchObject({ returncode: 0 });
      expect(await unsafe.run(new Map([["attempt.js", rawServer]]), suite)).toMatchObject({ returncode: 0 });
      expect(existsSync(targets.rawSocket)).toBe(true);
      expect(existsSync(targets.socket)).toBe(true);
    } finally {
      unsafe.dispose();
      rmSync(targets.rawSocket, { force: true });
      rmSync(targets.socket, { force: true });
    }
  });

  it("require.resolve and reading outside: refused, and an existing path looks like a missing one", async () => {
    const existing = await attack(`import { createRequire } from "node:module"; export function attempt() { createRequire(import.meta.url).resolve(${JSON.stringify(join(outside, "exists.js"))}); return "ok"; }`);
    const missing = await attack(`import { createRequire } from "node:module"; export function attempt() { createRequire(import.meta.url).resolve(${JSON.stringify(join(outside, "missing.js"))}); return "ok"; }`);
    expect(existing.returncode).toBe(1);
    expect(existing.failures[0]!.replace("exists.js", "X")).toBe(missing.failures[0]!.replace("missing.js", "X"));
    expect(existing.failures[0]).toMatch(/Cannot find module/);
    const pkg = await attack(`import { createRequire } from "node:module"; export function attempt() { return createRequire(import.meta.url)(${JSON.stringify(join(outside, "package.json"))}).name; }`);
    expect(pkg.failures.join("\n")).not.toContain("outside-secret-name");
  });
});
