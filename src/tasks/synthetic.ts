import { error } from "../errors.js";
import { createRng } from "../llm/rng.js";
import type { Suite, TaskSpec } from "./types.js";

/**
 * Synthetic suites for teaching and for testing the machinery: the DAG is what matters, the code is
 * trivial but real. Task k creates `taskK.js` exporting `taskK()`, which returns k plus the values of the
 * tasks it depends on (imported from their files); the faulty solution is off by one; the test checks the
 * value. Because a task's value includes its dependencies' values, a faulty dependency also fails the
 * tests of everything downstream, as in real code.
 */

export interface SyntheticSuiteOptions {
  /** N, the number of tasks: a positive integer. */
  n: number;
  /** Parallel fraction p = (N - C) / N; must be representable with an integer chain length C in 1..N. */
  p: number;
}

/**
 * A chain-plus-independent suite like the paper's: task-1 .. task-C form a chain (each depends on the
 * previous one), the other N - C tasks are independent, with C = round(N (1 - p)).
 *
 * @throws ToolkitError when n is not a positive integer, or p cannot be represented as (N - C) / N with
 *   C in 1..N; the message gives the nearest representable values.
 * @example syntheticSuite({ n: 20, p: 0.9 }).tasks.filter((t) => t.dependencies.length > 0).length // 1 (C = 2)
 */
export function syntheticSuite(options: SyntheticSuiteOptions): Suite {
  const { n, p } = options;
  if (!Number.isInteger(n) || n < 1) throw error("syntheticSuite", `n (number of tasks) must be a positive integer, got ${n}`);
  if (!Number.isFinite(p)) throw error("syntheticSuite", `p must be a finite number in [0, 1), got ${p}`);
  const c = Math.round(n * (1 - p));
  if (c < 1 || c > n || Math.abs((n - c) / n - p) > 1e-9) {
    throw error("syntheticSuite", `p = ${p} cannot be represented with n = ${n} tasks: p = (N - C) / N needs an integer chain length C in 1..${n}; nearest representable: ${nearestRepresentable(n, p)}`);
  }
  const deps = (k: number): number[] => (k >= 2 && k <= c ? [k - 1] : []);
  const label = pLabel((n - c) / n);
  return {
    id: `synthetic_n${n}_${label}`,
    domain: "synthetic",
    p_label: label,
    title: `Synthetic chain-plus-independent suite (N = ${n}, C = ${c}, p = ${fmt((n - c) / n)})`,
    description: `${BRIEF}\n\nTasks task-1 .. task-${c} form a chain (each depends on the one before); ${n - c === 0 ? "there are no independent tasks" : `tasks task-${c + 1} .. task-${n} are independent`}.`,
    tasks: buildTasks(Array.from({ length: n }, (_, i) => deps(i + 1))),
  };
}

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
    id: `layered_${layers.join("-")}_q${fmt(q)}_s${seed}`,
    domain: "layered",
    p_label: label,
    title: `Layered suite (layers ${layers.join(", ")}; N = ${n}, C = ${c}, p = ${fmt((n - c) / n)}; seed ${seed})`,
    description: `${BRIEF}\n\nThe tasks form ${c} layers of ${layers.join(", ")} tasks; each task depends on tasks of the layer before it.`,
    tasks: buildTasks(deps),
  };
}

/**
 * A `p_label` for a parallel fraction, after the paper's `p09` = 0.9: "p" and the digits of p rounded to two
 * decimals, without the point (0.9 -> p09, 0.35 -> p035, 0 -> p00, 0.777... -> p078).
 * @throws ToolkitError when p is not in [0, 1].
 */
export function pLabel(p: number): string {
  if (!(p >= 0 && p <= 1)) throw error("pLabel", `p must be in [0, 1], got ${p}`);
  const text = String(Math.round(p * 100) / 100);
  return text === "0" ? "p00" : `p${text.replace(".", "")}`;
}

const BRIEF =
  "A synthetic project: task k creates `taskK.js` exporting a function `taskK()` that returns k plus the values returned by the functions of the tasks it depends on (imported from their files).";

/** Tasks 1..N from their dependency lists (1-based task numbers). */
function buildTasks(deps: readonly (readonly number[])[]): TaskSpec[] {
  const value: number[] = [];
  return deps.map((ds, i) => {
    const k = i + 1;
    value[k] = k + ds.reduce((s, d) => s + (value[d] as number), 0);
    const imports = ds.map((d) => `import { task${d} } from "./task${d}.js";\n`).join("");
    const sum = [String(k), ...ds.map((d) => `task${d}()`)].join(" + ");
    const file = `task${k}.js`;
    const uses = ds.length === 0 ? "It imports nothing." : `It imports ${ds.map((d) => `\`task${d}\` from \`./task${d}.js\``).join(", ")}.`;
    return {
      id: `task-${k}`,
      title: `Value of task ${k}`,
      description: `Create \`${file}\` exporting \`task${k}(): number\`, returning ${sum} (= ${value[k]}). ${uses}`,
      dependencies: ds.map((d) => `task-${d}`),
      files: [file],
      solution: { [file]: `${imports}export function task${k}() {\n  return ${sum};\n}\n` },
      faulty: { [file]: `${imports}export function task${k}() {\n  return ${sum} + 1;\n}\n` },
      tests: `import assert from "node:assert/strict";\nimport { task${k} } from "./${file}";\n\nexport const tests = {\n  "task${k}() is ${value[k]}": () => assert.equal(task${k}(), ${value[k]}),\n};\n`,
    };
  });
}

function nearestRepresentable(n: number, p: number): string {
  const options = Array.from({ length: n }, (_, i) => ({ c: i + 1, p: (n - i - 1) / n }));
  const below = options.filter((o) => o.p <= p).sort((a, b) => b.p - a.p)[0];
  const above = options.filter((o) => o.p >= p).sort((a, b) => a.p - b.p)[0];
  return [below, above]
    .filter((o, i, all): o is { c: number; p: number } => o !== undefined && all.indexOf(o) === i)
    .map((o) => `p = ${fmt(o.p)} (C = ${o.c})`)
    .join(" or ");
}

function fmt(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}
