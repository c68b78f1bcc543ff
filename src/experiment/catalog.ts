import type { Suite } from "../tasks/types.js";
import { SUITE_IDS, getSuite } from "../tasks/builtin/index.js";
import { error } from "../core/errors.js";

/** Where a sweep finds its suites: ids in a stable order, and a way to build each. */
export interface SuiteCatalog {
  readonly ids: readonly string[];
  get(id: string): Suite;
}

/** The nine built-in suites (3 domains x p = 0.9, 0.5, 0.2). */
export const BUILTIN_CATALOG: SuiteCatalog = { ids: SUITE_IDS, get: getSuite };

/** A catalog over suites already built (tests, custom suites). */
export function catalogOf(suites: readonly Suite[]): SuiteCatalog {
  const byId = new Map(suites.map((s) => [s.id, s]));
  return {
    ids: suites.map((s) => s.id),
    get(id: string): Suite {
      const s = byId.get(id);
      if (s === undefined) throw error("catalogOf", `unknown suite id "${id}"; valid: ${[...byId.keys()].join(", ")}`);
      return s;
    },
  };
}
