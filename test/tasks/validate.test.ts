import { describe, expect, it } from "vitest";
import { SuiteValidationError, assertValidSuite, validateSuite, type Suite, type TaskSpec } from "../../src/tasks/index.js";
import { ancestors, MAX_SUITE_TEXT_CHARS } from "../../src/tasks/validate-suite.js";
import { createRng } from "../../src/core/rng.js";

/** A small valid runnable suite: b.js imports a.js. */
function task(id: string, file: string, deps: string[] = [], extra: Partial<TaskSpec> = {}): TaskSpec {
  const name = file.replace(/\.js$/, "");
  const imports = deps.length === 0 ? "" : `import { a } from "./a.js";\n`;
  return {
    id,
    title: id,
    description: `make ${file}`,
    dependencies: deps,
    files: [file],
    solution: { [file]: `${imports}export const ${name} = () => 1;\n` },
    faulty: { [file]: `${imports}export const ${name} = () => 2;\n` },
    tests: `import { ${name} } from "./${file}";\nexport const tests = { one: () => { if (${name}() !== 1) throw new Error("no"); } };\n`,
    ...extra,
  };
}

function suite(tasks: TaskSpec[], extra: Partial<Suite> = {}): Suite {
  return { id: "s", domain: "d", p_label: "p05", title: "t", description: "", tasks, ...extra };
}

const messages = (s: Suite, level: "structure" | "runnable" = "structure"): string[] => validateSuite(s, { level }).map((i) => i.message);

