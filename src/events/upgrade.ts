import { EVENT_SCHEMA_VERSION, type Clock, type EventBase, type RunStartEvent } from "./types.js";
import type { FieldsOf } from "./schema.js";

/**
 * Older versions of the event schema, and their upgrade to the current one (`types.ts`, "Older logs").
 * Only `run_start` changed shape; in every version the other event types have the same fields.
 */

/** `run_start` in schema version 1: no `schema_version`, no `wall_start`; `ts` was Unix seconds on a wall clock. */
export interface RunStartEventV1 extends EventBase {
  type: "run_start";
  clock: Clock;
  simulated: boolean;
}

export const RUN_START_V1_FIELDS: FieldsOf<RunStartEventV1> = {
  ts: "number",
  run_dir: "string",
  clock: { oneOf: { virtual: true, wall: true } },
  simulated: "boolean",
};

/**
 * A version-1 `run_start` as a current one. Its `ts` becomes the run's time origin: every later `ts`
 * of the run is taken minus it, and on a wall clock it is the wall-clock start.
 */
export function upgradeRunStartV1(e: RunStartEventV1): RunStartEvent {
  return {
    type: "run_start",
    ts: 0,
    run_dir: e.run_dir,
    schema_version: EVENT_SCHEMA_VERSION,
    clock: e.clock,
    simulated: e.simulated,
    wall_start: e.clock === "wall" ? e.ts : null,
  };
}
