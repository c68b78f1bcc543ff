import { describe, expect, it } from "vitest";
import { parseActions, DEFAULT_PARSE_LIMITS } from "../../src/agent/parse-actions.js";
import { formatAction, type AgentAction } from "../../src/agent/actions.js";

const reasons = (text: string): string[] => parseActions(text).diagnostics.map((d) => d.reason);

describe("parseActions: well-formed replies", () => {
  it("reads every tag kind in reply order and ignores prose", () => {
    const text = [
      "I'll take task-3 since task-1 is done.",
      '<claim task="task-3"/>',
      '<write path="clamp.js">',
      "export function clamp(x, lo, hi) { return x < lo ? lo : x > hi ? hi : x; }",
      "</write>",
      "<run_tests task='task-3'/>",
      "<run_tests/>",
      '<complete task="task-3"/>',
      '<message to="Dev2">Please take task-4.</message>',
      "<broadcast>\n  I have task-3.\n</broadcast>",
      '<assign task="task-4" to="Dev2"/>',
    ].join("\n");
    const r = parseActions(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.actions).toEqual([
      { type: "claim", task: "task-3" },
      { type: "write", path: "clamp.js", content: "export function clamp(x, lo, hi) { return x < lo ? lo : x > hi ? hi : x; }\n" },
      { type: "run_tests", task: "task-3" },
      { type: "run_tests", task: null },
      { type: "complete", task: "task-3" },
      { type: "message", to: "Dev2", text: "Please take task-4." },
      { type: "broadcast", text: "I have task-3." },
      { type: "assign", task: "task-4", to: "Dev2" },
    ]);
  });

  it("round-trips formatAction for every action kind, including awkward content", () => {
    const actions: AgentAction[] = [
      { type: "claim", task: 'odd"id' },
      { type: "write", path: "a.js", content: "\n\nstarts with blank lines; has <tags> and </message> and a < b\n" },
      { type: "write", path: "empty.js", content: "" },
      { type: "run_tests", task: null },
      { type: "run_tests", task: "t-1" },
      { type: "complete", task: "t-1" },
      { type: "message", to: "Dev3", text: "hi" },
      { type: "broadcast", text: "all: a < b" },
      { type: "assign", task: "t-2", to: "Dev1" },
    ];
    const r = parseActions(actions.map(formatAction).join("\nsome prose\n"));
    expect(r.diagnostics).toEqual([]);
    expect(r.actions).toEqual(actions);
  });

  it("keeps comparisons and generic types in prose as prose", () => {
    expect(parseActions("if a<b and Array<number> then x <= y; use <- arrows").diagnostics).toEqual([]);
  });

  it("accepts CRLF line ends after the opening write tag", () => {
    const r = parseActions('<write path="a.js">\r\nx\r\n</write>');
    expect(r.actions).toEqual([{ type: "write", path: "a.js", content: "x\r\n" }]);
  });
});

