/**
 * The two files a sandboxed test process runs besides the agent's code, kept as source text and
 * handed to each job (read-only inside the OS sandbox; so no file of this package has to be located
 * at run time, which also works inside notebooks). Node runs them with `--frozen-intrinsics`: the
 * built-in prototypes and constructors (`Object.prototype`, `Promise`, `JSON`, `Array.prototype`,
 * ...) cannot be changed by the agent's code.
 *
 * - `NO_NETWORK_PRELOAD` (CommonJS, loaded with `--require` before anything else): replaces every
 *   way to open a connection that JavaScript can reach (`net.Socket.prototype.connect`, `net.connect`,
 *   `net.Server.prototype.listen`, `tls.connect`, `http(s).request/get`, `http(s).Agent`'s
 *   `createConnection`, `http2.connect`, `dgram`, every `dns` lookup, `fetch`, `WebSocket`,
 *   `EventSource`) and the ways to signal other processes (`process.kill`, `process._kill`,
 *   `os.setPriority`), the ways to read this process's memory or change V8's flags (`v8.getHeapSnapshot`,
 *   `v8.writeHeapSnapshot`, `v8.setFlagsFromString`, `v8.setHeapSnapshotNearHeapLimit`; a heap
 *   snapshot would reveal the harness's nonce) with functions that throw `ERR_SANDBOX_NETWORK` /
 *   `ERR_SANDBOX_PROCESS`, and `process.report` with a frozen object whose settings cannot be changed
 *   and whose methods throw (a report can be written to any folder). The replacements are
 *   non-writable and non-configurable, and the originals are unreachable: the permission model
 *   blocks `process.binding`, addons, child processes, workers and the inspector.
 * - `HARNESS_SOURCE` (ES module): reads a nonce from stdin and takes every function it needs before
 *   any agent code loads, freezes `node:assert` and `node:assert/strict` (so agent code cannot turn
 *   an assertion into a no-op) and makes the global names constant (`Math`, `Promise`, `JSON`, ...:
 *   a test helper's `Math.abs` is the real one), imports the task's test module, takes the list of its tests at once
 *   (before agent code can run again), runs each (async tests get `testTimeoutMs`; a synchronous
 *   endless loop is the parent's wall-clock limit's job), writes one result line, prefixed by the
 *   nonce, to fd 3, and exits with code 0. The parent counts the line only if the process then exits
 *   with 0. Agent code does not know the nonce, so it cannot forge a result line.
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
  const v8 = require("v8");
  for (const key of ["getHeapSnapshot", "writeHeapSnapshot", "setFlagsFromString", "setHeapSnapshotNearHeapLimit"]) {
    lock(v8, key, "v8." + key, "ERR_SANDBOX_PROCESS", "reading the heap or changing V8 flags");
  }
  const report = {};
  for (const key of ["writeReport", "getReport"]) {
    report[key] = denied("ERR_SANDBOX_PROCESS", "process.report." + key, "writing diagnostic reports");
  }
  Object.assign(report, { directory: "", filename: "", compact: false, excludeNetwork: true, signal: "SIGUSR2", reportOnFatalError: false, reportOnSignal: false, reportOnUncaughtException: false });
  try {
    Object.defineProperty(process, "report", { value: Object.freeze(report), writable: false, configurable: false, enumerable: true });
  } catch (e) {
    process.stderr.write("sandbox preload: cannot replace process.report: " + e.message + "\n");
    process.reallyExit(97);
  }
  // ES module views of the built-ins read these values from now on.
  require("module").syncBuiltinESMExports();
})();
`;

/**
 * `seal.mjs`, next to the harness, which imports it first (so it is evaluated before any agent code
 * and its binding of Object.freeze cannot be swapped). Each test module ends with `TEST_MODULE_SEAL`,
 * which freezes its own `tests` table the moment the module has finished evaluating: agent code that
 * imports the test module (a cycle) and waits for a microtask can no longer replace a failing test.
 */
export const SEAL_SOURCE = String.raw`const freeze = Object.freeze;
export function seal(table) {
  if (table !== null && (typeof table === "object" || typeof table === "function")) freeze(table);
}
`;

