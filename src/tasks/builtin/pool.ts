import { error } from "../../core/errors.js";
import type { Suite, TaskSpec } from "../types.js";

/**
 * One function of a built-in domain, from which a suite task is made. A task creates one ES module file
 * in the workspace root, `<name>.js`, exporting the function `name`.
 */
export interface PoolTask {
  /** Export name and file stem: `sumList` -> `sumList.js` exporting `sumList`. */
  name: string;
  title: string;
  /** The exported signature as shown to the LLM, TypeScript-style. */
  signature: string;
  /** Behaviour and edge cases, written for an LLM. */
  spec: string;
  /**
   * Chain tasks only: the earlier chain functions this one imports, the previous chain function first.
   * Each becomes an import line and a dependency.
   */
  uses?: readonly string[];
  /** Module body of the reference solution (import lines are added). */
  solution: string;
  /** Module body of a plausible faulty solution that this task's tests catch. */
  faulty: string;
  /** Entries of the exported `tests` object: `"name": () => { ... },` lines. */
  tests: string;
  /** Earlier chain functions the test module imports as well (to compute expected values). */
  testUses?: readonly string[];
}

/** A domain: the chain (16 functions, each using the previous) and 18 independent functions. */
export interface DomainPool {
  domain: string;
  title: string;
  /** What the library is for; the start of every suite's brief. */
  brief: string;
  chain: readonly PoolTask[];
  independent: readonly PoolTask[];
  /** Lines placed after the imports of every test module of the domain (small helpers, fixtures). */
  testHelpers: string;
}

/** The paper's design: 20 tasks, chain length 2, 10 or 16, so p = 0.9, 0.5, 0.2. */
export const BUILTIN_LEVELS = [
  { p_label: "p09", p: 0.9, chain: 2 },
  { p_label: "p05", p: 0.5, chain: 10 },
  { p_label: "p02", p: 0.2, chain: 16 },
] as const;

export type BuiltinLevel = (typeof BUILTIN_LEVELS)[number];

const N_TASKS = 20;

/** Tag for embedded JavaScript: keeps backslashes (`"\n"` stays an escape in the generated module). */
export const js = String.raw;

/**
 * The suite of `pool` at one level: task-1..task-C are the first C chain functions, task-(C+1)..task-20
 * the first 20 - C independent functions.
 */
export function buildDomainSuite(pool: DomainPool, level: BuiltinLevel): Suite {
  const c = level.chain;
  if (pool.chain.length < c || pool.independent.length < N_TASKS - c) {
    throw error("buildDomainSuite", `domain "${pool.domain}" has ${pool.chain.length} chain and ${pool.independent.length} independent functions; level ${level.p_label} needs ${c} and ${N_TASKS - c}`);
  }
  const picked = [...pool.chain.slice(0, c), ...pool.independent.slice(0, N_TASKS - c)];
  const idOf = new Map(picked.map((t, i) => [t.name, `task-${i + 1}`]));
  const tasks = picked.map((t, i) => makeTask(pool, t, `task-${i + 1}`, i < c, idOf));
  const chainIds = `task-1 .. task-${c}`;
  const description = [
    pool.brief,
    "",
    `The project has ${N_TASKS} tasks. Tasks ${chainIds} form a dependency chain: each of them imports and uses the function of the task before it (task-k needs task-(k-1) to be done first). Tasks task-${c + 1} .. task-${N_TASKS} are independent of each other and of the chain.`,
    "",
    "Rules for every task: write exactly one file in the workspace root, named after the function it exports (e.g. `clamp.js` exports `clamp`), as an ES module with a named `export function`; no default exports; import earlier tasks' files with relative paths (`import { add } from \"./add.js\"`); no packages other than Node built-ins. Each task has its own tests, which import its file and must all pass before the task is complete.",
  ].join("\n");
  return {
    id: `${pool.domain}_${level.p_label}`,
    domain: pool.domain,
    p_label: level.p_label,
    title: `${pool.title} (p = ${level.p}, chain of ${c})`,
    description,
    tasks,
  };
}

function makeTask(pool: DomainPool, t: PoolTask, id: string, inChain: boolean, idOf: ReadonlyMap<string, string>): TaskSpec {
  const uses = inChain ? (t.uses ?? []) : [];
  if (!inChain && t.uses !== undefined) throw error("buildDomainSuite", `independent function "${t.name}" of "${pool.domain}" declares uses`);
  const dependencies = uses.map((u) => {
    const dep = idOf.get(u);
    if (dep === undefined || Number(dep.slice(5)) >= Number(id.slice(5))) {
      throw error("buildDomainSuite", `"${t.name}" of "${pool.domain}" uses "${u}", which is not an earlier chain function`);
    }
    return dep;
  });
  const file = `${t.name}.js`;
  const imports = uses.map((u) => `import { ${u} } from "./${u}.js";\n`).join("");
  const module = (body: string): string => `${imports}${imports === "" ? "" : "\n"}${body.trim()}\n`;
  const importNote =
    uses.length === 0
      ? "This task is independent: do not import any other workspace file."
      : `Import ${uses.map((u) => `\`${u}\` from \`./${u}.js\` (${idOf.get(u)})`).join(" and ")} and use ${uses.length === 1 ? "it" : "them"}; do not reimplement ${uses.length === 1 ? "it" : "them"}.`;
  return {
    id,
    title: t.title,
    description: `Create \`${file}\` in the workspace root: an ES module exporting \`${t.signature}\`. ${t.spec.trim()} ${importNote}`,
    dependencies,
    files: [file],
    solution: { [file]: module(t.solution) },
    faulty: { [file]: module(t.faulty) },
    tests: [
      'import assert from "node:assert/strict";',
      ...[t.name, ...(t.testUses ?? [])].map((u) => `import { ${u} } from "./${u}.js";`),
      "",
      pool.testHelpers.trim(),
      "",
      "export const tests = {",
      t.tests.trim().replace(/^/gm, "  "),
      "};",
      "",
    ].join("\n"),
  };
}
