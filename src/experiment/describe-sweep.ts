import type { SweepOptions } from "./options.js";

/** One line describing the grid: `3 suites × n = 1..5 × 5 reps × preassign = 225 runs (simulated backend, profile balanced, seed 1)`. */
export function describeSweep(o: SweepOptions): string {
  const consecutive = o.n.length > 1 && o.n.every((v, i) => i === 0 || v === o.n[i - 1]! + 1);
  const sizes = consecutive ? `n = ${o.n[0]}..${o.n[o.n.length - 1]}` : `n = ${o.n.join(", ")}`;
  const total = o.suites.length * o.profiles.length * o.modes.length * o.n.length * o.reps;
  const suites = `${o.suites.length} suite${o.suites.length === 1 ? "" : "s"}`;
  const profiles = o.profiles.length === 1 ? `profile ${o.profiles[0]}` : `profiles ${o.profiles.join(", ")}`;
  return `${suites} × ${sizes} × ${o.reps} rep${o.reps === 1 ? "" : "s"} × ${o.modes.join(" and ")} = ${total} runs (${o.backend.kind} backend, ${profiles}, seed ${o.seed})`;
}
