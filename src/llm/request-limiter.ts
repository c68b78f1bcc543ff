import { error } from "../core/errors.js";
import { abortError, systemClock, type WallClock } from "../core/clock.js";

/** Limits on the requests of everything sharing one limiter (all runs of a sweep). */
export interface RequestLimits {
  /** Requests in flight at once. @default 8 */
  maxConcurrent: number;
  /** Requests started in any 60-second window (retries count), or null for no limit. @default null */
  requestsPerMinute: number | null;
  /**
   * Tokens (input + output) of requests started in any 60-second window, or null for no limit. A
   * request counts with its estimated input tokens when it starts, corrected to its reported usage
   * when it ends. A single request larger than the limit still runs, alone in its window.
   * @default null
   */
  tokensPerMinute: number | null;
}

export const DEFAULT_REQUEST_LIMITS: Readonly<RequestLimits> = { maxConcurrent: 8, requestsPerMinute: null, tokensPerMinute: null };

/** A slot held by one request attempt. */
export interface RequestPermit {
  /** Free the concurrency slot; `tokens` (if given) replaces the estimate in the per-minute window. */
  release(tokens?: number): void;
}

export interface RequestLimiterStats {
  inFlight: number;
  /** Requests started so far. */
  started: number;
  /** Total ms requests waited for a slot or the per-minute limits. */
  waitedMs: number;
}

export interface RequestLimiter {
  readonly limits: Readonly<RequestLimits>;
  /**
   * Wait (first come, first served) until a request estimated at `tokens` may start, then take a slot.
   * @throws the signal's abort reason when `signal` aborts while waiting.
   */
  acquire(tokens: number, signal?: AbortSignal): Promise<RequestPermit>;
  stats(): RequestLimiterStats;
}

const WINDOW_MS = 60_000;

/**
 * Validate and complete limits.
 * @throws ToolkitError naming the field, its value and the valid range.
 */
export function resolveRequestLimits(limits: Partial<RequestLimits> = {}): RequestLimits {
  const l = { ...DEFAULT_REQUEST_LIMITS, ...limits };
  if (!Number.isInteger(l.maxConcurrent) || l.maxConcurrent < 1 || l.maxConcurrent > 1024) {
    throw error("createRequestLimiter", `maxConcurrent must be an integer from 1 to 1024; got ${String(l.maxConcurrent)}`);
  }
  for (const k of ["requestsPerMinute", "tokensPerMinute"] as const) {
    const v = l[k];
    if (v !== null && !(Number.isFinite(v) && v > 0)) throw error("createRequestLimiter", `${k} must be a positive number or null; got ${String(v)}`);
  }
  return l;
}

/**
 * A limiter shared by every request of a sweep: at most `maxConcurrent` in flight, and sliding
 * 60-second windows for requests and tokens per minute. Waiters are served in arrival order. The
 * clock is injectable (`WallClock`), so tests run on a fake clock.
 *
 * @example const limiter = createRequestLimiter({ maxConcurrent: 4, requestsPerMinute: 500 });
 */
export function createRequestLimiter(limits: Partial<RequestLimits> = {}, clock: WallClock = systemClock): RequestLimiter {
  const l = resolveRequestLimits(limits);
  const window: { t: number; tokens: number }[] = [];
  const slotWaiters: (() => void)[] = [];
  let inFlight = 0;
  let started = 0;
  let waitedMs = 0;
  // Waiters pass through this chain one at a time, which makes the limiter first come, first served.
  let gate: Promise<void> = Promise.resolve();

  const prune = (now: number): void => {
    while (window.length > 0 && window[0]!.t <= now - WINDOW_MS) window.shift();
  };

  const slot = (signal?: AbortSignal): Promise<void> => {
    if (inFlight < l.maxConcurrent) {
      inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const take = (): void => {
        signal?.removeEventListener("abort", onAbort);
        inFlight++;
        resolve();
      };
      const onAbort = (): void => {
        const i = slotWaiters.indexOf(take);
        if (i >= 0) slotWaiters.splice(i, 1);
        reject(abortError(signal));
      };
      slotWaiters.push(take);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  };

  const freeSlot = (): void => {
    inFlight--;
    const next = slotWaiters.shift();
    if (next) next();
  };

  /** Ms until a request of `tokens` fits the per-minute windows (0 = now). */
  const waitFor = (tokens: number, now: number): number => {
    prune(now);
    let wait = 0;
    if (l.requestsPerMinute !== null && window.length >= l.requestsPerMinute) {
      const oldest = window[window.length - l.requestsPerMinute]!;
      wait = Math.max(wait, oldest.t + WINDOW_MS - now);
    }
    if (l.tokensPerMinute !== null && window.length > 0) {
      let used = 0;
      for (const e of window) used += e.tokens;
      if (used + tokens > l.tokensPerMinute) {
        // Wait until enough of the oldest entries leave the window.
        let freed = 0;
        for (const e of window) {
          freed += e.tokens;
          if (used - freed + tokens <= l.tokensPerMinute || freed === used) {
            wait = Math.max(wait, e.t + WINDOW_MS - now);
            break;
          }
        }
      }
    }
    return wait;
  };

  return {
    limits: l,
    acquire(tokens: number, signal?: AbortSignal): Promise<RequestPermit> {
      if (!(Number.isFinite(tokens) && tokens >= 0)) throw error("RequestLimiter.acquire", `tokens must be a finite number >= 0; got ${String(tokens)}`);
      const t0 = clock.nowMs();
      const turn = gate.then(async (): Promise<RequestPermit> => {
        if (signal?.aborted) throw abortError(signal);
        await slot(signal);
        try {
          for (;;) {
            const wait = waitFor(tokens, clock.nowMs());
            if (wait <= 0) break;
            await clock.sleep(wait, signal);
          }
        } catch (e) {
          freeSlot();
          throw e;
        }
        const entry = { t: clock.nowMs(), tokens };
        window.push(entry);
        started++;
        waitedMs += entry.t - t0;
        let released = false;
        return {
          release(actual?: number): void {
            if (released) return;
            released = true;
            if (actual !== undefined && Number.isFinite(actual) && actual >= 0) entry.tokens = actual;
            freeSlot();
          },
        };
      });
      gate = turn.then(
        () => undefined,
        () => undefined,
      );
      return turn;
    },
    stats: () => ({ inFlight, started, waitedMs }),
  };
}
