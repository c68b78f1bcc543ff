/**
 * Task suites: a project split into subtasks that form a dependency graph (a DAG).
 *
 * The paper's design: 20 subtasks, a dependency chain of length C (2, 10 or 16) and N - C independent
 * tasks, so the parallel fraction is p = (N - C) / N (0.9, 0.5, 0.2).
 */

/**
 * What a task id may look like: 1 to 64 ASCII letters, digits, `_`, `.` and `-` (`task-1`,
 * `parse_csv.v2`). Ids appear in prompts, action tags (`<claim task="...">`), event logs and file
 * names, so nothing that could close a tag, start a path or a new line is allowed.
 */
export const TASK_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** One subtask of a suite. */
export interface TaskSpec {
  /** Unique within the suite, e.g. `task-1`; matches `TASK_ID_PATTERN`. */
  id: string;
  title: string;
  /** What to build, written for an LLM: file name, exported function signature, behaviour, edge cases. */
  description: string;
  /** Ids of tasks that must be done before this one may be claimed. */
  dependencies: string[];
  /** Workspace-relative paths of the files this task creates (e.g. `add.js`). */
  files: string[];
  /** Reference solution: workspace-relative path -> file content. Absent for suites loaded from the paper's format. */
  solution?: Record<string, string>;
  /**
   * A plausible but wrong solution (same files as `solution`) that fails this task's tests: what the
   * simulated backend writes when its profile draws a mistake. Absent where `solution` is absent.
   */
  faulty?: Record<string, string>;
  /**
   * This task's tests: the source of an ES module that imports the task's files by relative path from the
   * workspace root (e.g. `import { add } from "./add.js"`) and exports `tests`, an object whose values are
   * (possibly async) functions that throw on failure (node:assert). Absent for paper-format suites,
   * which use `Suite.testCommand` instead.
   */
  tests?: string;
}

/** A whole suite. */
export interface Suite {
  /** Unique id, e.g. `mathutils_p09`. */
  id: string;
  /** Domain without the p suffix, e.g. `mathutils`; written to the run table as `task_type`. */
  domain: string;
  /** `p09`, `p05`, `p02`, or `pXX` for synthetic suites. */
  p_label: string;
  title: string;
  /** The project brief shown to every agent. */
  description: string;
  tasks: TaskSpec[];
  /**
   * For suites whose tests are not JS modules (e.g. the paper's own task lists): the command to run in the
   * workspace, e.g. `pytest -q`. Its exit code is the `run_tests` return code.
   */
  testCommand?: string;
}

/** The outcome of running a set of tests against a workspace. */
export interface TestOutcome {
  /** 0 = all passed, 1 = some failed, 2 = a module failed to load, 3 = runner error, 5 = no tests collected. */
  returncode: number;
  passed: number;
  failed: number;
  /** One line per failing test: `task-id > test name: message`. */
  failures: string[];
}
