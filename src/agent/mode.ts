/**
 * How a team coordinates. One union instead of flags:
 * - `preassign`: centralized. Before round 1 the orchestrator assigns every task (logged as
 *   `assign_task` by agent "orchestrator"): each group of tasks joined by dependencies goes whole to
 *   one agent, independent tasks are dealt round-robin to the least-loaded agents.
 * - `decentralized`: agents claim tasks from the shared board themselves.
 * - `lead`: a lead agent assigns tasks to teammates each round. `n` counts the teammates (workers)
 *   only; the lead is one extra agent whose replies are `agent_reply` events (so they count as
 *   messages and their tokens count) and whose latency is part of each round's barrier.
 */
export type TeamMode = "preassign" | "decentralized" | "lead";

export const TEAM_MODES: readonly TeamMode[] = ["preassign", "decentralized", "lead"];

export function isTeamMode(value: string): value is TeamMode {
  return (TEAM_MODES as readonly string[]).includes(value);
}
