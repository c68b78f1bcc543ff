import type { TeamEvent } from "./types.js";

/**
 * One event as one JSON line (no trailing newline). Keys keep the order in which the event object
 * was built, so a deterministic writer gives byte-identical logs for the same run.
 */
export function formatEventLine(event: TeamEvent): string {
  return JSON.stringify(event);
}

/** A whole run's events as JSONL text, one event per line, ending in a newline. */
export function formatEventLog(events: readonly TeamEvent[]): string {
  let out = "";
  for (const e of events) out += formatEventLine(e) + "\n";
  return out;
}