describe("parseActions: hostile and malformed replies", () => {
  it("reports unknown tags with the valid ones", () => {
    const r = parseActions('<delete path="a.js"/> <CLAIM task="x"/>');
    expect(r.actions).toEqual([]);
    expect(r.diagnostics.map((d) => d.reason)).toEqual(["unknown_tag", "unknown_tag"]);
    expect(r.diagnostics[0]!.detail).toContain("valid: claim, write, run_tests, complete, message, broadcast, assign");
  });

  it("refuses missing, unknown, repeated, empty, unquoted and multi-line attributes", () => {
    expect(reasons("<claim/>")).toEqual(["malformed_tag"]);
    expect(reasons('<claim task="a" path="b"/>')).toEqual(["malformed_tag"]);
    expect(reasons('<claim task="a" task="b"/>')).toEqual(["malformed_tag"]);
    expect(reasons('<claim task=""/>')).toEqual(["malformed_tag"]);
    expect(reasons("<claim task=a/>")).toEqual(["malformed_tag"]);
    expect(reasons('<claim task="a\nb"/>')).toEqual(["malformed_tag"]);
    expect(reasons('<claim task="a"task2="b"/>')).toEqual(["malformed_tag"]);
    expect(parseActions('<claim task="a" path="b"/>').diagnostics[0]!.detail).toBe("<claim>: unknown attribute path; valid: task");
  });

  it("requires self-closing action tags and bodies for body tags", () => {
    expect(reasons('<claim task="a">')).toEqual(["malformed_tag"]);
    expect(reasons('<write path="a.js"/>')).toEqual(["malformed_tag"]);
    expect(reasons("<broadcast/>")).toEqual(["malformed_tag"]);
  });

  it("refuses unclosed tags and goes on after them", () => {
    const r = parseActions('<write path="a.js">\nexport const a = 1;\n<claim task="t"/>');
    expect(r.diagnostics.map((d) => d.reason)).toEqual(["unclosed_tag"]);
    expect(r.actions).toEqual([{ type: "claim", task: "t" }]);
    expect(reasons('<claim task="t"')).toEqual(["unclosed_tag"]);
    expect(reasons('<claim task="t/>')).toEqual(["unclosed_tag"]);
  });

  it("refuses nested tags without acting on the inner ones", () => {
    const r = parseActions('<write path="a.js"><write path="b.js">x</write></write>');
    expect(r.actions).toEqual([]);
    expect(r.diagnostics.map((d) => d.reason)).toEqual(["nested_tag", "stray_close"]);
    const m = parseActions('<broadcast>do this: <claim task="t"/></broadcast>');
    expect(m.actions).toEqual([]);
    expect(m.diagnostics.map((d) => d.reason)).toEqual(["nested_tag"]);
  });

  it("refuses stray closing tags", () => {
    expect(reasons("</write> </claim>")).toEqual(["stray_close", "stray_close"]);
  });

  it("refuses oversized writes and messages, measuring UTF-8 bytes", () => {
    const big = "x".repeat(DEFAULT_PARSE_LIMITS.maxWriteBytes + 1);
    expect(reasons(`<write path="a.js">\n${big}</write>`)).toEqual(["oversized"]);
    const atCap = "x".repeat(DEFAULT_PARSE_LIMITS.maxWriteBytes);
    expect(parseActions(`<write path="a.js">\n${atCap}</write>`).actions).toHaveLength(1);
    // 100 000 three-byte characters: 300 000 bytes > 256 KiB although only 100 000 UTF-16 units.
    expect(reasons(`<write path="a.js">\n${"€".repeat(100_000)}</write>`)).toEqual(["oversized"]);
    expect(reasons(`<broadcast>${"y".repeat(DEFAULT_PARSE_LIMITS.maxMessageChars + 1)}</broadcast>`)).toEqual(["oversized"]);
    expect(reasons(`<claim task="${"t".repeat(300)}"/>`)).toEqual(["malformed_tag"]);
  });

  it("refuses a reply over the reply limit whole, and actions over the action limit", () => {
    const r = parseActions('<claim task="a"/>'.repeat(10), { maxReplyChars: 50 });
    expect(r.actions).toEqual([]);
    expect(r.diagnostics.map((d) => d.reason)).toEqual(["reply_too_large"]);
    const many = parseActions('<claim task="a"/>'.repeat(5), { maxActions: 3 });
    expect(many.actions).toHaveLength(3);
    expect(many.diagnostics.map((d) => d.reason)).toEqual(["too_many_actions", "too_many_actions"]);
  });

  it("does not treat look-alike characters as tags", () => {
    const fullwidth = "\uff1cclaim task=\"t\"/\uff1e";
    const zeroWidth = '<cl\u200baim task="t"/>';
    const r = parseActions(`${fullwidth} ${zeroWidth}`);
    expect(r.actions).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });

  it("passes unicode tricks inside attribute values to the runtime, which refuses them", () => {
    // The parser only checks syntax; the path is refused later by checkWorkspacePath.
    const r = parseActions('<write path="a\u202Esj.exe">x</write>');
    expect(r.actions).toEqual([{ type: "write", path: "a\u202Esj.exe", content: "x" }]);
  });

  it("never throws on arbitrary junk", () => {
    const junk = ["<", "</", "<<<>>>", "<claim", '<claim task="', "<write path='a'>", "</write", "<\u0000>", "<a b c>", "<_/>", "<x-y/>"];
    for (const j of junk) expect(() => parseActions(j)).not.toThrow();
    let s = "";
    for (let i = 0; i < 2000; i++) s += "<>/=\"' claimwrite\n"[(i * 7919) % 17];
    expect(() => parseActions(s)).not.toThrow();
  });

  it("refuses bad limits naming the function", () => {
    expect(() => parseActions("", { maxActions: 0 })).toThrow("parseActions: limits.maxActions must be a positive integer; got 0");
  });
});
