import { describe } from "../core/columns.js";
import { isTeamEventType, TEAM_EVENT_TYPES, type TeamEvent, type TeamEventType } from "./types.js";

/**
 * The event union as data, for validating records read back from JSONL (inspect_ai's
 * `validate_events` is the model): for each event type, each field and the kind of value it holds.
 * The type `EventFields` derives the table from the union, so the compiler refuses a table that
 * misses an event type or a field, names a field the union does not have, or gets a kind wrong.
 */

/** The kind of a required, non-null field of value type `V`. Numbers may be stated as whole numbers. */
type KindOf<V> = [V] extends [boolean]
  ? "boolean"
  : [V] extends [number]
    ? "number" | "integer"
    : [V] extends [readonly string[]]
      ? "strings"
      : [V] extends [string]
        ? string extends V
          ? "string"
          : { readonly oneOf: { readonly [L in V & string]: true } }
        : never;

/** A field's spec: its kind, wrapped when the field may be null or may be absent. */
type SpecOf<E, K extends keyof E> = {} extends Pick<E, K>
  ? { readonly optional: KindOf<Exclude<E[K], undefined>> }
  : null extends E[K]
    ? { readonly nullable: KindOf<Exclude<E[K], null>> }
    : KindOf<E[K]>;

/**
 * True under `strictNullChecks`. Without it (the tslab kernel compiles the library that way) `null` is
 * in every type, nullable fields cannot be told apart, and any spec is accepted: the project's own
 * strict type check is the one that holds the table to the union.
 */
type StrictNulls = null extends string ? false : true;

/** Every field of one event type except `type`, with its spec. */
export type FieldsOf<E> = { readonly [K in Exclude<keyof E, "type">]-?: StrictNulls extends true ? SpecOf<E, K> : FieldSpec };

/** The whole union: one field table per event type. */
export type EventFields = { readonly [T in TeamEventType]: FieldsOf<Extract<TeamEvent, { type: T }>> };

/** A field spec as seen at run time. */
export type FieldKind = "boolean" | "number" | "integer" | "string" | "strings" | { readonly oneOf: Readonly<Record<string, true>> };
export type FieldSpec = FieldKind | { readonly optional: FieldKind } | { readonly nullable: FieldKind };

const BASE = { ts: "number", run_dir: "string" } as const;
const IN_ROUND = { ...BASE, round: "integer", agent: "string" } as const;

/** The fields of every event type (the union in `types.ts`, as data). */
export const EVENT_FIELDS: EventFields = {
  run_start: {
    ...BASE,
    schema_version: "integer",
    clock: { oneOf: { virtual: true, wall: true } },
    simulated: "boolean",
    wall_start: { nullable: "number" },
    unsafe_no_sandbox: "boolean",
  },
  initialize: { ...BASE, agents: "strings", num_teammates: "integer" },
  round_start: { ...BASE, round: "integer" },
  agent_reply: { ...IN_ROUND, input_tokens: "integer", output_tokens: "integer", latency_s: "number" },
  lock_attempt: { ...IN_ROUND, path: "string", ok: "boolean" },
  edit_file: { ...IN_ROUND, path: "string", bytes: "integer" },
  claim_task: { ...IN_ROUND, task: "string" },
  claim_blocked: {
    ...IN_ROUND,
    task: "string",
    reason: { oneOf: { dependencies_pending: true, already_claimed: true, already_done: true, unknown_task: true, lost_tie: true } },
  },
  assign_task: { ...IN_ROUND, task: "string", assignee: "string" },
  complete_task: { ...IN_ROUND, task: "string" },
  run_tests: { ...IN_ROUND, returncode: "integer", seconds: "number", passed: "integer", failed: "integer" },
  broadcast: { ...IN_ROUND, to: "strings", chars: "integer" },
  synthesize: { ...IN_ROUND },
  action_rejected: { ...IN_ROUND, reason: "string", detail: "string" },
  run_end: {
    ...BASE,
    round: "integer",
    success: "boolean",
    reason: { oneOf: { all_tasks_done: true, max_rounds: true, error: true } },
    detail: { optional: "string" },
  },
};

/** The same table, indexed by field name at run time. */
const FIELDS: Readonly<Record<TeamEventType, Readonly<Record<string, FieldSpec>>>> = EVENT_FIELDS;

