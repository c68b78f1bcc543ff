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
  const found: string[] = fromClauseSpecifiers(source);
  const patterns = [/\bimport\s*(["'])([^"'\n]+)\1/g, /\bimport\s*\(\s*(["'])([^"'\n]+)\1\s*\)/g];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push(m[2] as string);
  return [...new Set(found)];
}

/**
 * The specifiers `s` of `import ... from "s"` and `export ... from "s"`: what the regular expression
 * `/\b(?:import|export)\s[^;"'`]*?\bfrom\s*(["'])([^"'\n]+)\1/g` matches, in linear time (that
 * expression rescans to the next delimiter from every keyword: quadratic on `import import ...`).
 * From a keyword, a match can only end at the first of `;"'\`` after it: a quote that follows
 * `from` and spaces (with `from` after the keyword), then the specifier and the same quote. What
 * depends only on that delimiter is worked out once per delimiter.
 */
function fromClauseSpecifiers(source: string): string[] {
  const found: string[] = [];
  const keyword = /\b(?:import|export)\s/g;
  const delimiter = /[;"'`]/g;
  const word = /\w/;
  let at = -1; // the delimiter last found
  let fromStart = -1; // where `from` starts before it, -1 for none
  let spec: string | null = null; // the specifier after it, null for none
  for (let m = keyword.exec(source); m !== null; m = keyword.exec(source)) {
    const after = m.index + m[0].length;
    if (at < after) {
      delimiter.lastIndex = after;
      at = delimiter.exec(source)?.index ?? source.length;
      fromStart = -1;
      spec = null;
      const quote = source[at];
      if (quote === '"' || quote === "'") {
        let k = at;
        while (k > 0 && /\s/.test(source[k - 1]!)) k--;
        if (source.slice(k - 4, k) === "from" && !(k - 5 >= 0 && word.test(source[k - 5]!))) fromStart = k - 4;
        let e = at + 1;
        while (e < source.length && source[e] !== '"' && source[e] !== "'" && source[e] !== "\n") e++;
        if (source[e] === quote && e > at + 1) spec = source.slice(at + 1, e);
      }
    }
    if (fromStart < after || spec === null) continue;
    found.push(spec);
    keyword.lastIndex = at + spec.length + 2;
  }
  return found;
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
