import { error } from "../core/errors.js";
import type { DisplayHandle, MimeBundle } from "./types.js";

/**
 * A progress line that sends at most a few updates a second, and always its last state.
 *
 * Each update of an output is one `update_display_data` message on the kernel's iopub channel, and the
 * front end (or nbconvert) processes every one of them. A loop that updates its line once per step (a
 * 450-run sweep finishes several runs a second) would send hundreds of messages for a line that shows
 * one state at a time. So `update` sends only when at least `minSeconds` have passed since the last
 * message; an update that comes sooner is dropped, since the next one carries a newer state. `final`
 * always sends: the state the line ends in (done, failed) is never dropped.
 */
export interface ProgressLine extends DisplayHandle {
  /** Replace the line if `minSeconds` have passed since its last message; otherwise drop this state. */
  update(bundle: MimeBundle): void;
  /** Replace the line now, whatever the time since its last message: its final state. */
  final(bundle: MimeBundle): void;
}

/** Least time between two updates of a progress line by default, in seconds: four updates a second. */
export const PROGRESS_UPDATE_SECONDS = 0.25;

/**
 * A {@link ProgressLine} over `handle`, an output that was shown at `clock()` time (now).
 * @param minSeconds least time between two sent updates (0 sends every update)
 * @param clock monotonic clock in seconds
 * @throws ToolkitError unless minSeconds is a finite number >= 0.
 */
export function throttledLine(handle: DisplayHandle, minSeconds: number, clock: () => number): ProgressLine {
  if (!(Number.isFinite(minSeconds) && minSeconds >= 0)) {
    throw error("throttledLine", `minSeconds must be a finite number >= 0; got ${minSeconds}`);
  }
  let last = clock();
  return {
    update(bundle) {
      const now = clock();
      if (now - last < minSeconds) return;
      last = now;
      handle.update(bundle);
    },
    final(bundle) {
      handle.update(bundle);
    },
  };
}
