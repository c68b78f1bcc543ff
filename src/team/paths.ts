/**
 * Workspace path confinement. The workspace is an in-memory map, but its paths are chosen by agents
 * (untrusted text) and may later be materialised on disk (a real test command), so a path is accepted
 * only when it is a plain relative path that could not leave, alias or shadow anything on any platform.
 *
 * Accepted: 1 to 8 segments joined by `/`, each 1 to 64 characters of `[A-Za-z0-9._-]`, not starting
 * with `.` or `-`, and not a Windows device name; the whole path at most 200 characters.
 * Refused, each with its own reason:
 * - `path_empty`: empty path.
 * - `path_nul`: a NUL byte (truncates paths in C APIs).
 * - `path_control`: other control characters (C0, DEL, C1) or Unicode format characters (bidi
 *   overrides, zero-width spaces, BOM), which make a path display as something it is not.
 * - `path_backslash`: `\` (a separator on Windows).
 * - `path_absolute`: starts with `/`, `~`, or a drive letter (`C:`), or is a URL (`file:`).
 * - `path_traversal`: a `.` or `..` segment, or an empty segment (`a//b`, trailing `/`).
 * - `path_hidden`: a segment starting with `.` (`.git/config`, `.env`) or `-` (read as an option).
 * - `path_reserved`: a Windows device name (`CON`, `NUL`, `COM1`, ...), which aliases a device.
 * - `path_charset`: any other character (spaces, `:`, `*`, quotes, non-ASCII look-alikes).
 * - `path_too_long`: over the length or depth limits.
 * Symbolic links cannot exist in the in-memory workspace; every alias a link could give is covered by
 * the rules above. Conflicts with existing files (`a.js/b.js` when `a.js` is a file) are the
 * workspace's check (`path_conflict`).
 */
export type PathProblem =
  | "path_empty"
  | "path_nul"
  | "path_control"
  | "path_backslash"
  | "path_absolute"
  | "path_traversal"
  | "path_hidden"
  | "path_reserved"
  | "path_charset"
  | "path_too_long";

export type PathCheck = { ok: true; path: string } | { ok: false; reason: PathProblem; detail: string };

export const MAX_PATH_CHARS = 200;
export const MAX_PATH_SEGMENTS = 8;
export const MAX_SEGMENT_CHARS = 64;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0001-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/;
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** Check an agent-supplied workspace path. Pure; never throws. */
export function checkWorkspacePath(path: string): PathCheck {
  const bad = (reason: PathProblem, detail: string): PathCheck => ({ ok: false, reason, detail });
  const shown = JSON.stringify(path.length > 80 ? path.slice(0, 80) + "…" : path);
  if (path.length === 0) return bad("path_empty", "empty path");
  if (path.includes("\u0000")) return bad("path_nul", `${shown} holds a NUL byte`);
  if (CONTROL.test(path)) return bad("path_control", `${shown} holds a control or invisible formatting character`);
  if (path.includes("\\")) return bad("path_backslash", `${shown} holds a backslash; use / between folders`);
  if (path.startsWith("/") || path.startsWith("~") || /^[A-Za-z]:/.test(path) || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(path)) {
    return bad("path_absolute", `${shown} is absolute; give a path relative to the workspace root`);
  }
  if (path.length > MAX_PATH_CHARS) return bad("path_too_long", `${path.length} characters; the limit is ${MAX_PATH_CHARS}`);
  const segments = path.split("/");
  if (segments.length > MAX_PATH_SEGMENTS) {
    return bad("path_too_long", `${segments.length} segments; the limit is ${MAX_PATH_SEGMENTS}`);
  }
  for (const s of segments) {
    if (s === "" || s === "." || s === "..") return bad("path_traversal", `${shown} has a "${s}" segment`);
  }
  for (const s of segments) {
    if (s.startsWith(".") || s.startsWith("-")) return bad("path_hidden", `${shown}: segment "${s}" starts with "${s[0]}"`);
    if (s.length > MAX_SEGMENT_CHARS) return bad("path_too_long", `segment of ${s.length} characters; the limit is ${MAX_SEGMENT_CHARS}`);
    if (!SEGMENT.test(s)) return bad("path_charset", `${shown}: use only letters, digits, ".", "_" and "-" in names`);
    if (RESERVED.test(s)) return bad("path_reserved", `${shown}: "${s}" is a reserved device name`);
  }
  return { ok: true, path };
}
