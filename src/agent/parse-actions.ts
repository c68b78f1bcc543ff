import { assertNever } from "../core/errors.js";
import { ACTION_TYPES, type AgentAction, type AgentActionType } from "./actions.js";
import { error } from "../core/errors.js";

/**
 * Size limits of the action parser. Anything over a limit is refused with a diagnostic, never
 * truncated.
 */
export interface ParseLimits {
  /** Largest `<write>` content, in UTF-8 bytes. @default 262144 (256 KiB) */
  maxWriteBytes: number;
  /** Largest `<message>` / `<broadcast>` body, in characters. @default 16384 */
  maxMessageChars: number;
  /** Longest attribute value, in characters. @default 256 */
  maxAttributeChars: number;
  /** Most actions taken from one reply; later tags are refused. @default 500 */
  maxActions: number;
  /** Longest reply, in characters; a longer reply is refused whole. @default 8388608 (8 Mi) */
  maxReplyChars: number;
}

export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = {
  maxWriteBytes: 256 * 1024,
  maxMessageChars: 16 * 1024,
  maxAttributeChars: 256,
  maxActions: 500,
  maxReplyChars: 8 * 1024 * 1024,
};

/** Why a piece of a reply was not turned into an action. */
export type ParseProblem =
  | "unknown_tag"
  | "malformed_tag"
  | "nested_tag"
  | "unclosed_tag"
  | "stray_close"
  | "oversized"
  | "too_many_actions"
  | "reply_too_large";

export interface ParseDiagnostic {
  reason: ParseProblem;
  /** What was wrong, for the log: at most ~160 characters, with the offending text escaped. */
  detail: string;
  /** Offset of the offending `<` in the reply (0 for a whole-reply problem). */
  offset: number;
}

export interface ParsedReply {
  actions: AgentAction[];
  diagnostics: ParseDiagnostic[];
}

interface TagRule {
  /** Self-closing (`<claim .../>`) or with a body and a closing tag (`<write ...>...</write>`). */
  body: boolean;
  required: readonly string[];
  optional: readonly string[];
}

const RULES: Readonly<Record<AgentActionType, TagRule>> = {
  claim: { body: false, required: ["task"], optional: [] },
  complete: { body: false, required: ["task"], optional: [] },
  run_tests: { body: false, required: [], optional: ["task"] },
  assign: { body: false, required: ["task", "to"], optional: [] },
  write: { body: true, required: ["path"], optional: [] },
  message: { body: true, required: ["to"], optional: [] },
  broadcast: { body: true, required: [], optional: [] },
};

const isKnown = (name: string): name is AgentActionType => Object.prototype.hasOwnProperty.call(RULES, name);

/** Longest opening tag looked at (name plus attributes); an opening tag with no `>` within it is unclosed. */
const MAX_OPEN_TAG_CHARS = 2048;

const NAME = /[A-Za-z_][A-Za-z0-9_-]*/y;
const ATTR_NAME = /[A-Za-z_][A-Za-z0-9_-]*/y;
const CLOSE = /<\/([A-Za-z_][A-Za-z0-9_-]*)\s*>/y;
const isSpace = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\n" || c === "\r";
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** Escape and shorten a piece of untrusted text for a diagnostic. */
export function excerpt(text: string, max = 80): string {
  const cut = text.length > max ? text.slice(0, max) + "…" : text;
  return JSON.stringify(cut).slice(1, -1);
}

type OpenTag =
  | { ok: true; attrs: Map<string, string>; selfClosing: boolean; end: number }
  | { ok: false; problem: "malformed_tag" | "unclosed_tag"; detail: string };

/** Read attributes from `pos` (just after the tag name) to the tag's `>` or `/>`. */
function readOpenTag(text: string, pos: number, limits: ParseLimits): OpenTag {
  const attrs = new Map<string, string>();
  const limit = Math.min(text.length, pos + MAX_OPEN_TAG_CHARS);
  let i = pos;
  for (;;) {
    while (i < limit && isSpace(text[i])) i++;
    if (i >= limit) return { ok: false, problem: "unclosed_tag", detail: "no `>` ends the opening tag" };
    const c = text[i];
    if (c === ">") return { ok: true, attrs, selfClosing: false, end: i + 1 };
    if (c === "/") {
      if (text[i + 1] === ">") return { ok: true, attrs, selfClosing: true, end: i + 2 };
      return { ok: false, problem: "malformed_tag", detail: "`/` not followed by `>`" };
    }
    ATTR_NAME.lastIndex = i;
    const m = ATTR_NAME.exec(text);
    if (!m) return { ok: false, problem: "malformed_tag", detail: `unexpected "${excerpt(text.slice(i, i + 12), 12)}" in tag` };
    const name = m[0];
    i += name.length;
    if (text[i] !== "=") return { ok: false, problem: "malformed_tag", detail: `attribute ${name} has no ="value"` };
    const q = text[i + 1];
    if (q !== '"' && q !== "'") return { ok: false, problem: "malformed_tag", detail: `attribute ${name}: value must be quoted` };
    const close = text.indexOf(q, i + 2);
    if (close === -1 || close >= limit) return { ok: false, problem: "unclosed_tag", detail: `attribute ${name}: unterminated quote` };
    const value = text.slice(i + 2, close);
    if (value.includes("\n") || value.includes("\r")) {
      return { ok: false, problem: "malformed_tag", detail: `attribute ${name}: value spans lines` };
    }
    if (value.length > limits.maxAttributeChars) {
      return { ok: false, problem: "malformed_tag", detail: `attribute ${name}: value longer than ${limits.maxAttributeChars} characters` };
    }
    if (attrs.has(name)) return { ok: false, problem: "malformed_tag", detail: `attribute ${name} given twice` };
    attrs.set(name, value);
    i = close + 1;
    if (i >= limit) return { ok: false, problem: "unclosed_tag", detail: "no `>` ends the opening tag" };
    if (!isSpace(text[i]) && text[i] !== ">" && text[i] !== "/") {
      return { ok: false, problem: "malformed_tag", detail: `attribute ${name}: no space after the value` };
    }
  }
}

