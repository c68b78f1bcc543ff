import { describe, expect, it } from "vitest";
import { probeSandbox } from "../../src/sandbox/bwrap.js";
import type { ClientAttack, PromptPlace } from "./hostile-agent.js";
import { HOSTILE_JS_SUITES } from "./hostile-agent.js";
import { runHostileSweep } from "./hostile-sweep-harness.js";

/**
 * Issue 10's "Done when", scaled down: a real-backend sweep of 6 runs (two JS suites and one tested
 * by a command, teams of 1 and 2, 3 rounds) through the sweep CLI against a hostile endpoint on
 * 127.0.0.1 whose agent replies carry the attacks (process.report writes outside, /proc/<ppid>/environ
 * and /etc/passwd, host unix sockets, setsid daemons, forged verdicts) and whose responses attack the
 * client (a 2.5 MB reply, a body that never ends, a gzip bomb, absurd usage). The full 30-run
 * measurement is `npm run bench:hostile` (bench/hostile-sweep.ts). It needs bubblewrap: without it the
 * test fails, saying so, rather than skipping.
 */

const MB = 1024 * 1024;

describe("a real-backend sweep against a hostile endpoint (6 runs)", () => {
  it("records every run, writes nothing outside its output folder, never sends or stores the key, and stays under 500 MB", async () => {
    const probe = probeSandbox();
    expect(probe.ok, probe.ok ? "" : `this test needs the OS sandbox (bubblewrap), which cannot start here: ${probe.cause}. Fix: ${probe.fix}`).toBe(true);

    // Client attacks in round 3, whose code would not reach a prompt anyway (the last round), so the
    // code attacks of rounds 1 and 2 all run and report (see attackFor): the never-ending body and the
    // gzip bomb on the first two one-agent runs to get there (two different runs), the huge reply and
    // the absurd usage on the first two round-3 requests of two-agent runs.
    const late = { 1: 0, 2: 0 };
    const clientAttack = (_n: number, place: PromptPlace): ClientAttack | null => {
      if (place.round !== 3 || (place.team !== 1 && place.team !== 2)) return null;
      const order = place.team === 1 ? (["endless-body", "gzip-bomb"] as const) : (["huge-reply", "absurd-usage"] as const);
      return order[late[place.team]++] ?? null;
    };
    const r = await runHostileSweep({
      grid: ["--n", "1,2", "--mode", "decentralized", "--reps", "1", "--max-rounds", "3", "--concurrency", "2"],
      clientAttack,
      timeoutMs: 240_000,
    });
    const context = `stderr: ${r.stderr.slice(-2000)}`;
    expect(r.exitCode, context).toBe(0);

    // Every run recorded, each log valid (parsed by the validating reader), with the sandbox used.
    expect(r.rows, context).toHaveLength(6);
    expect(r.events.size).toBe(6);
    for (const events of r.events.values()) {
      expect(events[0]).toMatchObject({ type: "run_start", schema_version: 3, unsafe_no_sandbox: false });
      expect(events.at(-1)!.type).toBe("run_end");
    }

    // Nothing written outside the output folder by agent code, the victim script untouched.
    expect(r.violations).toEqual([]);
    expect(r.victimChanged).toBe(false);
    // The key in no file and in no request the endpoint received.
    expect(r.keyFiles).toEqual([]);
    expect(r.keyPrompts).toBe(0);
    // Memory: the sweep process's own peak (getrusage), well under the bound.
    expect(r.sweepPeakBytes).not.toBeNull();
    expect(r.sweepPeakBytes!).toBeLessThan(500 * MB);
    // No daemon survived, nothing reached the host's sockets or the endpoint from inside.
    expect(r.daemonsLeft).toEqual([]);
    expect(r.socketConnections).toBe(0);
    expect(r.otherPaths).toEqual([]);

    // The attacks did run: their reports came back in later prompts (so the channel the key would
    // have taken works), ...
    expect(r.reportsInPrompts["report-write"]).toBeGreaterThan(0);
    expect(r.reportsInPrompts["read-secrets"]).toBeGreaterThan(0);
    expect(r.reportsInPrompts["host-socket"]).toBeGreaterThan(0);
    expect(r.reportsInPrompts["daemon"]).toBeGreaterThan(0);
    // ... the forging code loaded and its wrong function still failed its test (return code 1, not a
    // load error), and no JS task was ever completed (the agent never wrote a right solution) ...
    expect(r.log.sent.js.forge).toBeGreaterThan(0);
    const jsRuns = [...r.events.entries()].filter(([id]) => HOSTILE_JS_SUITES.some((s) => id.includes(`_${s.id}_`)));
    expect(jsRuns).toHaveLength(4);
    const jsEvents = jsRuns.flatMap(([, events]) => events);
    expect(jsEvents.filter((e) => e.type === "run_tests" && e.returncode === 1).length).toBeGreaterThan(0);
    expect(jsEvents.filter((e) => e.type === "complete_task")).toEqual([]);
    // ... and the client attacks were sent and bounded: the endless body and the gzip bomb cut off at
    // the response size limit (their runs recorded with the reason), the absurd usage refused.
    expect(r.log.client).toEqual({ "huge-reply": 1, "endless-body": 1, "gzip-bomb": 1, "absurd-usage": 1 });
    const cutOff = [...r.events.values()].filter((events) => {
      const end = events.at(-1)!;
      return end.type === "run_end" && end.reason === "error" && (end.detail ?? "").includes("(maxResponseBytes)");
    });
    expect(cutOff).toHaveLength(2);
    expect(r.rows.reduce((s, row) => s + Number(row["usage_estimated"]), 0)).toBeGreaterThanOrEqual(1);
  }, 300_000);

  it("control: the same checks catch the attacks when agent code runs without the OS sandbox (--unsafe-no-sandbox, bubblewrap missing)", async () => {
    // One two-agent run on the command suite, two rounds: report-write and read-secrets in round 1,
    // host-socket and daemon in round 2 (attackFor). Its project target is a stand-in folder, and what
    // escapes (tagged files, daemons) is removed by the harness afterwards.
    const r = await runHostileSweep({
      grid: ["--n", "2", "--mode", "decentralized", "--reps", "1", "--max-rounds", "2"],
      suites: ["hostile_p05"],
      withoutSandbox: true,
      clientAttack: () => null,
      timeoutMs: 120_000,
    });
    expect(r.exitCode, r.stderr.slice(-2000)).toBe(0);
    expect(r.rows).toHaveLength(1);
    expect([...r.events.values()][0]![0]).toMatchObject({ type: "run_start", unsafe_no_sandbox: true });
    // The key went to the endpoint in the next prompt (read from /proc/<ppid>/environ of the sweep).
    expect(r.keyPrompts).toBeGreaterThan(0);
    // Files written outside (process.report, fs, the daemons' heartbeat), the victim overwritten.
    expect(r.violations.filter((v) => v.why.includes("tagged")).length).toBeGreaterThan(0);
    expect(r.victimChanged).toBe(true);
    // The daemons outlived the sweep.
    expect(r.daemonsLeft.length).toBeGreaterThan(0);
    expect(r.socketConnections).toBeGreaterThan(0);
  }, 200_000);
});
