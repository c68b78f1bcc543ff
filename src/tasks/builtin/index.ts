import { error } from "../../core/errors.js";
import type { Suite } from "../types.js";
import { DATAANALYSIS } from "./dataanalysis.js";
import { MATHUTILS } from "./mathutils.js";
import { BUILTIN_LEVELS, buildDomainSuite, type DomainPool } from "./pool.js";
import { SVGUTILS } from "./svgutils.js";

export { BUILTIN_LEVELS, type BuiltinLevel, type DomainPool, type PoolTask, buildDomainSuite } from "./pool.js";

/** The three built-in domains, in the order of SUITE_IDS. */
export const BUILTIN_DOMAINS: readonly DomainPool[] = [MATHUTILS, DATAANALYSIS, SVGUTILS];

/** The nine built-in suite ids: each domain at p = 0.9, 0.5, 0.2 (chain length 2, 10, 16). */
export const SUITE_IDS = [
  "mathutils_p09",
  "mathutils_p05",
  "mathutils_p02",
  "dataanalysis_p09",
  "dataanalysis_p05",
  "dataanalysis_p02",
  "svgutils_p09",
  "svgutils_p05",
  "svgutils_p02",
] as const;

export type SuiteId = (typeof SUITE_IDS)[number];

/**
 * The nine built-in suites, freshly built (callers may modify them without affecting later calls).
 * Each has 20 tasks with reference solution, faulty solution and tests.
 */
export function builtinSuites(): Suite[] {
  return BUILTIN_DOMAINS.flatMap((pool) => BUILTIN_LEVELS.map((level) => buildDomainSuite(pool, level)));
}

/**
 * One built-in suite by id.
 * @throws ToolkitError for an unknown id, listing the valid ones.
 * @example getSuite("mathutils_p09").tasks.length // 20
 */
export function getSuite(id: string): Suite {
  const [domain, label] = id.split("_");
  const pool = BUILTIN_DOMAINS.find((d) => d.domain === domain);
  const level = BUILTIN_LEVELS.find((l) => l.p_label === label);
  if (pool === undefined || level === undefined || id !== `${domain}_${label}`) {
    throw error("getSuite", `unknown suite id "${id}"; valid ids: ${SUITE_IDS.join(", ")}`);
  }
  return buildDomainSuite(pool, level);
}

/**
 * Parse a suite selection: "all" (every built-in suite) or a comma-separated list of suite ids
 * (spaces around commas allowed, duplicates removed, order kept).
 * @throws ToolkitError for an empty selection or unknown ids, listing the valid ones.
 * @example suiteIdsFor("mathutils_p09, svgutils_p02") // ["mathutils_p09", "svgutils_p02"]
 */
export function suiteIdsFor(spec: string): SuiteId[] {
  const valid = `valid: "all" or a comma-separated list of ${SUITE_IDS.join(", ")}`;
  const trimmed = spec.trim();
  if (trimmed === "all") return [...SUITE_IDS];
  const parts = trimmed.split(",").map((s) => s.trim());
  if (trimmed === "" || parts.some((p) => p === "")) throw error("suiteIdsFor", `empty suite id in "${spec}"; ${valid}`);
  const unknown = parts.filter((p) => !(SUITE_IDS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw error("suiteIdsFor", `unknown suite id${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}; ${valid}`);
  }
  return [...new Set(parts as SuiteId[])];
}
