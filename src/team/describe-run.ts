import type { TeamRunResult } from "./types.js";

/**
 * A finished run in one line, for a progress line or a caption: `succeeded in 11 rounds, 166.5 virtual
 * seconds, 369 events` (or `failed (max_rounds) ...`, with the error's detail for a run that ended in
 * an error). The clock (virtual or wall) is the one its `run_start` event names.
 */
export function describeTeamRun(result: TeamRunResult): string {
  let clock = "seconds";
  let detail = "";
  for (const e of result.events) {
    if (e.type === "run_start") clock = e.clock === "virtual" ? "virtual seconds" : "seconds of wall-clock time";
    if (e.type === "run_end" && e.detail !== undefined) detail = `: ${e.detail}`;
  }
  const outcome = result.success ? "succeeded" : `failed (${result.endReason}${detail})`;
  return `${outcome} in ${result.rounds} round${result.rounds === 1 ? "" : "s"}, ${result.elapsedSeconds.toFixed(1)} ${clock}, ${result.events.length} events`;
}
