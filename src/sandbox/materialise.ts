import { lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { checkWorkspacePath } from "../team/paths.js";
import { error, ToolkitError } from "../core/errors.js";

/** A problem with the tree a sandboxed test run would see. */
export class SandboxError extends ToolkitError {
  override name = "SandboxError";
}

/**
 * Write an in-memory workspace into a fresh directory `<parent>/<prefix>XXXXXX` and return its real
 * path. Every path must pass the runtime's own check (`checkWorkspacePath`: relative, no `..`, no
 * hidden or option-like segments); files are created with `wx` (exclusive: never through an existing
 * file or link) and the finished tree is checked for symbolic links (`assertNoSymlinks`). `extra`
 * files (the harness's, which may be hidden) are written after the workspace, by the same rules
 * except the hidden-name check.
 *
 * @throws SandboxError naming the path for a refused path, a collision or a link.
 */
export function materialiseWorkspace(
  files: ReadonlyMap<string, string>,
  parent: string,
  prefix: string,
  extra: readonly (readonly [string, string])[] = [],
): string {
  const dir = realpathSync(mkdtempSync(join(parent, prefix)));
  const put = (path: string, content: string): void => {
    const target = join(dir, path);
    const rel = relative(dir, target);
    if (rel.startsWith("..") || rel === "" || rel.includes("\0")) throw new SandboxError(`workspace path ${JSON.stringify(path)} leaves the workspace`);
    mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
    try {
      writeFileSync(target, content, { flag: "wx", mode: 0o644 });
    } catch (e) {
      throw new SandboxError(`cannot write workspace file ${JSON.stringify(path)}: ${(e as Error).message}`);
    }
  };
  for (const [path, content] of files) {
    const check = checkWorkspacePath(path);
    if (check.ok === false) throw new SandboxError(`workspace path ${JSON.stringify(path)} refused (${check.reason}): ${check.detail}`);
    put(check.path, content);
  }
  for (const [path, content] of extra) put(path, content);
  assertNoSymlinks(dir);
  return dir;
}

/**
 * Refuse a tree that holds a symbolic link anywhere (a link could point a test at files outside its
 * workspace). Walks with `lstat`, never following links.
 *
 * @throws SandboxError naming the first link found and its place in the tree.
 */
export function assertNoSymlinks(root: string): void {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = lstatSync(path);
      if (st.isSymbolicLink()) throw new SandboxError(`symbolic link in the workspace: ${relative(root, path)}; links are refused`);
      if (st.isDirectory()) stack.push(path);
      else if (!st.isFile()) throw new SandboxError(`special file in the workspace: ${relative(root, path)}; only regular files are allowed`);
    }
  }
}

/** `path` checked to be an absolute directory usable as a permission-model path (no commas: Node 20 would split on them). */
export function permissionPath(path: string): string {
  if (path.includes(",")) throw error("permissionPath", `the directory ${JSON.stringify(path)} has a comma, which Node's --allow-fs-* flags cannot express; choose another temporary folder`);
  return path;
}
