import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseEventLines } from "../../src/events/read-jsonl.js";
import { residentBytes, treeResidentBytes } from "../../src/sandbox/spawn-limited.js";
import type { TeamEvent } from "../../src/events/types.js";
import { startHostileServer } from "./client-hostile-server.js";
import { CODE_ATTACKS, HOSTILE_COMMAND_SUITE, HOSTILE_JS_SUITES, REPORT_MARK, hostileScript, type ClientAttack, type CodeAttack, type HostileLog, type HostileTargets, type PromptPlace } from "./hostile-agent.js";
import { processesWith, waitFor } from "./probe.js";

/**
 * Issue 10's "Done when" measurement: a real-backend sweep (`--backend openai`, the sweep CLI's main
 * function in its own process) against the hostile endpoint of hostile-agent.ts on 127.0.0.1, with a
 * long random-looking OPENAI_API_KEY, and what it left behind:
 *
 * - every run recorded (rows of runs.csv);
 * - files written outside the output folder: `find / -xdev -newer MARKER` (without /proc, /sys, /dev,
 *   /run and the output folder), each new file classified. A file the agent code wrote carries the
 *   sweep's tag in its name or content, or belongs to the sandbox's user (uid 65534 when the sweep
 *   runs as root), or lies in the sweep's own folders (its HOME, TMPDIR, the target folder); those
 *   are `violations`, and the victim script must be unchanged. The rest is what other processes of
 *   this (shared) machine wrote meanwhile (`noise`, counted by folder);
 * - the key: in no file of the output folder, the sweep's folders, /tmp, /var/tmp, /dev/shm (any
 *   12-character piece of it, by `grep -rF`), and in no request body the endpoint received;
 * - memory: the sweep process's own peak resident memory (getrusage), and the peak of the sweep
 *   and all its descendants (the sandboxes) polled from /proc every 100 ms;
 * - no daemon of the agent code alive afterwards, no connection to the host's unix sockets, no
 *   request to the endpoint other than chat completions;
 * - evidence that the attacks ran: their reports in the prompts (the exfiltration channel), tests
 *   that ran and failed, requests cut off at the size limit, usage refused.
 */

export interface HostileSweepOptions {
  /** Sweep options for the grid: `--n`, `--mode`, `--reps`, `--max-rounds`, `--concurrency`, ... */
  grid: string[];
  /** Which requests get a client attack instead of agent code, by request number and place in its run. */
  clientAttack: (n: number, place: PromptPlace) => ClientAttack | null;
  /** Kill the sweep after this long (a bound, not a measurement). */
  timeoutMs: number;
  /** Keep the folders for inspection. @default false */
  keep?: boolean;
  /** Suite ids to run. @default all hostile suites */
  suites?: string[];
  /**
   * The control: bubblewrap pointed at a missing file and `--unsafe-no-sandbox`, so that the agent
   * code runs without the OS sandbox; its project target is then a stand-in folder in the sweep's
   * root, and whatever it leaves (tagged files, daemons) is removed afterwards. @default false
   */
  withoutSandbox?: boolean;
}

export interface FileFinding {
  path: string;
  why: string;
}

export interface HostileSweepResult {
  root: string;
  out: string;
  exitCode: number | null;
  /** The sweep's stderr (its last 64 KiB). */
  stderr: string;
  seconds: number;
  rows: Record<string, string>[];
  events: Map<string, TeamEvent[]>;
  /** New files that the agent code could have written (see above); must be empty. */
  violations: FileFinding[];
  /** New files elsewhere, by their first two path components: other processes of the machine. */
  noise: Map<string, number>;
  newFiles: number;
  victimChanged: boolean;
  /** Files holding the key or a 12-character piece of it. */
  keyFiles: string[];
  /** Request bodies holding the key or a piece of it. */
  keyPrompts: number;
  requests: number;
  /** The sweep process's own peak resident memory (getrusage maxRSS), bytes; null if it did not say. */
  sweepPeakBytes: number | null;
  /** The largest resident memory of the sweep process seen by polling, bytes. */
  sweepPolledPeakBytes: number;
  /** The largest resident memory of the sweep and all its descendants seen by polling, bytes. */
  treePeakBytes: number;
  /** Processes of the agent's daemons still alive 5 s after the sweep ended. */
  daemonsLeft: number[];
  /** Connections accepted by the host's unix sockets (path, abstract). */
  socketConnections: number;
  otherPaths: string[];
  /** Prompts showing an executed attack's report, by attack. */
  reportsInPrompts: Record<CodeAttack, number>;
  log: HostileLog;
}

const REPO = resolve(import.meta.dirname, "../..");
const SANDBOX_UID = 65534;

/** Every 12-character piece of `key`. */
function keyPieces(key: string): string[] {
  return Array.from({ length: key.length - 11 }, (_, i) => key.slice(i, i + 12));
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((res, rej) => {
    server.once("error", rej);
    server.listen(path, () => res());
  });
}

