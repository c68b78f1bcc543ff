import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runTeam } from "../../src/team/orchestrator.js";
import { createSimulatedBackend } from "../../src/llm/simulated-backend.js";
import { getSuite } from "../../src/tasks/builtin/index.js";
import { runSuiteTests } from "../../src/tasks/runner.js";
import { formatEventLog } from "../../src/events/jsonl.js";
import type { TeamMode } from "../../src/agent/mode.js";

/**
 * The golden event logs: seeded simulated runs whose JSONL is committed under test/fixtures/golden/
 * and compared byte for byte, so a change of the runtime's behaviour (or of the log format) shows up
 * as a failing test. One run per team mode, on a suite with dependencies (p = 0.5), with the default
 * simulation profile.
 */
export interface GoldenRun {
  /** File name under test/fixtures/golden/. */
  file: string;
  suiteId: string;
  mode: TeamMode;
  n: number;
  seed: number;
  maxRounds: number;
}

export const GOLDEN_RUNS: readonly GoldenRun[] = [
  { file: "events-decentralized-n3.jsonl", suiteId: "mathutils_p05", mode: "decentralized", n: 3, seed: 20260301, maxRounds: 50 },
  { file: "events-preassign-n2.jsonl", suiteId: "mathutils_p05", mode: "preassign", n: 2, seed: 20260301, maxRounds: 50 },
  { file: "events-lead-n2.jsonl", suiteId: "mathutils_p05", mode: "lead", n: 2, seed: 20260301, maxRounds: 50 },
];

/** Where a golden file lives. */
export function goldenPath(file: string): string {
  return fileURLToPath(new URL(`../fixtures/golden/${file}`, import.meta.url));
}

/** A fresh run of a golden spec, as the JSONL text the sweep writes for it. */
export async function goldenEventLog(g: GoldenRun): Promise<string> {
  const result = await runTeam(
    { runId: `golden_${g.suiteId}_${g.mode}_n${g.n}`, suite: getSuite(g.suiteId), mode: g.mode, teammates: g.n, maxRounds: g.maxRounds, seed: g.seed },
    { backend: createSimulatedBackend("balanced"), testRunner: { run: runSuiteTests } },
  );
  return formatEventLog(result.events);
}

export const REGENERATE = "UPDATE_GOLDEN=1 npx vitest run test/events/golden.test.ts";

/**
 * Where two logs first differ, for a failure message a reader can act on: the 1-based line and both
 * versions of it (or null when the texts are equal).
 */
export function firstDifference(expected: string, actual: string): { line: number; expected: string; actual: string } | null {
  if (expected === actual) return null;
  const e = expected.split("\n");
  const a = actual.split("\n");
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return { line: i + 1, expected: e[i] ?? "<end of file>", actual: a[i] ?? "<end of file>" };
  }
  return null;
}

export function readGolden(file: string): string {
  return readFileSync(goldenPath(file), "utf8");
}

export function writeGolden(file: string, text: string): void {
  writeFileSync(goldenPath(file), text);
}
