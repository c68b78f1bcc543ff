import { findCycle } from "./graph.js";
import { SuiteValidationError } from "./errors.js";
import type { Suite, TaskSpec } from "./types.js";
import { importSpecifiers, normaliseWorkspacePath, resolveRelative } from "./workspace-paths.js";

/**
 * How much a suite must provide.
 * - `structure`: a well-formed DAG with files, and a way to test it (tests on every task, or `testCommand`).
 *   Suites loaded from the paper's format pass this level.
 * - `runnable`: additionally every task has `solution`, `faulty` and `tests`, as the simulated backend
 *   and the in-process test runner need.
 */
export type ValidationLevel = "structure" | "runnable";

export interface ValidateOptions {
  /** @default "structure" */
  level?: ValidationLevel;
}

/** What a validation issue is about; `message` says it in words, naming the suite, task and value. */
export type IssueCode =
  | "bad_suite_field"
  | "empty_suite"
  | "bad_task_id"
  | "duplicate_id"
  | "unknown_dependency"
  | "cycle"
  | "no_files"
  | "bad_path"
  | "file_claimed_twice"
  | "missing_solution"
  | "missing_faulty"
  | "missing_tests"
  | "solution_files"
  | "faulty_files"
  | "faulty_same_as_solution"
  | "untestable"
  | "undeclared_import"
  | "tests_import_nothing";

export interface ValidationIssue {
  code: IssueCode;
  /** The task concerned, when there is one. */
  task?: string;
  message: string;
}

/**
 * Check a suite against the rules documented in src/tasks/README.md and return every problem found
 * (an empty array for a valid suite). Pure; never throws for a malformed suite.
 *
 * Rules: non-empty id, domain, p_label and title; at least one task; task ids non-empty and unique;
 * dependencies name tasks of the suite; no dependency cycle; every task has at least one file, each a
 * canonical workspace-relative path (`a.js`, `lib/b.js`), no file claimed by two tasks; `solution` and
 * `faulty` (when present) write exactly the task's files, come together, and differ; every task has
 * `tests` unless the suite has `testCommand`; relative imports in solutions, faulty solutions and tests
 * reach only files of the task itself or of its transitive dependencies; a test module imports at least
 * one of its task's files. At level `runnable`, every task must have `solution`, `faulty` and `tests`.
 */
