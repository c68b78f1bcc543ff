import type { EventTable } from "./event-table.js";
import type { TeamEventType } from "./types.js";

/** Events per type, most frequent first (ties by name). */
export function eventTypeCounts(events: EventTable): { type: TeamEventType; events: number }[] {
  const counts = new Map<TeamEventType, number>();
  for (const t of events.type) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([type, n]) => ({ type, events: n })).sort((a, b) => b.events - a.events || a.type.localeCompare(b.type));
}
