/**
 * Workspace paths and the static imports of ES module source. Workspace paths are POSIX-style, relative to
 * the workspace root, without a leading "./" (e.g. `mean.js`, `lib/fmt.js`).
 */

/**
 * Normalise a workspace-relative path: strip a leading "./", resolve "." and ".." segments.
 * Returns null when the path is empty, absolute, uses backslashes, or leaves the workspace.
 */
export function normaliseWorkspacePath(path: string): string | null {
  if (path === "" || path.startsWith("/") || path.includes("\\") || /^[A-Za-z]:/.test(path)) return null;
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.length === 0 ? null : out.join("/");
}

/**
 * The module specifiers of the static imports and re-exports in `source`, and of dynamic imports with a
 * string literal: `import x from "s"`, `import { a } from "s"`, `import "s"`, `export { a } from "s"`,
 * `export * from "s"`, `import("s")`. A regular expression, not a parser: good enough for the trusted,
 * conventionally formatted modules of task suites (it also matches such text inside comments and strings).
 */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^;"'`]*?\bfrom\s*(["'])([^"'\n]+)\1/g,
    /\bimport\s*(["'])([^"'\n]+)\1/g,
    /\bimport\s*\(\s*(["'])([^"'\n]+)\1\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push(m[2] as string);
  return [...new Set(found)];
}

/**
 * Resolve a relative specifier ("./x.js", "../y.js") against the workspace path of the importing module.
 * Returns null for bare specifiers ("node:assert/strict", packages), which are not workspace files, and
 * `{ outside: true }` for relative specifiers that leave the workspace.
 */
export function resolveRelative(fromPath: string, specifier: string): string | { outside: true } | null {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return null;
  const slash = fromPath.lastIndexOf("/");
  const dir = slash === -1 ? "" : fromPath.slice(0, slash + 1);
  return normaliseWorkspacePath(dir + specifier) ?? { outside: true };
}
