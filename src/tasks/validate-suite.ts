import { findCycle } from "./graph.js";
import { SuiteValidationError } from "./errors.js";
import { TASK_ID_PATTERN, type Suite, type TaskSpec } from "./types.js";
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
  | "text_too_long"
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

/**
 * Longest text a suite may hold in one field (a description, a title, one file of a solution or the
 * tests), in characters: 1,000,000, about 250,000 tokens, more than a model's context window. Longer
 * texts are refused rather than sent to a model every round.
 */
export const MAX_SUITE_TEXT_CHARS = 1_000_000;

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
 * Rules: non-empty id, domain, p_label and title; at least one task; task ids unique and matching
 * `TASK_ID_PATTERN` (letters, digits, `_`, `.`, `-`; at most 64); no text longer than
 * `MAX_SUITE_TEXT_CHARS`;
 * dependencies name tasks of the suite; no dependency cycle; every task has at least one file, each a
 * canonical workspace-relative path (`a.js`, `lib/b.js`), no file claimed by two tasks; `solution` and
 * `faulty` (when present) write exactly the task's files, come together, and differ; every task has
 * `tests` unless the suite has `testCommand`; relative imports in solutions, faulty solutions and tests
 * reach only files of the task itself or of its transitive dependencies; a test module imports at least
 * one of its task's files. At level `runnable`, every task must have `solution`, `faulty` and `tests`.
 *
 * Time: linear in the size of the suite (tasks, dependencies, files, source text), except the check
 * that an import reaches only a dependency's files, which costs O((N + E) * K / 32) for N tasks, E
 * dependencies and K distinct tasks imported from beyond a direct dependency (`reachableOwners`).
 * A 60,000-task suite validates in well under a second (test/tasks/validate.test.ts).
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
    if (typeof t.id !== "string" || !TASK_ID_PATTERN.test(t.id)) {
      add("bad_task_id", `task at position ${i} has id ${shown(t.id)}; ids are 1 to 64 letters, digits, "_", "." or "-" (${String(TASK_ID_PATTERN)})`);
      return;
    }
    const earlier = firstAt.get(t.id);
    if (earlier !== undefined) add("duplicate_id", `duplicate task id "${t.id}" at positions ${earlier} and ${i}`, t.id);
    else firstAt.set(t.id, i);
  });

  // Texts.
  const long = (what: string, text: unknown, task?: string): void => {
    if (typeof text === "string" && text.length > MAX_SUITE_TEXT_CHARS) {
      add("text_too_long", `${what} has ${text.length} characters; at most ${MAX_SUITE_TEXT_CHARS} are allowed`, task);
    }
  };
  long("the description", suite.description);
  long("the title", suite.title);
  for (const t of suite.tasks) {
    const at = `task ${shown(t.id)}`;
    long(`${at} title`, t.title, t.id);
    long(`${at} description`, t.description, t.id);
    long(`${at} tests`, t.tests, t.id);
    for (const [kind, contents] of [["solution", t.solution], ["faulty solution", t.faulty]] as const) {
      for (const [path, src] of Object.entries(contents ?? {})) long(`${at} ${kind} ${shown(path)}`, src, t.id);
    }
  }

  // Dependencies.
  let graphOk = true;
  for (const t of suite.tasks) {
    for (const d of t.dependencies) {
      if (!firstAt.has(d)) {
        graphOk = false;
        add("unknown_dependency", `task "${t.id}" depends on unknown task ${shown(d)}`, t.id);
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
        const hint = norm === null ? "paths must stay inside the workspace" : `write ${shown(norm)}`;
        add("bad_path", `task "${t.id}" file ${shown(f)} is not a canonical workspace-relative path (${hint})`, t.id);
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

  // Imports must follow the DAG: a module may only import files that exist before its task is done,
  // i.e. its own files and those of its transitive dependencies. Direct dependencies are checked
  // here; the rest are collected and answered together by `reachableOwners`.
  if (graphOk && firstAt.size === suite.tasks.length) {
    const indirect: { task: number; owner: number; report: () => void }[] = [];
    suite.tasks.forEach((t, ti) => {
      const own = new Set(t.files);
      const direct = new Set(t.dependencies);
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
          if (own.has(target)) continue;
          const who = owner.get(target);
          const report = (): void => {
            const why = who === undefined ? "which no task creates" : `created by task "${who}", which is not "${t.id}" or one of its dependencies`;
            add("undeclared_import", `task "${t.id}" ${label} imports ${shown(spec)}, ${why}`, t.id);
          };
          if (who === undefined) report();
          else if (!direct.has(who)) indirect.push({ task: ti, owner: firstAt.get(who)!, report });
        }
        if (label === "tests" && !t.files.some((f) => reached.has(f))) {
          add("tests_import_nothing", `task "${t.id}" tests import none of its files [${t.files.join(", ")}]`, t.id);
        }
      }
    });
    if (indirect.length > 0) {
      const reach = reachableOwners(suite.tasks, firstAt, indirect);
      indirect.forEach((q, i) => {
        if (!reach[i]) q.report();
      });
    }
  }
  return issues;
}

