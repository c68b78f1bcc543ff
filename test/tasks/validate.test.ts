import { describe, expect, it } from "vitest";
import { SuiteValidationError, assertValidSuite, validateSuite, type Suite, type TaskSpec } from "../../src/tasks/index.js";

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
});
