import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { error } from "./errors.js";

/** The package name that marks the project's root folder. */
export const PROJECT_PACKAGE_NAME = "llm-teams-ds";

/**
 * The project's root: the nearest folder at or above `start` whose package.json is this package's.
 * Notebooks run in notebooks/, scripts in the root; both find data/ through this.
 * @throws ToolkitError when there is none up to the file system root.
 */
export function projectRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name === PROJECT_PACKAGE_NAME) return dir;
      } catch {
        // an unreadable package.json belongs to some other project: keep looking upwards
      }
    }
    const up = dirname(dir);
    if (up === dir) throw error("projectRoot", `no package.json named ${PROJECT_PACKAGE_NAME} at or above ${resolve(start)}`);
    dir = up;
  }
}
