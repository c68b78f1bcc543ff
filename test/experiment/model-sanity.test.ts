import { beforeAll, describe, expect, it } from "vitest";
import { resolveSweepOptions, type SweepOptionsInput } from "../../src/experiment/options.js";
import { planSweep } from "../../src/experiment/grid.js";
import { executeRun } from "../../src/experiment/sweep.js";
import { BUILTIN_CATALOG } from "../../src/experiment/catalog.js";
import { createSimulatedBackend } from "../../src/llm/simulated-backend.js";
import { runSuiteTests } from "../../src/tasks/runner.js";
import { speedupSeries } from "../../src/metrics/speedup.js";
import { amdahlSpeedup } from "../../src/tasks/amdahl.js";
import type { RunSummaryRow } from "../../src/team/run-summary.js";
import type { Suite } from "../../src/tasks/types.js";

/**
 * Sanity of the simulated model on small seeded grids (balanced profile, built-in suites, the real
 * in-process test runner): the paper's qualitative findings should emerge from the agents' rules,
 * not be scripted. These are properties of the model with these seeds, not measurements.
 * - speedup grid: centralized, p = 0.9 and 0.2, n = 1, 2, 3, 5, 10 reps per domain;
 * - contrast grid: both modes, every p, n = 1, 2, 5, 3 reps per domain.
 */
const speedRows: RunSummaryRow[] = [];
const rows: RunSummaryRow[] = [];
const NS = [1, 2, 3, 5];

async function runGrid(input: SweepOptionsInput, into: RunSummaryRow[]): Promise<void> {
  const options = resolveSweepOptions({ out: "unused", ...input });
  const backend = createSimulatedBackend("balanced");
  const suites = new Map<string, Suite>();
  for (const spec of planSweep(options)) {
    let suite = suites.get(spec.suiteId);
    if (!suite) suites.set(spec.suiteId, (suite = BUILTIN_CATALOG.get(spec.suiteId)));
    const r = await executeRun(spec, { suite, backend, testRunner: { run: runSuiteTests }, maxRounds: 50, expDir: "sanity" });
    into.push(r.row);
  }
}

beforeAll(async () => {
  await runGrid({ p: "0.9,0.2", n: NS, reps: 10, mode: "preassign", seed: 2026 }, speedRows);
  await runGrid({ n: [1, 2, 5], reps: 3, mode: "preassign,decentralized", seed: 2027 }, rows);
}, 120_000);

const of = (mode: string): RunSummaryRow[] => rows.filter((r) => r.mode === mode);
const meanOf = (rs: readonly RunSummaryRow[], f: (r: RunSummaryRow) => number): number => rs.reduce((s, r) => s + f(r), 0) / rs.length;

describe("the simulated model on a seeded grid", () => {
  it("completes its runs", () => {
    expect(speedRows).toHaveLength(3 * 2 * 4 * 10);
    expect(rows).toHaveLength(3 * 3 * 3 * 2 * 3);
    expect(meanOf([...rows, ...speedRows], (r) => (r.success ? 1 : 0))).toBeGreaterThan(0.95);
  });

  it("centralized, p = 0.9: speedup rises with n toward (and not far past) the Amdahl bound", () => {
    const s = speedupSeries(speedRows, "p09", NS);
    const at = (n: number): number => s.find((x) => x.n === n)!.mean;
    expect(at(2)).toBeGreaterThan(1.3);
    expect(at(3)).toBeGreaterThan(at(2));
    expect(at(5)).toBeGreaterThan(at(3));
    for (const n of [2, 3, 5]) expect(at(n)).toBeLessThan(amdahlSpeedup(0.9, n) * 1.1);
    expect(at(5)).toBeGreaterThan(0.5 * amdahlSpeedup(0.9, 5));
  });

  it("centralized, p = 0.2: speedup stays near 1 (the Amdahl bound at n = 5 is 1.19)", () => {
    for (const x of speedupSeries(speedRows, "p02", NS)) {
      expect(x.mean).toBeGreaterThan(0.85);
      expect(x.mean).toBeLessThan(1.3);
    }
  });

  it("decentralized teams pay in messages, consistency violations and tokens", () => {
    for (const n of [2, 5]) {
      for (const p of ["p09", "p05", "p02"]) {
        const c = of("preassign").filter((r) => r.n_teammates === n && r.p_label === p);
        const d = of("decentralized").filter((r) => r.n_teammates === n && r.p_label === p);
        expect(meanOf(d, (r) => r.messages)).toBeGreaterThan(meanOf(c, (r) => r.messages));
        expect(meanOf(d, (r) => r.concurrent_writes)).toBeGreaterThan(meanOf(c, (r) => r.concurrent_writes));
        expect(meanOf(d, (r) => r.total_input_tokens + r.total_output_tokens)).toBeGreaterThan(meanOf(c, (r) => r.total_input_tokens + r.total_output_tokens));
      }
    }
    // Blocked claims need claims: centralized runs make none.
    expect(meanOf(of("preassign"), (r) => r.claims_blocked)).toBe(0);
    expect(meanOf(of("decentralized"), (r) => r.claims_blocked)).toBeGreaterThan(1);
  });

  it("more agents, more messages and more concurrent writes in decentralized teams", () => {
    const d = of("decentralized");
    const at = (n: number, f: (r: RunSummaryRow) => number): number => meanOf(d.filter((r) => r.n_teammates === n), f);
    expect(at(5, (r) => r.messages)).toBeGreaterThan(at(2, (r) => r.messages));
    expect(at(5, (r) => r.concurrent_writes)).toBeGreaterThan(at(2, (r) => r.concurrent_writes));
    expect(at(1, (r) => r.concurrent_writes)).toBe(0);
  });
});
