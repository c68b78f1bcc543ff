import { error } from "../core/errors.js";

/**
 * When and how long to wait before retrying a failed request (pure functions; the backend does the
 * waiting, on an injectable clock, so retries are logged and testable).
 */
export interface RetryPolicy {
  /** Retries after the first attempt (0 = never retry). @default 6 */
  maxRetries: number;
  /** Back-off before the first retry, before jitter, in ms. @default 1000 */
  baseDelayMs: number;
  /** Largest back-off before jitter, in ms. @default 60000 */
  maxDelayMs: number;
  /**
   * Longest `Retry-After` honoured, in ms. A server that asks for a longer wait (a daily quota, say)
   * ends the request with a non-retryable error saying so, instead of stalling the sweep.
   * @default 120000
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxRetries: 6,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 120_000,
};

/**
 * Complete and check a partial policy.
 * @throws ToolkitError naming the field and its value.
 */
export function resolveRetryPolicy(policy: Partial<RetryPolicy> = {}): RetryPolicy {
  const p = { ...DEFAULT_RETRY_POLICY, ...policy };
  if (!Number.isInteger(p.maxRetries) || p.maxRetries < 0 || p.maxRetries > 100) {
    throw error("resolveRetryPolicy", `maxRetries must be an integer from 0 to 100; got ${String(p.maxRetries)}`);
  }
  for (const k of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    if (!Number.isFinite(p[k]) || p[k] < 0) throw error("resolveRetryPolicy", `${k} must be a finite number >= 0 (ms); got ${String(p[k])}`);
  }
  if (p.maxDelayMs < p.baseDelayMs) {
    throw error("resolveRetryPolicy", `maxDelayMs (${p.maxDelayMs}) must be >= baseDelayMs (${p.baseDelayMs})`);
  }
  return p;
}

/**
 * Back-off before retry number `retry` (1 for the first retry), with "equal jitter":
 *
 *   d = min(maxDelayMs, baseDelayMs · 2^(retry − 1)),   delay = d/2 + u · d/2,   u ∈ [0, 1)
 *
 * so the delay lies in [d/2, d): exponential growth, with clients that failed together spread apart.
 * `u` comes from the caller's seeded random source.
 *
 * @example backoffDelayMs(3, DEFAULT_RETRY_POLICY, 0.5) // d = 4000, delay = 3000
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, u: number): number {
  if (!Number.isInteger(retry) || retry < 1) throw error("backoffDelayMs", `retry must be an integer >= 1; got ${String(retry)}`);
  if (!(u >= 0 && u < 1)) throw error("backoffDelayMs", `u must be in [0, 1); got ${String(u)}`);
  const d = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return d / 2 + (u * d) / 2;
}

/** Anything with `get(name)` on headers (fetch's `Headers`, or a plain lookup in tests). */
export interface HeaderLookup {
  get(name: string): string | null;
}

/**
 * The wait a server asked for, in ms, or null when it asked for none or said nothing usable.
 * Reads `retry-after-ms` (milliseconds, OpenAI's extension) first, then `Retry-After` as seconds
 * (`"2"`, `"0.5"`) or as an HTTP date (`"Wed, 21 Oct 2015 07:28:00 GMT"`: the wait is that date minus
 * `nowMs`, at least 0). Anything else is no hint, so the caller's back-off applies: a negative number
 * (`"-5"`, which `Date.parse` would read as the year -5, a wait of 0), a number too large to be a
 * wait (over 10^9 s), a date without a weekday or month name.
 *
 * @example parseRetryAfterMs(new Headers({ "retry-after": "2" }), Date.now()) // 2000
 */
export function parseRetryAfterMs(headers: HeaderLookup | null | undefined, nowMs: number): number | null {
  if (!headers) return null;
  const seconds = (v: string): number | null => (/^\s*\d{1,10}(\.\d+)?\s*$/.test(v) && Number(v) <= 1e9 ? Number(v) : null);
  const ms = headers.get("retry-after-ms");
  const msValue = ms === null ? null : seconds(ms);
  if (msValue !== null) return msValue;
  const value = headers.get("retry-after");
  if (value === null) return null;
  const s = seconds(value);
  if (s !== null) return s * 1000;
  // An HTTP date names its weekday or month in letters (RFC 9110 section 5.6.7).
  if (!/^\s*[A-Za-z]{3}/.test(value)) return null;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}
