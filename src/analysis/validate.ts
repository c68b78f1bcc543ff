/**
 * Input checks shared by the fits. Each throws an {@link InvalidArgumentError} whose message names the
 * function, the parameter, the offending value and what would be valid. Nothing is clamped or dropped.
 */
import { analysisError } from "./errors.js";

/** Formats a number for an error message (keeps NaN / Infinity readable). */
export function formatValue(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}

/** Throws unless `values` is an array of finite numbers. */
export function assertFiniteVector(fn: string, name: string, values: unknown): asserts values is number[] {
  if (!Array.isArray(values)) {
    throw analysisError("invalid-argument", fn, `${name} must be an array of finite numbers, got ${formatValue(values)}`);
  }
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw analysisError(
        "invalid-argument",
        fn,
        `${name}[${i}] is ${formatValue(v)}; every value of ${name} must be a finite number`,
      );
    }
  }
}

/** Throws unless `a` and `b` have the same length. */
export function assertSameLength(fn: string, nameA: string, a: readonly unknown[], nameB: string, b: readonly unknown[]): void {
  if (a.length !== b.length) {
    throw analysisError(
      "invalid-argument",
      fn,
      `${nameA} has ${a.length} values but ${nameB} has ${b.length}; they must have the same length`,
    );
  }
}

/**
 * Checks optional observation weights: same length as the data, finite and > 0.
 * Returns `undefined` when no weights were given.
 */
export function resolveWeights(fn: string, weights: unknown, n: number): number[] | undefined {
  if (weights === undefined) return undefined;
  assertFiniteVector(fn, "weights", weights);
  if (weights.length !== n) {
    throw analysisError("invalid-argument", fn, `weights has ${weights.length} values but there are ${n} observations; they must match`);
  }
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (!(w > 0)) {
      throw analysisError(
        "invalid-argument",
        fn,
        `weights[${i}] is ${formatValue(w)}; weights must be > 0 (drop the observation instead of giving it weight 0)`,
      );
    }
  }
  return weights;
}

/** Throws unless `value` is a number in the open interval (lo, hi). */
export function assertOpenInterval(fn: string, name: string, value: unknown, lo: number, hi: number): asserts value is number {
  if (typeof value !== "number" || !(value > lo && value < hi)) {
    throw analysisError("invalid-argument", fn, `${name} is ${formatValue(value)}; it must be a number in (${lo}, ${hi})`);
  }
}

/** Throws unless `value` is an integer >= `min`. */
export function assertInteger(fn: string, name: string, value: unknown, min: number): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw analysisError("invalid-argument", fn, `${name} is ${formatValue(value)}; it must be an integer >= ${min}`);
  }
}

/** Throws unless `value` is a finite number > 0. */
export function assertPositive(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw analysisError("invalid-argument", fn, `${name} is ${formatValue(value)}; it must be a finite number > 0`);
  }
}

/** Throws if `options` has keys outside `allowed` (catches typos such as `intercep`). */
export function assertKnownKeys(fn: string, name: string, options: object, allowed: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw analysisError(
        "invalid-argument",
        fn,
        `${name} has an unknown key ${JSON.stringify(key)}; valid keys are ${allowed.map((k) => JSON.stringify(k)).join(", ")}`,
      );
    }
  }
}