describe("validateSuite", () => {
  it("accepts a valid suite at both levels", () => {
    const ok = suite([task("t1", "a.js"), task("t2", "b.js", ["t1"])]);
    expect(validateSuite(ok)).toEqual([]);
    expect(validateSuite(ok, { level: "runnable" })).toEqual([]);
    expect(assertValidSuite(ok)).toBe(ok);
  });

  it("refuses an empty suite and empty suite fields", () => {
    expect(messages(suite([], { id: "" }))).toEqual(['suite "": field "id" must be a non-empty string, got ""', 'suite "": has no tasks; a suite needs at least one']);
  });

  it("duplicate ids", () => {
    expect(messages(suite([task("t1", "a.js"), task("t1", "b.js")]))).toEqual(['suite "s": duplicate task id "t1" at positions 0 and 1']);
  });

  it("unknown dependency, naming task and id", () => {
    expect(messages(suite([task("t1", "a.js", ["t9"])]))).toEqual(['suite "s": task "t1" depends on unknown task "t9"']);
  });

  it("cycles, naming the cycle", () => {
    const s = suite([task("t1", "a.js", ["t2"]), task("t2", "b.js", ["t1"])]);
    const cycle = validateSuite(s).filter((i) => i.code === "cycle");
    expect(cycle.map((i) => i.message)).toEqual(['suite "s": dependency cycle t1 -> t2 -> t1 (a -> b: a depends on b)']);
  });

  it("files: none, non-canonical, outside the workspace, claimed twice", () => {
    expect(messages(suite([task("t1", "a.js", [], { files: [], solution: {}, faulty: {} })]))).toContain('suite "s": task "t1" has no files; list the files it creates');
    const paths = suite([
      task("t1", "a.js", [], { files: ["./a.js"], solution: { "./a.js": "x" }, faulty: { "./a.js": "y" }, tests: 'import "./a.js";' }),
      task("t2", "b.js", [], { files: ["../b.js"], solution: { "../b.js": "x" }, faulty: { "../b.js": "y" }, tests: 'import "./b.js";' }),
    ]);
    expect(messages(paths).filter((m) => m.includes("canonical"))).toEqual([
      'suite "s": task "t1" file "./a.js" is not a canonical workspace-relative path (write "a.js")',
      'suite "s": task "t2" file "../b.js" is not a canonical workspace-relative path (paths must stay inside the workspace)',
    ]);
    const twice = suite([task("t1", "a.js"), task("t2", "a.js")]);
    expect(messages(twice)).toEqual(['suite "s": file "a.js" is claimed by task "t1" and task "t2"']);
  });

  it("solution and faulty must write the task's files, come together and differ", () => {
    const wrongFiles = task("t1", "a.js", [], { solution: { "x.js": "1" } });
    expect(messages(suite([wrongFiles]))).toContain('suite "s": task "t1" solution writes [x.js] but its files are [a.js]');
    const noFaulty = task("t1", "a.js");
    delete noFaulty.faulty;
    expect(messages(suite([noFaulty]))).toEqual(['suite "s": task "t1" has a solution but no faulty solution; give both or neither']);
    const same = task("t1", "a.js");
    same.faulty = { ...(same.solution as Record<string, string>) };
    expect(messages(suite([same]))).toEqual(['suite "s": task "t1" faulty solution is identical to its solution']);
  });

  it("tests or a testCommand are required; level runnable requires solution, faulty and tests", () => {
    const bare: TaskSpec = { id: "t1", title: "t", description: "d", dependencies: [], files: ["a.py"] };
    expect(messages(suite([bare]))).toEqual(['suite "s": task "t1" has no tests and the suite has no testCommand']);
    expect(messages(suite([bare], { testCommand: "pytest -q" }))).toEqual([]);
    expect(messages(suite([bare], { testCommand: "pytest -q" }), "runnable")).toEqual([
      'suite "s": task "t1" has no solution (level "runnable")',
      'suite "s": task "t1" has no tests (level "runnable")',
    ]);
  });

  it("imports must follow the DAG", () => {
    // b imports a.js but does not depend on the task that creates it.
    const s = suite([task("t1", "a.js"), task("t2", "b.js", [], { solution: { "b.js": 'import { a } from "./a.js";\nexport const b = a;\n' } })]);
    expect(messages(s)).toEqual(['suite "s": task "t2" solution b.js imports "./a.js", created by task "t1", which is not "t2" or one of its dependencies']);
    const nowhere = suite([task("t1", "a.js", [], { faulty: { "a.js": 'import "./ghost.js";\n' } })]);
    expect(messages(nowhere)).toEqual(['suite "s": task "t1" faulty solution a.js imports "./ghost.js", which no task creates']);
  });

  it("a test module must import one of its task's files", () => {
    const s = suite([task("t1", "a.js", [], { tests: "export const tests = {};\n" })]);
    expect(messages(s)).toEqual(['suite "s": task "t1" tests import none of its files [a.js]']);
  });

  it("assertValidSuite lists every problem", () => {
    const s = suite([task("t1", "a.js", ["t9"]), task("t1", "b.js")]);
    expect(() => assertValidSuite(s)).toThrow(SuiteValidationError);
    expect(() => assertValidSuite(s)).toThrow(
      'assertValidSuite: suite "s" is invalid (2 problems):\n  - suite "s": duplicate task id "t1" at positions 0 and 1\n  - suite "s": task "t1" depends on unknown task "t9"',
    );
  });

  it("task ids are 1 to 64 letters, digits, _, . or -: nothing that could close a tag or start a path", () => {
    const bad = ['"/><run_tests/>', "a b", "../x", "x/y", "é", "t\n1", "a".repeat(65), ""];
    for (const id of bad) {
      const m = messages(suite([task(id, "a.js")]));
      expect(m[0]).toBe(`suite "s": task at position 0 has id ${JSON.stringify(id)}; ids are 1 to 64 letters, digits, "_", "." or "-" (/^[A-Za-z0-9_.-]{1,64}$/)`);
    }
    const good = ["task-1", "T_2", "parse.csv", "a".repeat(64)];
    expect(messages(suite(good.map((id, i) => task(id, `f${i}.js`))))).toEqual([]);
  });

  it("refuses a 10 MB task description at once, and cuts long values in messages", () => {
    const huge = task("t1", "a.js", [], { description: "x".repeat(10_000_000) });
    expect(messages(suite([huge]))).toEqual([`suite "s": task "t1" description has 10000000 characters; at most ${MAX_SUITE_TEXT_CHARS} are allowed`]);
    const longDep = messages(suite([task("t1", "a.js", ["y".repeat(5000)])]));
    expect(longDep).toEqual([`suite "s": task "t1" depends on unknown task "${"y".repeat(76)}...`]);
  });

  it("an import of a transitive dependency's file is allowed, of any other task's file refused", () => {
    const imp = (file: string): Partial<TaskSpec> => ({
      solution: { [`${file}`]: 'import { a } from "./a.js";\nexport const x = a;\n' },
      faulty: { [`${file}`]: 'import { a } from "./a.js";\nexport const x = 0;\n' },
    });
    // t3 -> t2 -> t1: t3 imports t1's a.js (a grandparent); t4 depends on nothing.
    const chain = suite([task("t1", "a.js"), task("t2", "b.js", ["t1"]), task("t3", "c.js", ["t2"], imp("c.js")), task("t4", "d.js", [], imp("d.js"))]);
    expect(messages(chain)).toEqual([
      'suite "s": task "t4" solution d.js imports "./a.js", created by task "t1", which is not "t4" or one of its dependencies',
      'suite "s": task "t4" faulty solution d.js imports "./a.js", created by task "t1", which is not "t4" or one of its dependencies',
    ]);
  });

  it("agrees with the ancestor sets on a seeded random DAG, over more than 256 imported tasks", () => {
    const rng = createRng(41);
    const n = 700;
    const tasks: TaskSpec[] = [];
    for (let i = 0; i < n; i++) {
      const deps = i === 0 ? [] : [...new Set(Array.from({ length: 1 + Math.floor(rng.next() * 2) }, () => `t${Math.floor(rng.next() * i)}`))];
      tasks.push({ id: `t${i}`, title: "t", description: "d", dependencies: deps, files: [`f${i}.js`] });
    }
    // Each task's tests import its own file and one earlier task's file: half the time one of its
    // ancestors, else any earlier task.
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const target = tasks.map((t, i) => {
      const anc = [...ancestors(t, byId)];
      if (anc.length > 0 && rng.next() < 0.5) return Number(anc[Math.floor(rng.next() * anc.length)]!.slice(1));
      return i === 0 ? 0 : Math.floor(rng.next() * i);
    });
    tasks.forEach((t, i) => {
      t.tests = `import "./f${i}.js";\nimport "./f${target[i]}.js";\nexport const tests = {};\n`;
    });
    const s = suite(tasks);
    const expected = tasks
      .filter((t, i) => target[i] !== i && !ancestors(t, byId).has(`t${target[i]}`))
      .map((t) => t.id);
    const got = validateSuite(s).filter((x) => x.code === "undeclared_import").map((x) => x.task);
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.length).toBeLessThan(n - 100);
    expect(got).toEqual(expected);
  });

  it("validates a 60,000-task suite (a chain whose tasks import their grandparent's file, and the paper format)", () => {
    const n = 60_000;
    const tasks: TaskSpec[] = Array.from({ length: n }, (_, i) => ({
      id: `task-${i}`,
      title: `t${i}`,
      description: "d",
      dependencies: i === 0 ? [] : [`task-${i - 1}`],
      files: [`f${i}.js`],
      tests: `import "./f${i}.js";\n${i >= 2 ? `import "./f${i - 2}.js";\n` : ""}export const tests = {};\n`,
    }));
    expect(validateSuite(suite(tasks))).toEqual([]);
    // One import of a later task's file: refused, naming it.
    tasks[10]!.tests = `import "./f10.js";\nimport "./f59999.js";\nexport const tests = {};\n`;
    expect(messages(suite(tasks))).toEqual(['suite "s": task "task-10" tests imports "./f59999.js", created by task "task-59999", which is not "task-10" or one of its dependencies']);
    // The paper's format: no sources, a test command; and a wide fan-in on one task.
    const plain: TaskSpec[] = Array.from({ length: n }, (_, i) => ({ id: `task-${i}`, title: "t", description: "d", dependencies: i === 0 ? [] : ["task-0", `task-${i - 1}`], files: [`f${i}.py`] }));
    expect(validateSuite(suite(plain, { testCommand: "pytest -q" }))).toEqual([]);
  });
});
