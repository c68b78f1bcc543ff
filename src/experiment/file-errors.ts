import { appendFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * File-system errors said plainly: the code (ENOSPC, EROFS, EACCES, ...), the path and what to do,
 * instead of "run X failed" with the code buried in a cause.
 */

/** Whether `e` is a Node file-system error (it has a string `code`). */
export function isFileError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string";
}

/**
 * One line for a file-system error: its code, the path (the error's own, else `path`) and what it
 * means for a sweep.
 *
 * @example describeFileError(Object.assign(new Error("x"), { code: "ENOSPC", path: "/out/runs.csv" }), "/out")
 * // "ENOSPC: no space left on the device holding /out/runs.csv; free some space, then continue with --resume"
 */
export function describeFileError(e: unknown, path: string): string {
  const err = e as NodeJS.ErrnoException;
  const code = typeof err?.code === "string" ? err.code : "error";
  const p = typeof err?.path === "string" ? err.path : path;
  switch (code) {
    case "ENOSPC":
      return `ENOSPC: no space left on the device holding ${p}; free some space, then continue with --resume`;
    case "EDQUOT":
      return `EDQUOT: the disk quota is exhausted for ${p}; free some space, then continue with --resume`;
    case "EROFS":
      return `EROFS: ${p} is on a read-only file system; choose an --out on a writable one`;
    case "EACCES":
    case "EPERM":
      return `${code}: no permission to write ${p}; choose an --out you can write, or fix its permissions`;
    case "ENOTDIR":
      return `ENOTDIR: a part of ${p} is a file, not a folder`;
    case "ENOENT":
      return `ENOENT: ${p} does not exist (was the folder moved or removed while the sweep ran?)`;
    case "EMFILE":
    case "ENFILE":
      return `${code}: too many open files while writing ${p}`;
    case "EIO":
      return `EIO: an input/output error writing ${p} (a failing disk or a lost network mount)`;
    default:
      return `${code}: ${err instanceof Error ? err.message : String(e)}`;
  }
}

/**
 * `mkdir -p` whose error names the real cause. Node's recursive mkdir reports ENOENT when a folder
 * cannot be made on a read-only file system (or without permission); this retries the first missing
 * folder on its own, which fails with EROFS or EACCES and that folder as `path`.
 */
export function makeDirectory(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    let missing = path;
    while (!existsSync(dirname(missing)) && dirname(missing) !== missing) missing = dirname(missing);
    mkdirSync(missing); // throws the real error (EROFS, EACCES)
    mkdirSync(path, { recursive: true }); // it was made meanwhile: go on
  }
}

/** `appendFileSync` whose error carries the path (a failed write, such as ENOSPC, has none of its own). */
export function appendWithPath(path: string, text: string): void {
  try {
    appendFileSync(path, text);
  } catch (e) {
    throw withPath(e, path);
  }
}

/** `e` with `path` set when it is a file-system error without one. */
export function withPath(e: unknown, path: string): unknown {
  if (isFileError(e) && typeof e.path !== "string") e.path = path;
  return e;
}
