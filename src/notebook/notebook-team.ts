import { error } from "../errors.js";
import { DEFAULT_SIM_PROFILE, SIM_PROFILE_NAMES } from "../llm/sim-profiles.js";
import { SUITE_IDS } from "../tasks/builtin/index.js";
import { isTeamMode, TEAM_MODES, type TeamMode } from "../team/mode.js";
import type { NotebookSession } from "./notebook-session.js";
import { SIMULATED_NOTE } from "./notebook-sweep.js";
import { callTeamWorker, type TeamWorkerOptions } from "./team-worker-client.js";
import type { WorkerRunResult, WorkerRunSpec } from "./team-worker-protocol.js";

/** One simulated team run, as a notebook configures it. */
export interface NotebookTeamInput {
  /** A built-in suite id (`SUITE_IDS`), e.g. `mathutils_p05`. */
  suite: string;
  mode: TeamMode;
  /** Worker agents, 1 to 64. */
  teammates: number;
  /** The run's seed (each agent draws from its own stream derived from it). */
  seed: number;
  /** Simulated-backend profile (`SIM_PROFILE_NAMES`). @default "balanced" */
  profile?: string;
  /** @default 50 */
  maxRounds?: number;
  /** @default `<profile>_<suite>_<mode>_n<teammates>_seed<seed>` */
  runId?: string;
}

/**
 * The complete worker request for `input`, defaults filled in and every field checked.
 * @throws ToolkitError naming the field, its value and the valid values.
 */
export function resolveNotebookTeam(input: NotebookTeamInput): WorkerRunSpec {
  const fn = "resolveNotebookTeam";
  if (!(SUITE_IDS as readonly string[]).includes(input.suite)) throw error(fn, `unknown suite ${JSON.stringify(input.suite)}; valid: ${SUITE_IDS.join(", ")}`);
  if (!isTeamMode(input.mode)) throw error(fn, `unknown mode ${JSON.stringify(input.mode)}; valid: ${TEAM_MODES.join(", ")}`);
  if (!Number.isInteger(input.teammates) || input.teammates < 1 || input.teammates > 64) throw error(fn, `teammates must be an integer from 1 to 64; got ${String(input.teammates)}`);
  if (!Number.isInteger(input.seed) || input.seed < 0 || input.seed >= 2 ** 32) throw error(fn, `seed must be an integer in [0, 2^32); got ${String(input.seed)}`);
  const profile = input.profile ?? DEFAULT_SIM_PROFILE;
  if (!SIM_PROFILE_NAMES.includes(profile)) throw error(fn, `unknown profile ${JSON.stringify(profile)}; valid: ${SIM_PROFILE_NAMES.join(", ")}`);
  const maxRounds = input.maxRounds ?? 50;
  if (!Number.isInteger(maxRounds) || maxRounds < 1 || maxRounds > 10000) throw error(fn, `maxRounds must be an integer from 1 to 10000; got ${String(maxRounds)}`);
  return {
    runId: input.runId ?? `${profile}_${input.suite}_${input.mode}_n${input.teammates}_seed${input.seed}`,
    suite: input.suite,
    mode: input.mode,
    teammates: input.teammates,
    maxRounds,
    seed: input.seed,
    backend: { kind: "simulated", profile },
    rep: 0,
    expDir: "notebook",
  };
}

/**
 * Run one team on the simulated backend (`runTeam`, then `summarizeRun`, in the team worker) under a
 * progress line, and return its event log, outcome and run-table row.
 * @throws ToolkitError for invalid input, or when the run fails in the runtime.
 */
export async function runNotebookTeam(nb: NotebookSession, input: NotebookTeamInput, worker: Omit<TeamWorkerOptions, "onProgress"> = {}): Promise<WorkerRunResult> {
  const spec = resolveNotebookTeam(input);
  const who = `${spec.teammates} agent${spec.teammates === 1 ? "" : "s"}, ${spec.mode}, ${spec.suite}, profile ${spec.backend.profile}, seed ${spec.seed}`;
  return nb.step(
    `Running one team (${SIMULATED_NOTE}): ${who}`,
    () => callTeamWorker({ type: "run", run: spec }, worker),
    (r) => `${r.success ? "succeeded" : `failed (${r.endReason})`} in ${r.rounds} rounds, ${r.elapsedSeconds.toFixed(1)} virtual seconds, ${r.events.length} events`,
  );
}
