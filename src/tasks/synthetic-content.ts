import type { TaskSpec } from "./types.js";

/**
 * The code of synthetic suites: the DAG is what matters, the code is trivial but real. Task k creates
 * `taskK.js` exporting `taskK()`, which returns k plus the values of the tasks it depends on (imported from
 * their files); the faulty solution is off by one; the test checks the value. Because a task's value
 * includes its dependencies' values, a faulty dependency also fails the tests of everything downstream, as in
 * real code.
 */

export const SYNTHETIC_BRIEF =
  "A synthetic project: task k creates `taskK.js` exporting a function `taskK()` that returns k plus the values returned by the functions of the tasks it depends on (imported from their files).";

/** Tasks 1..N from their dependency lists (1-based task numbers). */
export function syntheticTasks(deps: readonly (readonly number[])[]): TaskSpec[] {
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


/** A number for titles and messages: at most six decimals. */
export function fmtNumber(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}
