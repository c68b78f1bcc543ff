import { deriveSeed } from "../core/rng.js";
import type { TeamMode } from "../agent/mode.js";
import type { SweepOptions } from "./options.js";

/** One run of a sweep: its coordinates, id and seed. */
export interface RunSpec {
  /** `<profile>_<suite>_<mode>_n<n>_rep<rep>`: the events file name and the run's `run_dir`. */
  runId: string;
  suiteId: string;
  mode: TeamMode;
  n: number;
  rep: number;
  profile: string;
  seed: number;
}

/**
 * A run's seed: `deriveSeed(sweepSeed, suite, mode, n, rep)`. It depends on the run's coordinates
 * only, never on the order runs execute in, so a resumed or concurrent sweep gives the same results
 * as a plain one. The profile is deliberately not a coordinate: runs of different profiles on the
 * same cell share their random numbers (common random numbers make profile contrasts less noisy).
 */
export function runSeed(sweepSeed: number, suiteId: string, mode: TeamMode, n: number, rep: number): number {
  return deriveSeed(sweepSeed, suiteId, mode, n, rep);
}

export function runIdOf(profile: string, suiteId: string, mode: TeamMode, n: number, rep: number): string {
  return `${profile}_${suiteId}_${mode}_n${n}_rep${rep}`;
}

/** Every run of the sweep, in grid order: suite, profile, mode, n, rep (the last varies fastest). */
export function planSweep(options: SweepOptions): RunSpec[] {
  const runs: RunSpec[] = [];
  for (const suiteId of options.suites) {
    for (const profile of options.profiles) {
      for (const mode of options.modes) {
        for (const n of options.n) {
          for (let rep = 0; rep < options.reps; rep++) {
            runs.push({ runId: runIdOf(profile, suiteId, mode, n, rep), suiteId, mode, n, rep, profile, seed: runSeed(options.seed, suiteId, mode, n, rep) });
          }
        }
      }
    }
  }
  return runs;
}
