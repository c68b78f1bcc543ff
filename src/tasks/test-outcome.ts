import type { TestOutcome } from "./types.js";

/** The result of one task's tests: in process, in a sandboxed process, or of one test command. */
export interface TaskResult {
  passed: number;
  failed: number;
  failures: string[];
  /** The test module could not be loaded (return code 2); then passed = failed = 0. */
  loadError?: string;
  /** The runner itself failed (return code 3): no process, no temporary folder. */
  runnerError?: string;
}

/**
 * Combine per-task results into one outcome with the in-process runner's return codes and precedence:
 * runner error 3, load error 2, a failed test 1, nothing collected 5, else 0.
 */
export function combineTaskResults(ids: readonly string[], results: readonly TaskResult[]): TestOutcome {
  const outcome: TestOutcome = { returncode: 0, passed: 0, failed: 0, failures: [] };
  let loadErrors = 0;
  let runnerErrors = 0;
  results.forEach((r, i) => {
    outcome.passed += r.passed;
    outcome.failed += r.failed;
    if (r.runnerError !== undefined) {
      runnerErrors++;
      outcome.failures.push(`${ids[i]} > (runner): ${r.runnerError}`);
    }
    if (r.loadError !== undefined) {
      loadErrors++;
      outcome.failures.push(`${ids[i]} > (load): ${r.loadError}`);
    }
    outcome.failures.push(...r.failures);
  });
  outcome.returncode = runnerErrors > 0 ? 3 : loadErrors > 0 ? 2 : outcome.failed > 0 ? 1 : outcome.passed === 0 ? 5 : 0;
  return outcome;
}