export function validateSuite(suite: Suite, options: ValidateOptions = {}): ValidationIssue[] {
  const level = options.level ?? "structure";
  const issues: ValidationIssue[] = [];
  const where = `suite "${suite.id}"`;
  const add = (code: IssueCode, message: string, task?: string): void => {
    issues.push(task === undefined ? { code, message: `${where}: ${message}` } : { code, task, message: `${where}: ${message}` });
  };

  for (const field of ["id", "domain", "p_label", "title"] as const) {
    if (typeof suite[field] !== "string" || suite[field].trim() === "") {
      add("bad_suite_field", `field "${field}" must be a non-empty string, got ${JSON.stringify(suite[field])}`);
    }
  }
  if (suite.tasks.length === 0) {
    add("empty_suite", "has no tasks; a suite needs at least one");
    return issues;
  }

  // Ids.
  const firstAt = new Map<string, number>();
  suite.tasks.forEach((t, i) => {
    if (typeof t.id !== "string" || t.id.trim() === "") {
      add("bad_task_id", `task at position ${i} has id ${JSON.stringify(t.id)}; ids must be non-empty strings`);
      return;
    }
    const earlier = firstAt.get(t.id);
    if (earlier !== undefined) add("duplicate_id", `duplicate task id "${t.id}" at positions ${earlier} and ${i}`, t.id);
    else firstAt.set(t.id, i);
  });

  // Dependencies.
  let graphOk = true;
  for (const t of suite.tasks) {
    for (const d of t.dependencies) {
      if (!firstAt.has(d)) {
        graphOk = false;
        add("unknown_dependency", `task "${t.id}" depends on unknown task "${d}"`, t.id);
      }
    }
  }
  const cycle = findCycle(suite.tasks);
  if (cycle !== null) {
    graphOk = false;
    add("cycle", `dependency cycle ${cycle.join(" -> ")} (a -> b: a depends on b)`, cycle[0]);
  }

  // Files.
  const owner = new Map<string, string>();
  for (const t of suite.tasks) {
    if (t.files.length === 0) add("no_files", `task "${t.id}" has no files; list the files it creates`, t.id);
    for (const f of t.files) {
      const norm = normaliseWorkspacePath(f);
      if (norm !== f) {
        const hint = norm === null ? "paths must stay inside the workspace" : `write "${norm}"`;
        add("bad_path", `task "${t.id}" file "${f}" is not a canonical workspace-relative path (${hint})`, t.id);
        continue;
      }
      const other = owner.get(f);
      if (other !== undefined) add("file_claimed_twice", `file "${f}" is claimed by task "${other}" and task "${t.id}"`, t.id);
      else owner.set(f, t.id);
    }
  }

  // Solutions, faulty solutions and tests.
  for (const t of suite.tasks) {
    const files = [...t.files].sort();
    if (t.solution !== undefined && !sameKeys(t.solution, files)) {
      add("solution_files", `task "${t.id}" solution writes [${keys(t.solution)}] but its files are [${files.join(", ")}]`, t.id);
    }
    if (t.faulty !== undefined && !sameKeys(t.faulty, files)) {
      add("faulty_files", `task "${t.id}" faulty solution writes [${keys(t.faulty)}] but its files are [${files.join(", ")}]`, t.id);
    }
    if (t.solution !== undefined && t.faulty === undefined) {
      add("missing_faulty", `task "${t.id}" has a solution but no faulty solution; give both or neither`, t.id);
    }
    if (t.faulty !== undefined && t.solution === undefined) {
      add("missing_solution", `task "${t.id}" has a faulty solution but no solution; give both or neither`, t.id);
    }
    if (t.solution !== undefined && t.faulty !== undefined && files.every((f) => t.solution?.[f] === t.faulty?.[f])) {
      add("faulty_same_as_solution", `task "${t.id}" faulty solution is identical to its solution`, t.id);
    }
    if (level === "runnable") {
      if (t.solution === undefined && t.faulty === undefined) add("missing_solution", `task "${t.id}" has no solution (level "runnable")`, t.id);
      if (t.tests === undefined) add("missing_tests", `task "${t.id}" has no tests (level "runnable")`, t.id);
    } else if (t.tests === undefined && suite.testCommand === undefined) {
      add("untestable", `task "${t.id}" has no tests and the suite has no testCommand`, t.id);
    }
    if (t.tests !== undefined && t.tests.trim() === "") add("missing_tests", `task "${t.id}" tests are empty`, t.id);
  }

  // Imports must follow the DAG: a module may only import files that exist before its task is done.
  if (graphOk && firstAt.size === suite.tasks.length) {
    const byId = new Map(suite.tasks.map((t) => [t.id, t]));
    for (const t of suite.tasks) {
      const allowed = new Set(t.files);
      for (const d of ancestors(t, byId)) for (const f of byId.get(d)?.files ?? []) allowed.add(f);
      const modules: [string, string, string][] = [];
      for (const [kind, contents] of [["solution", t.solution], ["faulty solution", t.faulty]] as const) {
        for (const [path, src] of Object.entries(contents ?? {})) modules.push([`${kind} ${path}`, path, src]);
      }
      if (t.tests !== undefined) modules.push(["tests", "__tests__.js", t.tests]);
      for (const [label, path, src] of modules) {
        const reached = new Set<string>();
        for (const spec of importSpecifiers(src)) {
          const target = resolveRelative(path, spec);
          if (target === null) continue;
          if (typeof target !== "string") {
            add("undeclared_import", `task "${t.id}" ${label} imports "${spec}", which leaves the workspace`, t.id);
            continue;
          }
          reached.add(target);
          if (allowed.has(target)) continue;
          const who = owner.get(target);
          const why = who === undefined ? "which no task creates" : `created by task "${who}", which is not "${t.id}" or one of its dependencies`;
          add("undeclared_import", `task "${t.id}" ${label} imports "${spec}", ${why}`, t.id);
        }
        if (label === "tests" && !t.files.some((f) => reached.has(f))) {
          add("tests_import_nothing", `task "${t.id}" tests import none of its files [${t.files.join(", ")}]`, t.id);
        }
      }
    }
  }
  return issues;
}

/**
 * Throw a SuiteValidationError listing every problem of `suite`, or return it unchanged when valid.
 * @throws SuiteValidationError
 */
export function assertValidSuite(suite: Suite, options: ValidateOptions = {}): Suite {
  const issues = validateSuite(suite, options);
  if (issues.length > 0) throw new SuiteValidationError("assertValidSuite", `suite "${suite.id}"`, issues);
  return suite;
}

/** Transitive dependencies of a task (graph assumed acyclic with known ids). */
export function ancestors(task: TaskSpec, byId: ReadonlyMap<string, TaskSpec>): Set<string> {
  const seen = new Set<string>();
  const stack = [...task.dependencies];
  while (stack.length > 0) {
    const d = stack.pop() as string;
    if (seen.has(d)) continue;
    seen.add(d);
    stack.push(...(byId.get(d)?.dependencies ?? []));
  }
  return seen;
}

function keys(contents: Record<string, string>): string {
  return Object.keys(contents).sort().join(", ");
}

function sameKeys(contents: Record<string, string>, sortedFiles: readonly string[]): boolean {
  const k = Object.keys(contents).sort();
  return k.length === sortedFiles.length && k.every((x, i) => x === sortedFiles[i]);
}
