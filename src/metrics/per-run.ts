import type { EventTable } from "../events/event-table.js";
import { assertNever } from "../core/errors.js";

/** Return codes of `run_tests` that count as a failed test run (pytest: 1 failed, 2 interrupted, 3 internal error). */
export const TEST_FAILURE_RETURNCODES: ReadonlySet<number> = new Set([1, 2, 3]);

/** Bounds on a reply latency kept for the straggler gap, in seconds (exclusive): 0 < latency < 180. */
export const STRAGGLER_LATENCY_BOUNDS = { min: 0, max: 180 } as const;

/** Event-derived quantities of one run. */
export interface RunEventMetrics {
  run_dir: string;
  /** `agent_reply` events. */
  messages: number;
  /** Rounds with at least one reply and no `complete_task`. */
  idleRounds: number;
  /** `edit_file` events in a later round than the first round that path was written in this run. */
  rewrites: number;
  /** `run_tests` events with return code 1, 2 or 3. */
  testFailures: number;
  /** Every refused claim (`claim_blocked` events, any reason). Not the run table's `claims_blocked`, which counts only the refusals for unfinished dependencies (the paper's temporal violations). */
  claimRefusals: number;
  /**
   * (round, path) pairs written by two or more distinct agents; NaN when the run's `edit_file` events do
   * not name their agent (as in the paper's published events, whose run table carries this count instead).
   */
  concurrentWrites: number;
  /** Sum of `input_tokens` / `output_tokens` over replies; NaN when replies do not carry them. */
  inputTokens: number;
  outputTokens: number;
  /**
   * Straggler gap per round that has two or more kept replies: max minus mean reply latency, where a
   * reply's latency is its `ts` minus its round's `round_start` ts, kept when 0 < latency < 180 s (a
   * difference within one run, so the same whether `ts` counts from the run's start or from 1970).
   * Keyed by round, in ascending round order.
   */
  stragglerGaps: { round: number; gap: number; replies: number }[];
}

interface Acc {
  runDir: string;
  messages: number;
  testFailures: number;
  claimBlocked: number;
  inputTokens: number;
  outputTokens: number;
  tokensSeen: boolean;
  roundStart: Map<number, number>;
  replyRounds: Map<number, number>;
  completeRounds: Set<number>;
  firstWrite: Map<string, number>;
  writers: Map<string, Set<string>>;
  agentless: boolean;
  latencies: Map<number, number[]>;
}

/**
 * Derive every per-run event metric in two linear passes over the event table (the first finds each
 * run's round start times and the first round each path was written; the second counts).
 * Runs appear in the order of their first event.
 */
export function runEventMetrics(events: EventTable): Map<string, RunEventMetrics> {
  const accs = new Map<string, Acc>();
  const n = events.length;
  const runOf = new Array<Acc>(n);
  const { type, round, ts, path, agent } = events;
  for (let i = 0; i < n; i++) {
    const rd = events.run_dir[i]!;
    let a = accs.get(rd);
    if (!a) {
      a = {
        runDir: rd,
        messages: 0,
        testFailures: 0,
        claimBlocked: 0,
        inputTokens: 0,
        outputTokens: 0,
        tokensSeen: false,
        roundStart: new Map(),
        replyRounds: new Map(),
        completeRounds: new Set(),
        firstWrite: new Map(),
        writers: new Map(),
        agentless: false,
        latencies: new Map(),
      };
      accs.set(rd, a);
    }
    runOf[i] = a;
    const t = type[i];
    const r = round[i]!;
    if (t === "round_start") {
      // A repeated round_start for the same round keeps the first one.
      if (!Number.isNaN(r) && !a.roundStart.has(r)) a.roundStart.set(r, ts[i]!);
    } else if (t === "edit_file") {
      const p = path[i];
      if (p !== null && p !== undefined && !Number.isNaN(r)) {
        const prev = a.firstWrite.get(p);
        if (prev === undefined || r < prev) a.firstWrite.set(p, r);
      }
    }
  }
  const rewrites = new Map<Acc, number>();
  for (let i = 0; i < n; i++) {
    const a = runOf[i]!;
    const t = type[i]!;
    const r = round[i]!;
    switch (t) {
      case "agent_reply": {
        a.messages++;
        const it = events.input_tokens[i]!;
        const ot = events.output_tokens[i]!;
        if (!Number.isNaN(it) || !Number.isNaN(ot)) {
          a.tokensSeen = true;
          a.inputTokens += Number.isNaN(it) ? 0 : it;
          a.outputTokens += Number.isNaN(ot) ? 0 : ot;
        }
        if (!Number.isNaN(r)) {
          a.replyRounds.set(r, (a.replyRounds.get(r) ?? 0) + 1);
          const start = a.roundStart.get(r);
          if (start !== undefined) {
            const latency = ts[i]! - start;
            if (latency > STRAGGLER_LATENCY_BOUNDS.min && latency < STRAGGLER_LATENCY_BOUNDS.max) {
              let l = a.latencies.get(r);
              if (!l) a.latencies.set(r, (l = []));
              l.push(latency);
            }
          }
        }
        break;
      }
      case "complete_task":
        if (!Number.isNaN(r)) a.completeRounds.add(r);
        break;
      case "run_tests":
        if (TEST_FAILURE_RETURNCODES.has(events.returncode[i]!)) a.testFailures++;
        break;
      case "claim_blocked":
        a.claimBlocked++;
        break;
      case "edit_file": {
        const p = path[i];
        if (p === null || p === undefined || Number.isNaN(r)) break;
        if (r > a.firstWrite.get(p)!) rewrites.set(a, (rewrites.get(a) ?? 0) + 1);
        const who = agent[i];
        if (who === null || who === undefined) {
          a.agentless = true;
        } else {
          const key = `${r}\u0000${p}`;
          let s = a.writers.get(key);
          if (!s) a.writers.set(key, (s = new Set()));
          s.add(who);
        }
        break;
      }
      // Events that no per-run metric counts; listed so that a new event type is a compile error here.
      case "run_start":
      case "initialize":
      case "round_start":
      case "lock_attempt":
      case "claim_task":
      case "assign_task":
      case "broadcast":
      case "synthesize":
      case "action_rejected":
      case "run_end":
        break;
      default:
        assertNever(t, "runEventMetrics");
    }
  }
  const out = new Map<string, RunEventMetrics>();
  for (const a of accs.values()) {
    let idle = 0;
    for (const r of a.replyRounds.keys()) if (!a.completeRounds.has(r)) idle++;
    let concurrent = 0;
    for (const s of a.writers.values()) if (s.size >= 2) concurrent++;
    const gaps: RunEventMetrics["stragglerGaps"] = [];
    for (const r of [...a.latencies.keys()].sort((x, y) => x - y)) {
      const l = a.latencies.get(r)!;
      if (l.length < 2) continue;
      let max = -Infinity;
      let sum = 0;
      for (const v of l) {
        sum += v;
        if (v > max) max = v;
      }
      gaps.push({ round: r, gap: max - sum / l.length, replies: l.length });
    }
    out.set(a.runDir, {
      run_dir: a.runDir,
      messages: a.messages,
      idleRounds: idle,
      rewrites: rewrites.get(a) ?? 0,
      testFailures: a.testFailures,
      claimRefusals: a.claimBlocked,
      concurrentWrites: a.agentless ? Number.NaN : concurrent,
      inputTokens: a.tokensSeen ? a.inputTokens : Number.NaN,
      outputTokens: a.tokensSeen ? a.outputTokens : Number.NaN,
      stragglerGaps: gaps,
    });
  }
  return out;
}
