/**
 * The clock a real backend waits on: a monotonic reading in ms and an abortable sleep. Passed in, so
 * tests of retries and rate limits run on a fake clock in no time.
 */
export interface WallClock {
  /** Monotonic milliseconds (any origin). */
  nowMs(): number;
  /** Resolve after `ms`; reject with the signal's reason if `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** An `AbortError` like fetch's, for waits cut short. */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const e = new Error("the operation was aborted");
  e.name = "AbortError";
  return e;
}

/** `performance.now()` and `setTimeout`. */
export const systemClock: WallClock = {
  nowMs: () => performance.now(),
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortError(signal));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};

/**
 * A wall-clock reading for the orchestrator's `now` (Unix seconds) that is monotonic: the epoch time
 * at creation plus the monotonic time elapsed since, so a clock adjustment during a run cannot make
 * its timestamps go backwards.
 */
export function monotonicUnixSeconds(): () => number {
  const epoch = Date.now() / 1000;
  const start = performance.now();
  return () => epoch + (performance.now() - start) / 1000;
}