/** A value for a message: JSON, cut to 80 characters (a suite may hold megabyte-long strings). */
function shown(v: unknown): string {
  const text = typeof v === "string" ? JSON.stringify(v) : String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * For each query, whether task `owner` is a transitive dependency of task `task` (positions in
 * `tasks`; the graph is acyclic with known ids). The queried owners are taken 256 at a time, in
 * dependency order; for each batch one pass over the tasks in dependency order gives each task the
 * bit set of the batch's owners among its ancestors (the union of its dependencies' sets and their
 * own bits), starting at the batch's first owner, before which every set is empty. Time
 * O((N + E) * K / 32) for N tasks, E dependencies and K distinct owners; memory O(N) words.
 */
function reachableOwners(tasks: readonly TaskSpec[], position: ReadonlyMap<string, number>, queries: readonly { task: number; owner: number }[]): boolean[] {
  const n = tasks.length;
  // Dependencies as one flat array: parents of v are parentIdx[parentAt[v] .. parentAt[v + 1]).
  const parentAt = new Int32Array(n + 1);
  tasks.forEach((t, v) => (parentAt[v + 1] = parentAt[v]! + t.dependencies.length));
  const parentIdx = new Int32Array(parentAt[n]!);
  tasks.forEach((t, v) => t.dependencies.forEach((d, k) => (parentIdx[parentAt[v]! + k] = position.get(d)!)));
  // Kahn's order, dependencies first; rank[v] is v's place in it.
  const pending = new Int32Array(n);
  const childCount = new Int32Array(n + 1);
  for (let e = 0; e < parentIdx.length; e++) childCount[parentIdx[e]! + 1]!++;
  for (let v = 0; v < n; v++) childCount[v + 1]! += childCount[v]!;
  const childIdx = new Int32Array(parentIdx.length);
  const fill = childCount.slice(0, n);
  for (let v = 0; v < n; v++) {
    pending[v] = parentAt[v + 1]! - parentAt[v]!;
    for (let e = parentAt[v]!; e < parentAt[v + 1]!; e++) childIdx[fill[parentIdx[e]!]!++] = v;
  }
  const order = new Int32Array(n);
  const rank = new Int32Array(n);
  let size = 0;
  for (let v = 0; v < n; v++) if (pending[v] === 0) order[size++] = v;
  for (let k = 0; k < size; k++) {
    const v = order[k]!;
    rank[v] = k;
    for (let e = childCount[v]!; e < childCount[v + 1]!; e++) if (--pending[childIdx[e]!]! === 0) order[size++] = childIdx[e]!;
  }

  const owners = [...new Set(queries.map((q) => q.owner))].sort((a, b) => rank[a]! - rank[b]!);
  const slot = new Int32Array(n).fill(-1);
  owners.forEach((o, i) => (slot[o] = i));
  const answer = new Array<boolean>(queries.length).fill(false);
  const WORDS = 8;
  const perPass = 32 * WORDS;
  const bits = new Int32Array(n * WORDS);
  for (let first = 0; first < owners.length; first += perPass) {
    const from = rank[owners[first]!]!;
    bits.fill(0);
    for (let k = from; k < n; k++) {
      const v = order[k]!;
      const base = v * WORDS;
      for (let e = parentAt[v]!; e < parentAt[v + 1]!; e++) {
        const p = parentIdx[e]!;
        const pb = p * WORDS;
        for (let w = 0; w < WORDS; w++) bits[base + w]! |= bits[pb + w]!;
        const s = slot[p]! - first;
        if (s >= 0 && s < perPass) bits[base + (s >> 5)]! |= 1 << (s & 31);
      }
    }
    queries.forEach((q, i) => {
      const s = slot[q.owner]! - first;
      if (s >= 0 && s < perPass) answer[i] = (bits[q.task * WORDS + (s >> 5)]! & (1 << (s & 31))) !== 0;
    });
  }
  return answer;
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
