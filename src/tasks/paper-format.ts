import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { error } from "../core/errors.js";
import { SuiteValidationError } from "./errors.js";
import type { Suite, TaskSpec } from "./types.js";
import { validateSuite } from "./validate-suite.js";

/**
 * The paper's task-list format (one JSON file per suite):
 * `{ project, description, repository, tasks: [{ id, title, description, dependencies, files, ... }] }`.
 * Other fields (`status`, `owner`, `priority`, `success_criteria`, ...) are ignored. Such suites have no
 * solutions and no JS tests: their tests are run by a command in the workspace (`testCommand`).
 */
export interface PaperSuiteOptions {
  /** The command that runs the suite's tests in the workspace, e.g. `pytest -q`; its exit code is the return code. */
  testCommand: string;
  /** Suite id. @default the file name without `.json`, e.g. `mathutilities20_p02` */
  id?: string;
  /** @default the id up to its last `_`, e.g. `mathutilities20` */
  domain?: string;
  /** @default the id's `_pNN` suffix, e.g. `p02` */
  p_label?: string;
}

/**
 * Build a Suite from parsed JSON in the paper's format. `source` names the file in every message.
 * @throws ToolkitError naming `source` and the field for a malformed document; SuiteValidationError
 *   (message naming `source`) for a document that is well-formed but not a valid DAG.
 */
export function parsePaperSuite(json: unknown, source: string, options: PaperSuiteOptions): Suite {
  const fn = "parsePaperSuite";
  const fail = (what: string): never => {
    throw error(fn, `${source}: ${what}`);
  };
  if (typeof options.testCommand !== "string" || options.testCommand.trim() === "") {
    fail(`testCommand must be a non-empty command such as "pytest -q", got ${JSON.stringify(options.testCommand)}`);
  }
  if (!isRecord(json)) return fail(`expected a JSON object, got ${describe(json)}`);
  const project = json["project"];
  const description = json["description"];
  const tasks = json["tasks"];
  if (typeof project !== "string") fail(`"project" must be a string, got ${describe(project)}`);
  if (typeof description !== "string") fail(`"description" must be a string, got ${describe(description)}`);
  if (!Array.isArray(tasks)) return fail(`"tasks" must be an array, got ${describe(tasks)}`);

  const parsed: TaskSpec[] = tasks.map((t: unknown, i: number) => {
    const at = `tasks[${i}]`;
    if (!isRecord(t)) return fail(`${at} must be an object, got ${describe(t)}`);
    for (const key of ["id", "title", "description"] as const) {
      if (typeof t[key] !== "string") fail(`${at}.${key} must be a string, got ${describe(t[key])}`);
    }
    for (const key of ["dependencies", "files"] as const) {
      const v = t[key];
      if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) fail(`${at}.${key} must be an array of strings, got ${describe(v)}`);
    }
    return {
      id: t["id"] as string,
      title: t["title"] as string,
      description: t["description"] as string,
      dependencies: [...(t["dependencies"] as string[])],
      files: [...(t["files"] as string[])],
    };
  });

  const id = options.id ?? basename(source).replace(/\.json$/i, "");
  const suffix = /_(p\d+)$/.exec(id);
  const p_label = options.p_label ?? suffix?.[1] ?? fail(`cannot infer p_label from the id "${id}" (expected a "_pNN" suffix); pass options.p_label`);
  const domain = options.domain ?? (suffix === null ? id : id.slice(0, suffix.index));
  const suite: Suite = {
    id,
    domain,
    p_label,
    title: project as string,
    description: description as string,
    tasks: parsed,
    testCommand: options.testCommand,
  };
  const issues = validateSuite(suite);
  if (issues.length > 0) throw new SuiteValidationError(fn, source, issues);
  return suite;
}

/**
 * Read one task-list file in the paper's format.
 * @throws ToolkitError naming the file when it cannot be read or parsed, or is invalid (see parsePaperSuite).
 * @example loadPaperSuite("../shared/paper-data/tasks/svgutils_p05.json", { testCommand: "pytest -q" })
 */
export function loadPaperSuite(path: string, options: PaperSuiteOptions): Suite {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw error("loadPaperSuite", `${path}: cannot read the file (${(e as Error).message})`, e);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw error("loadPaperSuite", `${path}: not valid JSON (${(e as Error).message})`, e);
  }
  return parsePaperSuite(json, path, options);
}

/**
 * Read every `*.json` file of a directory in the paper's format, sorted by file name. Ids default to the
 * file names (options.id is not allowed here).
 * @throws ToolkitError naming the directory when it cannot be read or holds no JSON file, or naming the file.
 */
export function loadPaperSuites(dir: string, options: Omit<PaperSuiteOptions, "id" | "domain" | "p_label">): Suite[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.toLowerCase().endsWith(".json")).sort();
  } catch (e) {
    throw error("loadPaperSuites", `${dir}: cannot read the directory (${(e as Error).message})`, e);
  }
  if (names.length === 0) throw error("loadPaperSuites", `${dir}: no .json task lists found`);
  return names.map((name) => loadPaperSuite(join(dir, name), { testCommand: options.testCommand }));
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === undefined) return "nothing (field missing)";
  const text = JSON.stringify(x);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