function kindMatches(kind: FieldKind, v: unknown): boolean {
  if (typeof kind !== "string") return typeof v === "string" && Object.hasOwn(kind.oneOf, v);
  switch (kind) {
    case "boolean":
      return typeof v === "boolean";
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "string":
      return typeof v === "string";
    case "strings":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
  }
}

function kindName(kind: FieldKind): string {
  if (typeof kind !== "string") return `one of ${Object.keys(kind.oneOf).map((k) => JSON.stringify(k)).join(", ")}`;
  switch (kind) {
    case "boolean":
      return "true or false";
    case "number":
      return "a finite number";
    case "integer":
      return "an integer";
    case "string":
      return "a string";
    case "strings":
      return "an array of strings";
  }
}

/** What a spec accepts, in words. */
export function describeFieldSpec(spec: FieldSpec): string {
  if (typeof spec === "string" || "oneOf" in spec) return kindName(spec);
  if ("nullable" in spec) return `${kindName(spec.nullable)} or null`;
  return `${kindName(spec.optional)}, or absent`;
}

/**
 * What is wrong with `value` as a record of the fields `fields` (a type's table, `EVENT_FIELDS[type]`
 * or an older version's), or null when nothing is: every field present with its kind (absent only when
 * optional, null only when nullable), and no field the table does not name.
 */
export function fieldsProblem(type: string, fields: Readonly<Record<string, FieldSpec>>, value: Readonly<Record<string, unknown>>): string | null {
  let entries = ENTRIES.get(fields);
  if (entries === undefined) ENTRIES.set(fields, (entries = Object.entries(fields)));
  let present = 0;
  for (const [name, spec] of entries) {
    const v = value[name];
    if (v === undefined) {
      if (typeof spec === "object" && "optional" in spec) continue;
      return `${type} event has no field "${name}" (expected ${describeFieldSpec(spec)})`;
    }
    present++;
    const ok =
      typeof spec === "string" || "oneOf" in spec
        ? kindMatches(spec, v)
        : "nullable" in spec
          ? v === null || kindMatches(spec.nullable, v)
          : kindMatches(spec.optional, v);
    if (!ok) return `${type} field "${name}" must be ${describeFieldSpec(spec)}, got ${describe(v)}`;
  }
  // Every key but `type` was one of the table's: nothing else to look for.
  let keys = 0;
  for (const name in value) if (Object.hasOwn(value, name)) keys++;
  if (keys === present + ("type" in value ? 1 : 0)) return null;
  for (const name of Object.keys(value)) {
    if (name !== "type" && !Object.hasOwn(fields, name)) {
      return `${type} event has an unknown field "${name}"; its fields are type, ${Object.keys(fields).join(", ")}`;
    }
  }
  return null;
}

/** Each field table's entries, computed once. */
const ENTRIES = new WeakMap<object, [string, FieldSpec][]>();

/** True for a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What is wrong with a parsed JSON value as an event of the current schema, or null when nothing is. */
export function eventProblem(value: unknown): string | null {
  if (!isJsonObject(value)) return `expected a JSON object, got ${describe(value)}`;
  const record = value;
  const type = record["type"];
  const valid = TEAM_EVENT_TYPES.join(", ");
  if (type === undefined) return `the event has no field "type" (expected one of ${valid})`;
  if (typeof type !== "string") return `field "type" must be the name of an event type, got ${describe(type)}; valid types: ${valid}`;
  if (!isTeamEventType(type)) return `unknown event type ${JSON.stringify(type)}; valid types: ${valid}`;
  return fieldsProblem(type, FIELDS[type], record);
}

/**
 * Refuse anything but a well-formed event of the current schema: `fail` is called with the problem
 * (and must throw), so after the call `value` is a `TeamEvent`.
 */
export function assertTeamEvent(value: unknown, fail: (problem: string) => never): asserts value is TeamEvent {
  const problem = eventProblem(value);
  if (problem !== null) fail(problem);
}

/**
 * Refuse a record that does not match `fields`, the table of one record type `E` (for an older
 * version's event, whose table is not in `EVENT_FIELDS`): after the call `value` is an `E`.
 */
export function assertFields<E>(
  type: string,
  fields: FieldsOf<E> & Readonly<Record<string, FieldSpec>>,
  value: Record<string, unknown>,
  fail: (problem: string) => never,
): asserts value is Record<string, unknown> & E {
  const problem = fieldsProblem(type, fields, value);
  if (problem !== null) fail(problem);
}
