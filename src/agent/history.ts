import type { HistoryEntry } from "./types.js";

/**
 * Builders of history entries: each pairs the structured outcome with the line the agent's prompt
 * shows. Lines are short and repeat across runs (so their token counts memoise well).
 */

type Without<T, K extends keyof T> = Omit<T, K>;
type Entry<K extends HistoryEntry["kind"]> = Extract<HistoryEntry, { kind: K }>;

export function claimEntry(e: Without<Entry<"claim">, "kind" | "text">): Entry<"claim"> {
  const text = e.ok
    ? `[round ${e.round}] You claimed ${e.task}.`
    : `[round ${e.round}] Your claim of ${e.task} was refused: ${e.reason ?? "?"}${e.owner ? ` (owner ${e.owner})` : ""}.`;
  return { kind: "claim", ...e, text };
}

export function assignedEntry(e: Without<Entry<"assigned">, "kind" | "text">): Entry<"assigned"> {
  return { kind: "assigned", ...e, text: `[round ${e.round}] ${e.by} assigned ${e.task} to you.` };
}

export function assignEntry(e: Without<Entry<"assign">, "kind" | "text">): Entry<"assign"> {
  const text = e.ok
    ? `[round ${e.round}] You assigned ${e.task} to ${e.to}.`
    : `[round ${e.round}] Your assignment of ${e.task} to ${e.to} was refused: ${e.reason ?? "?"}.`;
  return { kind: "assign", ...e, text };
}

export function writeEntry(e: Without<Entry<"write">, "kind" | "text">): Entry<"write"> {
  const lock = e.lockOk ? "" : ` without the lock (held by ${e.lockHolder}); your write still landed`;
  return { kind: "write", ...e, text: `[round ${e.round}] You wrote ${e.path} (${e.bytes} bytes)${lock}.` };
}

export function testsEntry(e: Without<Entry<"tests">, "kind" | "text">): Entry<"tests"> {
  const what = e.task ?? "your tasks";
  const head =
    e.returncode === 0
      ? `[round ${e.round}] Tests of ${what} passed (${e.passed}).`
      : `[round ${e.round}] Tests of ${what} failed (return code ${e.returncode}; ${e.passed} passed, ${e.failed} failed).`;
  const shown = e.failures.slice(0, 3).map((f) => `\n  ${f.length > 200 ? f.slice(0, 200) + "…" : f}`);
  return { kind: "tests", ...e, text: head + shown.join("") };
}

export function completeEntry(e: Without<Entry<"complete">, "kind" | "text">): Entry<"complete"> {
  const text = e.ok
    ? `[round ${e.round}] ${e.task} is complete.`
    : `[round ${e.round}] ${e.task} was not marked complete: ${e.reason ?? "?"}.`;
  return { kind: "complete", ...e, text };
}

export function sentEntry(e: Without<Entry<"sent">, "kind" | "text"> & { body: string }): Entry<"sent"> {
  const to = e.to.length === 1 ? e.to[0]! : "everyone";
  const body = e.body.length > 200 ? e.body.slice(0, 200) + "…" : e.body;
  return { kind: "sent", round: e.round, to: e.to, text: `[round ${e.round}] You told ${to}: ${body}` };
}

export function rejectedEntry(e: Without<Entry<"rejected">, "kind" | "text">): Entry<"rejected"> {
  return { kind: "rejected", ...e, text: `[round ${e.round}] Refused (${e.reason}): ${e.detail}` };
}
