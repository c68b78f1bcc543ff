import type { Suite, TaskSpec, TestOutcome } from "../../src/tasks/types.js";
import type { TestRunner } from "../../src/tasks/runner.js";

/**
 * Small inline suites and a content-comparing test runner for tests of the team runtime: a task's
 * tests pass when every one of its files (and its dependencies' files) holds the reference solution.
 */
export function task(id: string, dependencies: string[] = [], file = `${id}.js`): TaskSpec {
  return {
    id,
    title: `Build ${id}`,
    description: `Write ${file}.`,
    dependencies,
    files: [file],
    solution: { [file]: `export const ${id.replace(/\W/g, "_")} = "ok";\n` },
    faulty: { [file]: `export const ${id.replace(/\W/g, "_")} = "bug";\n` },
  };
}

export function suite(tasks: TaskSpec[], id = "mini_p50"): Suite {
  return { id, domain: "mini", p_label: "p50", title: "Mini project", description: "A tiny project for tests.", tasks };
}

/** A chain a -> b -> c plus independents d, e: N = 5, C = 3. */
export function chainSuite(): Suite {
  return suite([task("a"), task("b", ["a"]), task("c", ["b"]), task("d"), task("e")]);
}

/** The paper's shape: a chain of length c plus n - c independent tasks, ids task-1..task-n. */
export function paperShapeSuite(n: number, c: number): Suite {
  const tasks: TaskSpec[] = [];
  for (let i = 1; i <= n; i++) tasks.push(task(`task-${i}`, i > 1 && i <= c ? [`task-${i - 1}`] : [], `f${i}.js`));
  return suite(tasks, `shape_n${n}_c${c}`);
}

function ancestorsOf(s: Suite, id: string, out = new Set<string>()): Set<string> {
  const t = s.tasks.find((x) => x.id === id);
  for (const d of t?.dependencies ?? []) {
    if (!out.has(d)) {
      out.add(d);
      ancestorsOf(s, d, out);
    }
  }
  return out;
}

/** The outcome of a suite's tests when a task passes iff its files and its ancestors' files hold their reference solutions. */
export function exactOutcome(files: ReadonlyMap<string, string>, s: Suite, taskIds?: readonly string[]): TestOutcome {
  const ids = taskIds ?? s.tasks.map((t) => t.id);
  let passed = 0;
  let failed = 0;
  let missing = false;
  const failures: string[] = [];
  for (const id of ids) {
    const t = s.tasks.find((x) => x.id === id)!;
    const need = [t, ...[...ancestorsOf(s, id)].map((a) => s.tasks.find((x) => x.id === a)!)];
    let ok = true;
    for (const n of need) {
      for (const f of n.files) {
        const have = files.get(f);
        if (have === undefined) missing = true;
        if (have !== n.solution![f]) ok = false;
      }
    }
    if (ok) passed++;
    else {
      failed++;
      failures.push(`${id} > works: wrong or missing file`);
    }
  }
  return { returncode: missing ? 2 : failed > 0 ? 1 : 0, passed, failed, failures };
}

/** A test runner answering with `exactOutcome`. */
export const exactRunner: TestRunner & { calls: number } = {
  calls: 0,
  run(files: ReadonlyMap<string, string>, s: Suite, taskIds?: readonly string[]): Promise<TestOutcome> {
    exactRunner.calls++;
    return Promise.resolve(exactOutcome(files, s, taskIds));
  },
};
