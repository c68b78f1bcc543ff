import { error } from "../core/errors.js";
import type { MimeBundle } from "./types.js";

/** Seconds as shown in progress lines: one decimal under 10 s, whole seconds above. */
export function formatSeconds(seconds: number): string {
  if (!(seconds >= 0)) throw error("formatSeconds", `seconds must be a number >= 0; got ${seconds}`);
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/**
 * A text progress bar: `[########------------] 4/10`.
 * @throws ToolkitError unless 0 <= done <= total and width >= 1 are integers.
 */
export function progressBar(done: number, total: number, width = 20): string {
  if (!Number.isInteger(total) || total < 0 || !Number.isInteger(done) || done < 0 || done > total) {
    throw error("progressBar", `need integers 0 <= done <= total; got done ${done}, total ${total}`);
  }
  if (!Number.isInteger(width) || width < 1) throw error("progressBar", `width must be an integer >= 1; got ${width}`);
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
}

/** The state of a step shown by a progress line. */
export type StepState = "running" | "done" | "failed" | "skipped";

const MARK: Readonly<Record<StepState, string>> = { running: "…", done: "✓", failed: "✗", skipped: "–" };

/**
 * One line for a step of a long computation: `… Loading the data`, then
 * `✓ Loading the data: 1,413 runs (0.7 s)` or `✗ Loading the data: <error> (0.7 s)`.
 */
export function stepLine(label: string, state: StepState, detail = "", seconds?: number): string {
  const tail = detail ? `: ${detail}` : "";
  const time = seconds === undefined ? "" : ` (${formatSeconds(seconds)})`;
  return `${MARK[state]} ${label}${tail}${time}`;
}

/** A progress line as a bundle (plain text; it shows the same in every front end and in exports). */
export function textBundle(text: string): MimeBundle {
  return { data: { "text/plain": text }, metadata: {} };
}
