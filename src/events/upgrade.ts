import { EVENT_SCHEMA_VERSION, type Clock, type EventBase, type RunStartEvent } from "./types.js";
import type { FieldsOf } from "./schema.js";

/**
 * Older versions of the event schema, and their upgrade to the current one (`types.ts`, "Older logs").
 * Only `run_start` changed shape; in every version the other event types have the same fields.
 * Version 1 lacks `schema_version`, `wall_start` and `unsafe_no_sandbox`; version 2 lacks `unsafe_no_sandbox`.
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

/** `run_start` in schema version 2: `schema_version` and `wall_start`, run-relative `ts`; no `unsafe_no_sandbox`. */
export interface RunStartEventV2 extends EventBase {
  type: "run_start";
  schema_version: 2;
  clock: Clock;
  simulated: boolean;
  wall_start: number | null;
}

export const RUN_START_V2_FIELDS: FieldsOf<RunStartEventV2> = {
  ts: "number",
  run_dir: "string",
  schema_version: "integer",
  clock: { oneOf: { virtual: true, wall: true } },
  simulated: "boolean",
  wall_start: { nullable: "number" },
};

/**
 * A version-1 `run_start` as a current one. Its `ts` becomes the run's time origin: every later `ts`
 * of the run is taken minus it, and on a wall clock it is the wall-clock start. No sweep could run
 * agent code without the OS sandbox then, so `unsafe_no_sandbox` is false.
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
    unsafe_no_sandbox: false,
  };
}

/** A version-2 `run_start` as a current one: the same times; `unsafe_no_sandbox` false (the sweep had no such option then). */
export function upgradeRunStartV2(e: RunStartEventV2): RunStartEvent {
  return {
    type: "run_start",
    ts: e.ts,
    run_dir: e.run_dir,
    schema_version: EVENT_SCHEMA_VERSION,
    clock: e.clock,
    simulated: e.simulated,
    wall_start: e.wall_start,
    unsafe_no_sandbox: false,
  };
}
