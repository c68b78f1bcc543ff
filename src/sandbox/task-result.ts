export { combineTaskResults, type TaskResult } from "../tasks/test-outcome.js";

/** A bounded number of jobs at once, first come first served. */
export function createJobQueue(parallel: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running >= parallel) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** The last `max` characters of `text` on one line, for a failure message. */
export function tail(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `…${flat.slice(flat.length - max + 1)}` : flat;
}
