/**
 * The two files a sandboxed test process runs besides the agent's code, kept as source text and
 * written next to each job's workspace (so no file of this package has to be located at run time,
 * which also works inside notebooks).
 *
 * - `NO_NETWORK_PRELOAD` (CommonJS, loaded with `--require` before anything else): replaces every
 *   way to open a connection that JavaScript can reach (`net.Socket.prototype.connect`, `net.connect`,
 *   `net.Server.prototype.listen`, `tls.connect`, `http(s).request/get`, `http(s).Agent`'s
 *   `createConnection`, `http2.connect`, `dgram`, every `dns` lookup, `fetch`, `WebSocket`,
 *   `EventSource`) and the ways to signal other processes (`process.kill`, `process._kill`,
 *   `os.setPriority`) with functions that throw `ERR_SANDBOX_NETWORK` / `ERR_SANDBOX_PROCESS`. The
 *   replacements are non-writable and non-configurable, and the originals are unreachable: the
 *   permission model blocks `process.binding`, addons, child processes, workers and the inspector.
 * - `HARNESS_SOURCE` (ES module): reads a nonce from stdin before any agent code loads, imports the
 *   task's test module, runs every exported test (async tests get `testTimeoutMs`; a synchronous
 *   endless loop is the parent's wall-clock limit's job), and writes one result line, prefixed by the
 *   nonce, to fd 3. Agent code does not know the nonce, so it cannot forge a result line.
 */

export const NO_NETWORK_PRELOAD = String.raw`"use strict";
(function () {
  function denied(code, what, kind) {
    return function blocked() {
      const e = new Error(kind + " is disabled in the test sandbox (" + what + ")");
      e.code = code;
      throw e;
    };
  }
  function lock(obj, key, what, code, kind) {
    if (!obj) return;
    try {
      Object.defineProperty(obj, key, { value: denied(code || "ERR_SANDBOX_NETWORK", what, kind || "network access"), writable: false, configurable: false, enumerable: true });
    } catch (e) {
      // A property that cannot be redefined would be a hole: refuse to run at all.
      process.stderr.write("sandbox preload: cannot replace " + what + ": " + e.message + "\n");
      process.reallyExit(97);
    }
  }
  // Load every module first: locking a prototype's property before a subclass module assigns its own
  // (https.Agent over http.Agent) would make that assignment throw.
  const net = require("net");
  const tls = require("tls");
  const http = require("http");
  const https = require("https");
  const http2 = require("http2");
  const dgram = require("dgram");
  const dns = require("dns");
  const os = require("os");
  lock(net.Socket.prototype, "connect", "net.Socket.prototype.connect");
  lock(net, "connect", "net.connect");
  lock(net, "createConnection", "net.createConnection");
  lock(net.Server.prototype, "listen", "net.Server.prototype.listen");
  lock(tls, "connect", "tls.connect");
  for (const [name, m] of [["http", http], ["https", https]]) {
    lock(m, "request", name + ".request");
    lock(m, "get", name + ".get");
    lock(m.Agent.prototype, "createConnection", name + ".Agent.prototype.createConnection");
  }
  lock(http2, "connect", "http2.connect");
  lock(dgram, "createSocket", "dgram.createSocket");
  for (const key of ["bind", "connect", "send"]) lock(dgram.Socket.prototype, key, "dgram.Socket.prototype." + key);
  const dnsTargets = [dns, dns.promises, dns.Resolver && dns.Resolver.prototype, dns.promises && dns.promises.Resolver && dns.promises.Resolver.prototype];
  for (const target of dnsTargets) {
    if (!target) continue;
    for (const key of new Set(Object.keys(target).concat(Object.getOwnPropertyNames(target)))) {
      if ((key === "lookup" || key === "lookupService" || key === "reverse" || key.startsWith("resolve")) && typeof target[key] === "function") {
        lock(target, key, "dns." + key);
      }
    }
  }
  for (const key of ["fetch", "WebSocket", "EventSource"]) lock(globalThis, key, key);
  lock(process, "kill", "process.kill", "ERR_SANDBOX_PROCESS", "signalling processes");
  lock(process, "_kill", "process._kill", "ERR_SANDBOX_PROCESS", "signalling processes");
  lock(os, "setPriority", "os.setPriority", "ERR_SANDBOX_PROCESS", "changing process priorities");
  // ES module views of the built-ins read these values from now on.
  require("module").syncBuiltinESMExports();
})();
`;

export const HARNESS_SOURCE = String.raw`import { readFileSync, writeSync } from "node:fs";
import { pathToFileURL } from "node:url";

// Taken before any agent code runs: the nonce, and the functions the report needs.
const nonce = readFileSync(0, "utf8").trim();
const stringify = JSON.stringify;
const entriesOf = Object.entries;
const exit = process.exit.bind(process);
const write = writeSync;
const SetTimeout = setTimeout;
const ClearTimeout = clearTimeout;
const [testFile, taskId, timeoutArg] = process.argv.slice(2);
const testTimeoutMs = Number(timeoutArg);

function describe(e) {
  if (e && typeof e === "object" && e.code === "ERR_ACCESS_DENIED") {
    const what = [e.permission, e.resource].filter(Boolean).join(" ");
    return "sandbox: access denied" + (what ? " (" + what + ")" : "") + ": " + String(e.message);
  }
  const text = e instanceof Error ? e.name + ": " + e.message : String(e);
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? flat.slice(0, 297) + "..." : flat;
}

function report(result) {
  write(3, nonce + stringify(result) + "\n");
  exit(0);
}

async function runOne(fn) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = SetTimeout(() => resolve("timed out after " + testTimeoutMs + " ms"), testTimeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(fn).then(() => null), timeout]);
  } catch (e) {
    return describe(e);
  } finally {
    ClearTimeout(timer);
  }
}

let mod;
try {
  mod = await import(pathToFileURL(testFile).href);
} catch (e) {
  report({ loadError: "cannot load the test module: " + describe(e) });
}
const table = mod && mod.tests;
if (typeof table !== "object" || table === null) {
  report({ loadError: "the test module does not export an object named tests" });
}
let passed = 0;
let failed = 0;
const failures = [];
for (const [name, fn] of entriesOf(table)) {
  const problem = typeof fn === "function" ? await runOne(fn) : "is not a function";
  if (problem === null) passed++;
  else {
    failed++;
    failures[failures.length] = taskId + " > " + name + ": " + problem;
  }
}
report({ passed, failed, failures });
`;
