import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { createCommandRunner } from "../../src/sandbox/command-runner.js";
import { createSandboxRunner } from "../../src/sandbox/node-sandbox-runner.js";
import type { Suite } from "../../src/tasks/types.js";
import { ATTEMPT, runProbe } from "./probe.js";

/**
 * Issue 10's network attacks, through the runners directly: raw TCP, UDP and listening sockets, a
 * host unix-domain socket (by path and in the abstract namespace) reached through Node's raw handles.
 * The host side listens on 127.0.0.1 and counts what arrives; nothing may. The sandbox has its own
 * empty network namespace (only its own loopback), and no host folder holding a socket is mounted.
 */

const dir = mkdtempSync(join(tmpdir(), "sandbox-net-"));
const unixPath = join(dir, "host.sock");
const abstractName = `\0llm-teams-test-${randomBytes(6).toString("hex")}`;
let tcp: Server;
let unix: Server;
let abstract: Server;
let udp: UdpSocket;
let tcpPort = 0;
let udpPort = 0;
const arrived = { tcp: 0, unix: 0, abstract: 0, udp: 0 };

const listen = (server: Server, where: string | number): Promise<void> =>
  new Promise((resolve) => (typeof where === "number" ? server.listen(where, "127.0.0.1", resolve) : server.listen(where, resolve)));

beforeAll(async () => {
  tcp = createServer((s) => {
    arrived.tcp++;
    s.end("host\n");
  });
  unix = createServer((s) => {
    arrived.unix++;
    s.end("host\n");
  });
  abstract = createServer((s) => {
    arrived.abstract++;
    s.end("host\n");
  });
  await listen(tcp, 0);
  await listen(unix, unixPath);
  await listen(abstract, abstractName);
  tcpPort = (tcp.address() as AddressInfo).port;
  udp = createSocket("udp4");
  udp.on("message", () => arrived.udp++);
  await new Promise<void>((resolve) => udp.bind(0, "127.0.0.1", resolve));
  udpPort = udp.address().port;
});
afterAll(async () => {
  await Promise.all([tcp, unix, abstract].map((s) => new Promise((r) => s.close(r))));
  udp.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The host's own servers still answer the host (so a count of 0 means the sandbox never got there). */
async function hostCanReach(where: number | string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = typeof where === "number" ? connect(where, "127.0.0.1") : connect(where);
    s.on("data", () => {
      s.destroy();
      resolve(true);
    }).on("error", () => resolve(false));
  });
}

const command = createCommandRunner({ timeLimitMs: 20_000 });
afterAll(() => command.dispose());