/** The prompts' user messages (request bodies are the SDK's JSON). */
function promptTexts(body: string): string[] {
  try {
    const b = JSON.parse(body) as { messages?: { content?: unknown }[] };
    return (b.messages ?? []).map((m) => (typeof m.content === "string" ? m.content : ""));
  } catch {
    return [body];
  }
}

export async function runHostileSweep(options: HostileSweepOptions): Promise<HostileSweepResult> {
  const root = mkdtempSync(join(tmpdir(), "hostile-sweep-"));
  const out = join(root, "out");
  const home = join(root, "home");
  const tmp = join(root, "tmp");
  const outside = join(root, "outside");
  for (const d of [home, tmp, outside]) mkdirSync(d);
  const tag = `hx${randomBytes(5).toString("hex")}`;
  const key = `sk-proj-${randomBytes(36).toString("base64url")}`;
  // Without the OS sandbox the attacks would really write into the project: give them a stand-in.
  const repo = options.withoutSandbox ? join(root, "repo") : REPO;
  if (options.withoutSandbox) {
    mkdirSync(repo);
    writeFileSync(join(repo, "package.json"), '{ "name": "stand-in" }\n');
  }
  const victim = join(outside, "victim.sh");
  writeFileSync(victim, "#!/bin/sh\necho fine\n");
  chmodSync(victim, 0o755);
  const victimBefore = { text: readFileSync(victim, "utf8"), mtime: statSync(victim).mtimeMs };

  // Host unix sockets, by path and in the abstract namespace, that count connections.
  let socketConnections = 0;
  const sockets = [createServer((s) => (socketConnections++, s.destroy())), createServer((s) => (socketConnections++, s.destroy()))];
  const hostSocket = join(outside, "host.sock");
  const abstractSocket = `hostile-${tag}`;
  await listen(sockets[0]!, hostSocket);
  await listen(sockets[1]!, `\0${abstractSocket}`);

  // The attacks are written when a request arrives, so the port can be filled in once the server listens.
  const targets: HostileTargets = { tag, outside, victim, hostSocket, abstractSocket, serverPort: 0, repo };
  const { script, log } = hostileScript(targets, options.clientAttack);
  const hostile = await startHostileServer(script);
  targets.serverPort = Number(new URL(hostile.url).port);

  const marker = join(root, "marker");
  writeFileSync(marker, "");
  await new Promise((r) => setTimeout(r, 50));

  const suites = (options.suites ?? [...HOSTILE_JS_SUITES, HOSTILE_COMMAND_SUITE].map((s) => s.id)).join(",");
  const args = ["--out", out, "--backend", "openai", "--model", "gpt-4o-mini", "--suite", suites, "--max-retries", "1", ...options.grid];
  if (options.withoutSandbox) args.push("--unsafe-no-sandbox");
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "test/security/hostile-sweep-child.ts", ...args], {
    cwd: REPO,
    env: {
      PATH: process.env["PATH"] ?? "/usr/bin:/bin",
      HOME: home,
      TMPDIR: tmp,
      LANG: "C.UTF-8",
      OPENAI_API_KEY: key,
      OPENAI_BASE_URL: hostile.url,
      ...(options.withoutSandbox ? { HOSTILE_SWEEP_NO_BWRAP: "1" } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-65_536)));
  const exited = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
  let sweepPolledPeakBytes = 0;
  let treePeakBytes = 0;
  const poll = setInterval(() => {
    sweepPolledPeakBytes = Math.max(sweepPolledPeakBytes, residentBytes(child.pid!) ?? 0);
    treePeakBytes = Math.max(treePeakBytes, treeResidentBytes(child.pid!) ?? 0);
  }, 100);
  const killer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
  const exitCode = await exited;
  clearInterval(poll);
  clearTimeout(killer);
  const seconds = (performance.now() - t0) / 1000;
  await hostile.close();

  // The agent's daemons must have died with their sandboxes.
  await waitFor(() => processesWith(`hostile-daemon-${tag}`).length === 0, 5000);
  const daemonsLeft = processesWith(`hostile-daemon-${tag}`);

  const last = /hostile-sweep-child: (\{.*\})/.exec(stdout);
  const sweepPeakBytes = last ? (JSON.parse(last[1]!) as { maxRssKb: number }).maxRssKb * 1024 : null;

  const rows: Record<string, string>[] = [];
  if (existsSync(join(out, "runs.csv"))) {
    const [head, ...lines] = readFileSync(join(out, "runs.csv"), "utf8").trimEnd().split("\n");
    const cols = head!.split(",");
    for (const l of lines) rows.push(Object.fromEntries(l.split(",").map((v, i) => [cols[i]!, v])));
  }
  const events = new Map<string, TeamEvent[]>();
  if (existsSync(join(out, "events"))) {
    for (const f of readdirSync(join(out, "events"))) events.set(f.replace(/\.jsonl$/, ""), parseEventLines(readFileSync(join(out, "events", f), "utf8"), f));
  }

  // New files since the marker, outside /proc, /sys, /dev, /run and the output folder.
  const found = spawnSync("find", ["/", "-xdev", "(", "-path", "/proc", "-o", "-path", "/sys", "-o", "-path", "/dev", "-o", "-path", "/run", "-o", "-path", out, ")", "-prune", "-o", "-newer", marker, "-print"], {
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  const newPaths = found.stdout.split("\n").filter((p) => p !== "");
  const violations: FileFinding[] = [];
  const noise = new Map<string, number>();
  const ownFolders = [home, outside, root];
  // The sweep's TMPDIR holds tsx's cache, and would hold the runners' folders without the OS sandbox.
  const allowedInRoot = (p: string): boolean => p === tmp || p.startsWith(join(tmp, "tsx-")) || p.startsWith(join(tmp, "llm-teams-"));
  const asRoot = process.getuid?.() === 0;
  for (const p of newPaths) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue; // gone meanwhile
    }
    const inRoot = ownFolders.some((d) => p === d || p.startsWith(`${d}/`));
    const why: string[] = [];
    if (p.includes(tag)) why.push("tagged name");
    if (asRoot && (st.uid === SANDBOX_UID || st.gid === SANDBOX_UID)) why.push("owned by the sandbox's user");
    if (inRoot && p !== root && !allowedInRoot(p)) why.push("in the sweep's own folders");
    if (st.isFile() && st.size <= 1024 * 1024) {
      try {
        if (readFileSync(p, "latin1").includes(tag)) why.push("tagged content");
      } catch {
        // unreadable: not ours
      }
    }
    if (why.length > 0) violations.push({ path: p, why: why.join(", ") });
    else if (!inRoot) {
      const top = p.split("/").slice(0, 3).join("/");
      noise.set(top, (noise.get(top) ?? 0) + 1);
    }
  }
  const victimChanged = !existsSync(victim) || readFileSync(victim, "utf8") !== victimBefore.text || statSync(victim).mtimeMs !== victimBefore.mtime;

  // The key, or any 12-character piece of it, in files and in what the endpoint received.
  const pieces = keyPieces(key);
  const grep = spawnSync("grep", ["-rlsF", "--devices=skip", "-f", "/dev/stdin", out, root, "/tmp", "/var/tmp", "/dev/shm"], { input: pieces.join("\n") + "\n", encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const keyFiles = grep.stdout.split("\n").filter((p) => p !== "");
  if (pieces.some((x) => stdout.includes(x) || stderr.includes(x))) keyFiles.push("(the sweep's stdout or stderr)");
  const keyPrompts = hostile.bodies.filter((b) => pieces.some((x) => b.includes(x))).length;

  // Reports of executed attacks in the prompts: `hostile-report KIND ... {"label":{"ok":` appears only in a test's output.
  const reportsInPrompts = Object.fromEntries(CODE_ATTACKS.map((k) => [k, 0])) as Record<CodeAttack, number>;
  for (const body of hostile.bodies) {
    const text = promptTexts(body).join("\n");
    for (const k of CODE_ATTACKS) if (new RegExp(`${REPORT_MARK} ${k} [^\\n]*\\{"[^"]+":\\{"ok":(true|false)`).test(text)) reportsInPrompts[k]++;
  }

  const result: HostileSweepResult = {
    root,
    out,
    exitCode,
    stderr,
    seconds,
    rows,
    events,
    violations,
    noise,
    newFiles: newPaths.length,
    victimChanged,
    keyFiles,
    keyPrompts,
    requests: hostile.requests,
    sweepPeakBytes,
    sweepPolledPeakBytes,
    treePeakBytes,
    daemonsLeft,
    socketConnections,
    otherPaths: hostile.otherPaths,
    reportsInPrompts,
    log,
  };
  // Closing the path socket removes its file, so only now (after the file checks).
  for (const s of sockets) s.close();
  // What escaped (the control): its daemons (by pid: ours, they carry the tag) and its tagged files.
  for (let i = 0; i < 20 && processesWith(`hostile-daemon-${tag}`).length > 0; i++) {
    for (const pid of processesWith(`hostile-daemon-${tag}`)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone meanwhile
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const v of violations) if (v.path.includes(tag) && !v.path.startsWith(`${root}/`)) rmSync(v.path, { force: true, recursive: true });
  if (options.keep) writeFileSync(join(root, "request-bodies.jsonl"), hostile.bodies.map((b) => JSON.stringify(b)).join("\n") + "\n");
  else rmSync(root, { recursive: true, force: true });
  return result;
}