/** Appended to a task's test module (saved as `name` in the workspace; the harness folder is `../harness`). */
export function testModuleSeal(name: string): string {
  return `\nimport { seal as __sandboxSeal } from "../harness/seal.mjs";\nimport * as __sandboxSelf from "./${name}";\n__sandboxSeal(__sandboxSelf.tests);\n`;
}

export const HARNESS_SOURCE = String.raw`import "./seal.mjs";
import { readFileSync, writeSync } from "node:fs";
import { pathToFileURL } from "node:url";
import assertModule from "node:assert";
import strictModule from "node:assert/strict";

// Taken before any agent code runs: the nonce, and everything used after agent code has loaded. The
// intrinsics are frozen (--frozen-intrinsics), but the global names bound to them (Promise, JSON,
// String, ...) and process's own methods can still be replaced by agent code.
const nonce = readFileSync(0, "utf8").trim();
const P = Promise;
const race = Promise.race;
const Str = String;
const Bool = Boolean;
const ErrorType = Error;
const stringify = JSON.stringify;
const entriesOf = Object.entries;
const reallyExit = process.reallyExit;
const write = writeSync;
const SetTimeout = setTimeout;
const ClearTimeout = clearTimeout;
const [testFile, taskId, timeoutArg] = process.argv.slice(2);
const testTimeoutMs = Number(timeoutArg);
const testUrl = pathToFileURL(testFile).href;

// The assertion library the tests use: frozen, so agent code cannot make an assertion a no-op.
function deepFreeze(root) {
  const seen = new Set();
  const stack = [root];
  while (stack.length > 0) {
    const o = stack.pop();
    if (o === null || (typeof o !== "object" && typeof o !== "function") || seen.has(o)) continue;
    seen.add(o);
    Object.freeze(o);
    for (const key of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, key);
      if (d && "value" in d) stack.push(d.value);
    }
  }
}
deepFreeze(assertModule);
deepFreeze(strictModule);

// The global names (Math, Promise, JSON, RangeError, setTimeout, ...) made constant: a test module's
// helpers look them up when they run, after agent code has loaded. Accessors (Node's lazily loaded
// globals) are left as they are.
for (const key of Reflect.ownKeys(globalThis)) {
  const d = Object.getOwnPropertyDescriptor(globalThis, key);
  if (d && "value" in d && d.configurable) {
    Object.defineProperty(globalThis, key, { value: d.value, writable: false, enumerable: d.enumerable, configurable: false });
  }
}

function describe(e) {
  if (e && typeof e === "object" && e.code === "ERR_ACCESS_DENIED") {
    const what = [e.permission, e.resource].filter(Bool).join(" ");
    return "sandbox: access denied" + (what ? " (" + what + ")" : "") + ": " + Str(e.message);
  }
  const text = e instanceof ErrorType ? Str(e.name) + ": " + Str(e.message) : Str(e);
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? flat.slice(0, 297) + "..." : flat;
}

// One line on fd 3, prefixed by the nonce, then exit 0 at once (no 'exit' listeners of agent code run).
function report(result) {
  write(3, nonce + stringify(result) + "\n");
  reallyExit.call(process, 0);
}

async function runOne(fn) {
  let timer;
  const timeout = new P((resolve) => {
    timer = SetTimeout(() => resolve("timed out after " + testTimeoutMs + " ms"), testTimeoutMs);
  });
  try {
    return await race.call(P, [P.resolve().then(fn).then(() => null), timeout]);
  } catch (e) {
    return describe(e);
  } finally {
    ClearTimeout(timer);
  }
}

let mod;
try {
  mod = await import(testUrl);
} catch (e) {
  report({ loadError: "cannot load the test module: " + describe(e) });
}
const table = mod && mod.tests;
if (typeof table !== "object" || table === null) {
  report({ loadError: "the test module does not export an object named tests" });
}
// The list of tests, taken at once; the table itself was frozen when its module finished evaluating.
const entries = entriesOf(table);
let passed = 0;
let failed = 0;
const failures = [];
for (const [name, fn] of entries) {
  const problem = typeof fn === "function" ? await runOne(fn) : "is not a function";
  if (problem === null) passed++;
  else {
    failed++;
    failures[failures.length] = taskId + " > " + Str(name) + ": " + problem;
  }
}
report({ passed, failed, failures });
`;