describe("--test-command path: no connection leaves the sandbox", () => {
  it("TCP and UDP to the host's loopback, a host unix socket by path and in the abstract namespace, an outside address, DNS", async () => {
    const { report } = await runProbe(
      command,
      `${ATTEMPT}
      const net = require("net"), dgram = require("dgram"), dns = require("dns").promises;
      const talk = (...where) => new Promise((ok, no) => { const s = net.connect(...where); s.setTimeout(2000, () => no(Object.assign(new Error("timeout"), { code: "TIMEOUT" }))); s.on("data", (d) => { ok(String(d)); s.destroy(); }).on("error", no); });
      await attempt("tcp host", () => talk(${tcpPort}, "127.0.0.1"));
      await attempt("unix path", () => talk(${JSON.stringify(unixPath)}));
      await attempt("unix abstract", () => talk(${JSON.stringify(abstractName)}));
      await attempt("tcp outside", () => talk(80, "192.0.2.1"));
      await attempt("dns", () => dns.lookup("example.com"));
      await attempt("udp host", () => new Promise((ok, no) => { const u = dgram.createSocket("udp4"); u.send("x", ${udpPort}, "127.0.0.1", (e) => { u.close(); e ? no(e) : ok("sent"); }); }));
      report.interfaces = Object.keys(require("os").networkInterfaces());`,
    );
    expect(report["tcp host"]).toEqual({ ok: false, code: "ECONNREFUSED" });
    expect(report["unix path"]).toEqual({ ok: false, code: "ENOENT" });
    expect(report["unix abstract"]).toEqual({ ok: false, code: "ECONNREFUSED" });
    expect(report["tcp outside"]).toEqual({ ok: false, code: "ENETUNREACH" });
    expect(report["dns"]).toMatchObject({ ok: false });
    // A datagram to the sandbox's own loopback is "sent", and lost: the host's socket gets nothing.
    expect(report["udp host"]).toEqual({ ok: true, value: "sent" });
    expect(report["interfaces"]).toEqual(["lo"]);
    expect(arrived).toEqual({ tcp: 0, unix: 0, abstract: 0, udp: 0 });
    expect(await hostCanReach(tcpPort)).toBe(true);
    expect(await hostCanReach(unixPath)).toBe(true);
    expect(await hostCanReach(abstractName)).toBe(true);
    arrived.tcp = arrived.unix = arrived.abstract = 0;
  });

  it("control: without the OS sandbox and without unshare (the unsafe opt-out, network: preload) the same code reaches the host", async () => {
    const unsafe = createCommandRunner({ timeLimitMs: 20_000, unsafeNoSandbox: true, bwrapPath: "/nonexistent/bwrap", network: "preload" });
    try {
      const { report } = await runProbe(
        unsafe,
        `${ATTEMPT}
        const net = require("net");
        const talk = (...where) => new Promise((ok, no) => net.connect(...where).on("data", (d) => ok(String(d))).on("error", no));
        await attempt("tcp host", () => talk(${tcpPort}, "127.0.0.1"));
        await attempt("unix path", () => talk(${JSON.stringify(unixPath)}));`,
      );
      expect(report).toEqual({ "tcp host": { ok: true, value: "host\n" }, "unix path": { ok: true, value: "host\n" } });
      expect(arrived).toMatchObject({ tcp: 1, unix: 1 });
    } finally {
      unsafe.dispose();
      arrived.tcp = arrived.unix = 0;
    }
  });

  it("a server listening inside cannot be reached from the host", async () => {
    const banner = `sandboxed-${randomBytes(6).toString("hex")}`;
    const { report } = await runProbe(
      command,
      `const net = require("net");
      const server = net.createServer((s) => s.end(${JSON.stringify(banner)}));
      await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
      report.port = server.address().port;
      server.close();`,
    );
    const port = report["port"] as number;
    expect(port).toBeGreaterThan(0);
    const seen = await new Promise<string>((resolve) => {
      let text = "";
      const s = connect(port, "127.0.0.1");
      s.on("data", (d) => (text += String(d)))
        .on("close", () => resolve(text))
        .on("error", () => resolve(text));
    });
    expect(seen).not.toContain(banner);
  });
});

describe("JS test path: raw handles past the network preload", () => {
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

  it("a TCP server handle listening, a Pipe connecting to the host's unix sockets: nothing reaches the host", async () => {
    // net._createServerHandle is not behind the preload's locks: inside the sandbox it binds the
    // sandbox's own loopback, which no host process can reach.
    const listen = await runner.run(new Map([["attempt.js", `import net from "node:net";
      export function attempt() { const h = net._createServerHandle("127.0.0.1", ${tcpPort}, 4); return typeof h === "number" ? "failed " + h : "ok"; }`]]), suite);
    expect(listen).toMatchObject({ returncode: 0, passed: 1 });
    expect(arrived.tcp).toBe(0);
    expect(await hostCanReach(tcpPort)).toBe(true);
    arrived.tcp = 0;
    // A socket around a raw Pipe handle: the preload stops its connect here; the --test-command test
    // above shows that with every API available the host's sockets are still out of reach.
    for (const where of [unixPath, abstractName]) {
      const o = await runner.run(new Map([["attempt.js", `import net from "node:net";
        export function attempt() { return new Promise((ok, no) => { const s = new net.Socket({ handle: new (process.stdout._handle.constructor)(0) });
          s.on("error", no); s.on("data", () => ok("ok")); s.connect(${JSON.stringify(where)}); }); }`]]), suite);
      expect(o.returncode).toBe(1);
    }
    expect(arrived).toEqual({ tcp: 0, unix: 0, abstract: 0, udp: 0 });
  });
});