/** True when `body` holds an opening tag of one of `names` (`<name` then space, `>` or `/`). */
function holdsOpeningTag(body: string, names: readonly string[]): string | null {
  let at = body.indexOf("<");
  while (at !== -1) {
    NAME.lastIndex = at + 1;
    const m = NAME.exec(body);
    if (m && names.includes(m[0])) {
      const after = body[at + 1 + m[0].length];
      if (after === undefined || isSpace(after) || after === ">" || after === "/") return m[0];
    }
    at = body.indexOf("<", at + 1);
  }
  return null;
}

const ALL_TAGS: readonly string[] = ACTION_TYPES;

/**
 * Parse an agent's reply into actions, in reply order. Prose between tags is ignored. Never throws
 * on any input: everything that is not a well-formed action tag within the limits becomes a
 * diagnostic (which the orchestrator logs as an `action_rejected` event), and nothing in it is acted on.
 *
 * Rules:
 * - Tag names are case-sensitive; `<claim ...>` etc. as listed in `actions.ts`. Attributes are
 *   `name="value"` or `name='value'`, single-line, at most `maxAttributeChars`; unknown, missing or
 *   repeated attributes make the tag malformed.
 * - `claim`, `complete`, `run_tests`, `assign` must be self-closing (`/>`); `write`, `message`,
 *   `broadcast` need a body and their closing tag. The body runs verbatim to the first closing tag
 *   of the same name, so file content may hold any text except its own closing tag.
 * - A `write` body starting with a newline loses that one newline (so `<write path="a.js">\n...`
 *   writes the file from its first real line); message bodies are trimmed.
 * - A `write` body holding another `<write ...>`, or a message body holding any action tag, is nested:
 *   refused, and the inner tags are not acted on. An unclosed body tag is refused and scanning goes on
 *   after its opening tag.
 * - An unknown tag `<name ...>` is reported only when its `<` starts the text or follows a non-word
 *   character, so generic types in prose (`Array<number>`) and comparisons (`a<b`) stay prose.
 *   Look-alike characters (fullwidth `＜`, zero-width spaces inside a name) are never tags.
 */
