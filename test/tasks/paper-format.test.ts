import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SuiteValidationError, dagShape, loadPaperSuite, loadPaperSuites, parsePaperSuite } from "../../src/tasks/index.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "tasks");
const PAPER_TASKS = join(import.meta.dirname, "..", "..", "..", "shared", "paper-data", "tasks");
const OPTS = { testCommand: "pytest -q" };

const scratch = mkdtempSync(join(tmpdir(), "paper-format-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
function writeJson(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

describe("loadPaperSuite", () => {
  it("reads our small fixture: ids, dependencies, files, testCommand, no solutions or tests", () => {
    const s = loadPaperSuite(join(FIXTURES, "small_p05.json"), OPTS);
    expect(s).toMatchObject({ id: "small_p05", domain: "small", p_label: "p05", title: "Tiny Shapes Library", testCommand: "pytest -q" });
    expect(s.tasks.map((t) => [t.id, t.dependencies, t.files])).toEqual([
      ["task-1", [], ["area.py"]],
      ["task-2", ["task-1"], ["scaled_area.py"]],
      ["task-3", ["task-2", "task-1"], ["area_report.py"]],
      ["task-4", [], ["perimeter.py"]],
      ["task-5", [], ["is_square.py"]],
      ["task-6", [], ["diagonal.py"]],
    ]);
    expect(s.tasks.every((t) => t.solution === undefined && t.tests === undefined)).toBe(true);
    // N = 6, C = 3 (task-1 <- task-2 <- task-3), p = 3 / 6.
    expect(dagShape(s.tasks)).toEqual({ n_tasks: 6, critical_path: 3, p: 0.5 });
  });

  it("keeps the paper's extra edges: the dataanalysis_p02 structure has C = 16, p = 0.2", () => {
    const s = loadPaperSuite(join(FIXTURES, "structure_p02.json"), OPTS);
    expect(s.tasks[15]?.dependencies).toEqual(["task-15", "task-10", "task-14"]);
    expect(dagShape(s.tasks)).toEqual({ n_tasks: 20, critical_path: 16, p: 0.2 });
  });

  it("options override id, domain and p_label", () => {
    const s = loadPaperSuite(join(FIXTURES, "small_p05.json"), { ...OPTS, id: "shapes", domain: "geometry", p_label: "p50" });
    expect([s.id, s.domain, s.p_label]).toEqual(["shapes", "geometry", "p50"]);
  });

  it("names the file when it cannot be read or parsed", () => {
    const missing = join(scratch, "nope_p09.json");
    expect(() => loadPaperSuite(missing, OPTS)).toThrow(`loadPaperSuite: ${missing}: cannot read the file (`);
    const bad = writeJson("bad_p09.json", "{ not json");
    expect(() => loadPaperSuite(bad, OPTS)).toThrow(`loadPaperSuite: ${bad}: not valid JSON (`);
  });

  it("names the file and the field of a malformed document", () => {
    const noTasks = writeJson("notasks_p09.json", JSON.stringify({ project: "x", description: "y" }));
    expect(() => loadPaperSuite(noTasks, OPTS)).toThrow(`parsePaperSuite: ${noTasks}: "tasks" must be an array, got nothing (field missing)`);
    const badDeps = writeJson("deps_p09.json", JSON.stringify({ project: "x", description: "y", tasks: [{ id: "a", title: "a", description: "a", dependencies: "b", files: ["a.py"] }] }));
    expect(() => loadPaperSuite(badDeps, OPTS)).toThrow(`parsePaperSuite: ${badDeps}: tasks[0].dependencies must be an array of strings, got "b"`);
    expect(() => parsePaperSuite([], "inline.json", OPTS)).toThrow("parsePaperSuite: inline.json: expected a JSON object, got []");
  });

  it("names the file when the DAG is invalid", () => {
    const t = (id: string, deps: string[], file: string) => ({ id, title: id, description: id, dependencies: deps, files: [file] });
    const cyclic = writeJson("cycle_p05.json", JSON.stringify({ project: "x", description: "y", tasks: [t("task-1", ["task-2"], "a.py"), t("task-2", ["task-1"], "b.py")] }));
    expect(() => loadPaperSuite(cyclic, OPTS)).toThrow(SuiteValidationError);
    expect(() => loadPaperSuite(cyclic, OPTS)).toThrow(
      `parsePaperSuite: ${cyclic} is invalid (1 problem):\n  - suite "cycle_p05": dependency cycle task-1 -> task-2 -> task-1 (a -> b: a depends on b)`,
    );
    const empty = writeJson("empty_p05.json", JSON.stringify({ project: "x", description: "y", tasks: [] }));
    expect(() => loadPaperSuite(empty, OPTS)).toThrow('suite "empty_p05": has no tasks');
  });

  it("needs a test command and a p_label", () => {
    expect(() => loadPaperSuite(join(FIXTURES, "small_p05.json"), { testCommand: " " })).toThrow('testCommand must be a non-empty command such as "pytest -q", got " "');
    expect(() => parsePaperSuite({ project: "x", description: "y", tasks: [] }, "dir/nolabel.json", OPTS)).toThrow(
      'parsePaperSuite: dir/nolabel.json: cannot infer p_label from the id "nolabel" (expected a "_pNN" suffix); pass options.p_label',
    );
  });

  it("loadPaperSuites reads a directory in file-name order and refuses one without task lists", () => {
    expect(loadPaperSuites(FIXTURES, OPTS).map((s) => s.id)).toEqual(["small_p05", "structure_p02"]);
    const empty = mkdtempSync(join(scratch, "empty-"));
    expect(() => loadPaperSuites(empty, OPTS)).toThrow(`loadPaperSuites: ${empty}: no .json task lists found`);
  });
});

describe.skipIf(!existsSync(PAPER_TASKS))("the paper's nine task lists (../shared/paper-data/tasks)", () => {
  it("load as valid suites with N = 20 and the C and p their labels say", () => {
    const suites = loadPaperSuites(PAPER_TASKS, OPTS);
    expect(suites).toHaveLength(9);
    const want: Record<string, { c: number; p: number }> = { p09: { c: 2, p: 0.9 }, p05: { c: 10, p: 0.5 }, p02: { c: 16, p: 0.2 } };
    for (const s of suites) {
      const w = want[s.p_label];
      expect(w, `${s.id} has an unexpected p_label`).toBeDefined();
      expect(dagShape(s.tasks), s.id).toEqual({ n_tasks: 20, critical_path: w?.c, p: w?.p });
    }
    expect(suites.map((s) => s.domain).sort()).toEqual([
      ...Array(3).fill("dataanalysis"),
      ...Array(3).fill("mathutilities20"),
      ...Array(3).fill("svgutils"),
    ]);
  });
});
if (!existsSync(PAPER_TASKS)) console.warn(`skipping the paper's task lists: ${PAPER_TASKS} does not exist (it is ../shared/paper-data/tasks beside the project)`);
