import { error } from "../core/errors.js";
import { createRng } from "../core/rng.js";
import { pLabel } from "./p-label.js";
import { SYNTHETIC_BRIEF, fmtNumber, syntheticTasks } from "./synthetic-content.js";
import type { Suite } from "./types.js";

export interface LayeredSuiteOptions {
  /** Tasks per layer, first layer first: positive integers. The critical path has one task per layer. */
  layers: readonly number[];
  /** Seed of the generator that draws the edges (`createRng`, sfc32): an integer in [0, 2^32). Part of the suite id. */
  seed: number;
  /**
   * Probability of each extra edge from a task to a task of the previous layer, besides its one required
   * dependency (drawn uniformly from the previous layer).
   * @default 0.3
   */
  edgeProbability?: number;
}

/**
 * A layered DAG: layer 0 tasks have no dependencies; every task of layer i >= 1 depends on one task of
 * layer i - 1 drawn uniformly, plus each other task of layer i - 1 with probability `edgeProbability`.
 * So C = number of layers and p = (N - C) / N. Ids run layer by layer: task-1 .. task-N.
 *
 * @throws ToolkitError for empty or non-integer layers, a bad seed, or edgeProbability outside [0, 1].
 * @example layeredSuite({ layers: [3, 4, 2], seed: 7 }).tasks.length // 9
 */
export function layeredSuite(options: LayeredSuiteOptions): Suite {
  const { layers, seed } = options;
  const q = options.edgeProbability ?? 0.3;
  if (layers.length === 0 || layers.some((w) => !Number.isInteger(w) || w < 1)) {
    throw error("layeredSuite", `layers must be a non-empty array of positive integers (tasks per layer), got [${layers.join(", ")}]`);
  }
  if (!(q >= 0 && q <= 1)) throw error("layeredSuite", `edgeProbability must be in [0, 1], got ${q}`);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw error("layeredSuite", `seed must be an integer in [0, 2^32), got ${seed}`);
  const rng = createRng(seed);
  const deps: number[][] = [];
  let previous: number[] = [];
  let next = 1;
  for (const width of layers) {
    const current: number[] = [];
    for (let j = 0; j < width; j++) {
      const k = next++;
      current.push(k);
      if (previous.length === 0) {
        deps.push([]);
        continue;
      }
      const required = previous[Math.floor(rng.next() * previous.length)] as number;
      deps.push(previous.filter((d) => d === required || rng.next() < q));
    }
    previous = current;
  }
  const n = deps.length;
  const c = layers.length;
  const label = pLabel((n - c) / n);
  return {
    id: `layered_${layers.join("-")}_q${fmtNumber(q)}_s${seed}`,
    domain: "layered",
    p_label: label,
    title: `Layered suite (layers ${layers.join(", ")}; N = ${n}, C = ${c}, p = ${fmtNumber((n - c) / n)}; seed ${seed})`,
    description: `${SYNTHETIC_BRIEF}\n\nThe tasks form ${c} layers of ${layers.join(", ")} tasks; each task depends on tasks of the layer before it.`,
    tasks: syntheticTasks(deps),
  };
}