export function parseActions(text: string, limits: Partial<ParseLimits> = {}): ParsedReply {
  const lim: ParseLimits = { ...DEFAULT_PARSE_LIMITS, ...limits };
  for (const [k, v] of Object.entries(lim)) {
    if (!Number.isInteger(v) || v <= 0) throw error("parseActions", `limits.${k} must be a positive integer; got ${String(v)}`);
  }
  const actions: AgentAction[] = [];
  const diagnostics: ParseDiagnostic[] = [];
  if (text.length > lim.maxReplyChars) {
    diagnostics.push({
      reason: "reply_too_large",
      detail: `reply has ${text.length} characters; the limit is ${lim.maxReplyChars}`,
      offset: 0,
    });
    return { actions, diagnostics };
  }
  const push = (action: AgentAction, offset: number): void => {
    if (actions.length >= lim.maxActions) {
      diagnostics.push({ reason: "too_many_actions", detail: `more than ${lim.maxActions} actions in one reply; ${action.type} refused`, offset });
    } else {
      actions.push(action);
    }
  };
  // The first `</name>` at or after `from` was at `at` (-1: none): a later search from a position
  // in [from, at] has the same answer, so a reply of many unclosed bodies is scanned once, not once each.
  const closes = new Map<string, { from: number; at: number }>();
  const findClose = (closeTag: string, from: number): number => {
    const known = closes.get(closeTag);
    if (known !== undefined && from >= known.from && (known.at === -1 || from <= known.at)) return known.at;
    const at = text.indexOf(closeTag, from);
    closes.set(closeTag, { from, at });
    return at;
  };
  let i = 0;
  for (;;) {
    const lt = text.indexOf("<", i);
    if (lt === -1) break;
    i = lt + 1;
    if (text[lt + 1] === "/") {
      CLOSE.lastIndex = lt;
      const m = CLOSE.exec(text);
      if (m && isKnown(m[1]!)) {
        diagnostics.push({ reason: "stray_close", detail: `</${m[1]}> without an opening tag`, offset: lt });
        i = lt + m[0].length;
      }
      continue;
    }
    NAME.lastIndex = lt + 1;
    const nm = NAME.exec(text);
    if (!nm) continue;
    const name = nm[0];
    const afterName = lt + 1 + name.length;
    const next = text[afterName];
    if (!(next === undefined || isSpace(next) || next === "/" || next === ">")) continue;
    const known = isKnown(name);
    if (!known && isWordChar(text[lt - 1])) continue;
    const open = readOpenTag(text, afterName, lim);
    if (!known) {
      if (open.ok) {
        diagnostics.push({ reason: "unknown_tag", detail: `<${excerpt(name, 40)}> is not an action; valid: ${ALL_TAGS.join(", ")}`, offset: lt });
        i = open.end;
      }
      continue;
    }
    if (open.ok === false) {
      diagnostics.push({ reason: open.problem, detail: `<${name}>: ${open.detail}`, offset: lt });
      continue;
    }
    i = open.end;
    const rule = RULES[name];
    const problem = checkAttributes(name, rule, open.attrs);
    if (rule.body && open.selfClosing) {
      diagnostics.push({ reason: "malformed_tag", detail: `<${name}> needs a body and </${name}>`, offset: lt });
      continue;
    }
    if (!rule.body && !open.selfClosing) {
      diagnostics.push({ reason: "malformed_tag", detail: `<${name}> must be self-closing: <${name} .../>`, offset: lt });
      continue;
    }
    let body = "";
    if (rule.body) {
      const closeTag = `</${name}>`;
      const close = findClose(closeTag, open.end);
      if (close === -1) {
        diagnostics.push({ reason: "unclosed_tag", detail: `<${name}> has no ${closeTag}`, offset: lt });
        continue;
      }
      body = text.slice(open.end, close);
      i = close + closeTag.length;
      const nested = holdsOpeningTag(body, name === "write" ? ["write"] : ALL_TAGS);
      if (nested !== null) {
        diagnostics.push({ reason: "nested_tag", detail: `<${nested}> inside <${name}>; nothing in it was done`, offset: lt });
        continue;
      }
    }
    if (problem !== null) {
      diagnostics.push({ reason: "malformed_tag", detail: problem, offset: lt });
      continue;
    }
    const a = (k: string): string => open.attrs.get(k)!;
    switch (name) {
      case "claim":
        push({ type: "claim", task: a("task") }, lt);
        break;
      case "complete":
        push({ type: "complete", task: a("task") }, lt);
        break;
      case "run_tests":
        push({ type: "run_tests", task: open.attrs.get("task") ?? null }, lt);
        break;
      case "assign":
        push({ type: "assign", task: a("task"), to: a("to") }, lt);
        break;
      case "write": {
        const content = body.startsWith("\r\n") ? body.slice(2) : body.startsWith("\n") ? body.slice(1) : body;
        // Byte length only matters near the cap: a string of L UTF-16 units is at most 3L UTF-8 bytes.
        const bytes = content.length * 3 > lim.maxWriteBytes ? Buffer.byteLength(content, "utf8") : 0;
        if (bytes > lim.maxWriteBytes) {
          diagnostics.push({
            reason: "oversized",
            detail: `<write path="${excerpt(a("path"), 60)}">: ${bytes} bytes; the limit is ${lim.maxWriteBytes}`,
            offset: lt,
          });
        } else {
          push({ type: "write", path: a("path"), content }, lt);
        }
        break;
      }
      case "message":
      case "broadcast": {
        const textBody = body.trim();
        if (textBody.length > lim.maxMessageChars) {
          diagnostics.push({
            reason: "oversized",
            detail: `<${name}>: ${textBody.length} characters; the limit is ${lim.maxMessageChars}`,
            offset: lt,
          });
        } else if (name === "message") {
          push({ type: "message", to: a("to"), text: textBody }, lt);
        } else {
          push({ type: "broadcast", text: textBody }, lt);
        }
        break;
      }
      default:
        assertNever(name, "parseActions");
    }
  }
  return { actions, diagnostics };
}

function checkAttributes(name: string, rule: TagRule, attrs: ReadonlyMap<string, string>): string | null {
  for (const k of attrs.keys()) {
    if (!rule.required.includes(k) && !rule.optional.includes(k)) {
      const valid = [...rule.required, ...rule.optional];
      return `<${name}>: unknown attribute ${excerpt(k, 40)}; valid: ${valid.length ? valid.join(", ") : "none"}`;
    }
  }
  for (const k of rule.required) {
    if (!attrs.has(k)) return `<${name}>: missing attribute ${k}`;
    if (attrs.get(k)!.trim() === "") return `<${name}>: attribute ${k} is empty`;
  }
  return null;
}
