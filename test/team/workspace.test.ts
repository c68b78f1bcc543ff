import { describe, expect, it } from "vitest";
import { checkWorkspacePath } from "../../src/team/paths.js";
import { Workspace } from "../../src/team/workspace.js";
import { TaskBoard } from "../../src/team/board.js";
import { planPreassignment } from "../../src/tasks/assignment.js";
import { chainSuite, paperShapeSuite, suite, task } from "./fixtures.js";

describe("checkWorkspacePath", () => {
  it("accepts plain relative paths", () => {
    for (const p of ["clamp.js", "lib/fmt.js", "a/b/c/d.test.js", "Data_2.csv", "x-y.z"]) {
      expect(checkWorkspacePath(p)).toEqual({ ok: true, path: p });
    }
  });

  it.each([
    ["", "path_empty"],
    ["a\u0000.js", "path_nul"],
    ["a\u0007.js", "path_control"],
    ["a\u202Esj.exe", "path_control"],
    ["a\u200B.js", "path_control"],
    ["\uFEFFa.js", "path_control"],
    ["a\\..\\b.js", "path_backslash"],
    ["/etc/passwd", "path_absolute"],
    ["~/.ssh/id_rsa", "path_absolute"],
    ["C:/Windows/x", "path_absolute"],
    ["c:x.js", "path_absolute"],
    ["file:///etc/passwd", "path_absolute"],
    ["../outside.js", "path_traversal"],
    ["a/../../b.js", "path_traversal"],
    ["./a.js", "path_traversal"],
    ["a//b.js", "path_traversal"],
    ["a/", "path_traversal"],
    [".git/config", "path_hidden"],
    [".env", "path_hidden"],
    ["-rf", "path_hidden"],
    ["CON", "path_reserved"],
    ["lib/nul.txt", "path_reserved"],
    ["a b.js", "path_charset"],
    ["ab:c.js", "path_charset"],
    ["ｃlamp.js", "path_charset"],
    ["x".repeat(201), "path_too_long"],
    ["a/".repeat(8) + "b", "path_too_long"],
    ["y".repeat(65), "path_too_long"],
  ])("refuses %j as %s", (path, reason) => {
    const r = checkWorkspacePath(path);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });
});

describe("Workspace", () => {
  it("versions writes and keeps an advisory per-round lock held by the first writer", () => {
    const ws = new Workspace();
    expect(ws.write("a.js", "1", "Dev1", 1)).toEqual({ ok: true, version: 1, bytes: 1, lockOk: true, lockHolder: "Dev1" });
    expect(ws.write("a.js", "22", "Dev2", 1)).toEqual({ ok: true, version: 2, bytes: 2, lockOk: false, lockHolder: "Dev1" });
    expect(ws.write("a.js", "333", "Dev1", 1)).toMatchObject({ ok: true, version: 3, lockOk: true });
    // Locks are released when the round ends.
    expect(ws.write("a.js", "4444", "Dev2", 2)).toMatchObject({ ok: true, version: 4, lockOk: true, lockHolder: "Dev2" });
    expect(ws.read("a.js")).toBe("4444");
    expect(ws.versions.map((v) => [v.version, v.round, v.agent, v.lockOk])).toEqual([
      [1, 1, "Dev1", true],
      [2, 1, "Dev2", false],
      [3, 1, "Dev1", true],
      [4, 2, "Dev2", true],
    ]);
    expect(ws.list()).toEqual([{ path: "a.js", bytes: 4, lastWriter: "Dev2", lastRound: 2, version: 4 }]);
  });

  it("counts bytes in UTF-8", () => {
    expect(new Workspace().write("e.txt", "€", "Dev1", 1)).toMatchObject({ ok: true, bytes: 3 });
  });

  it("refuses confined-path violations and file/folder collisions without writing", () => {
    const ws = new Workspace();
    expect(ws.write("../x.js", "x", "Dev1", 1)).toMatchObject({ ok: false, reason: "path_traversal" });
    ws.write("lib/a.js", "a", "Dev1", 1);
    expect(ws.write("lib", "x", "Dev1", 1)).toMatchObject({ ok: false, reason: "path_conflict", detail: "lib is a folder" });
    expect(ws.write("lib/a.js/b.js", "x", "Dev1", 1)).toMatchObject({ ok: false, reason: "path_conflict" });
    expect(ws.list().map((f) => f.path)).toEqual(["lib/a.js"]);
    expect(ws.versions).toHaveLength(1);
  });

  it("snapshots are copies", () => {
    const ws = new Workspace();
    ws.write("a.js", "1", "Dev1", 1);
    const snap = ws.snapshot();
    ws.write("a.js", "2", "Dev1", 2);
    expect(snap.get("a.js")).toBe("1");
  });
});

describe("TaskBoard", () => {
  it("applies the claim rules in order", () => {
    const b = new TaskBoard(chainSuite());
    expect(b.take("Dev1", "zzz", 1)).toEqual({ ok: false, reason: "unknown_task", owner: null });
    expect(b.take("Dev1", "b", 1)).toEqual({ ok: false, reason: "dependencies_pending", owner: null });
    expect(b.take("Dev1", "a", 1)).toEqual({ ok: true });
    expect(b.take("Dev1", "a", 1)).toEqual({ ok: false, reason: "already_yours", owner: "Dev1" });
    expect(b.take("Dev2", "a", 1)).toEqual({ ok: false, reason: "lost_tie", owner: "Dev1" });
    expect(b.take("Dev2", "a", 2)).toEqual({ ok: false, reason: "already_claimed", owner: "Dev1" });
    expect(b.checkComplete("Dev2", "a")).toBe("not_owner");
    expect(b.checkComplete("Dev1", "a")).toBeNull();
    b.markDone("a", 2);
    expect(b.take("Dev2", "a", 3)).toEqual({ ok: false, reason: "already_done", owner: "Dev1" });
    expect(b.take("Dev2", "b", 3)).toEqual({ ok: true });
    expect(b.doneTasks).toBe(1);
    expect(b.allDone).toBe(false);
  });

  it("refuses suites with duplicate ids or unknown dependencies", () => {
    expect(() => new TaskBoard(suite([task("a"), task("a")]))).toThrow("TaskBoard: suite mini_p50: task id a appears twice");
    expect(() => new TaskBoard(suite([task("a", ["q"])]))).toThrow("depends on unknown task q");
  });
});

describe("planPreassignment", () => {
  it("keeps the chain on one agent and deals independent tasks round-robin", () => {
    const plan = planPreassignment(chainSuite(), ["Dev1", "Dev2"]);
    expect(Object.fromEntries(plan)).toEqual({ Dev1: ["a", "b", "c", "d"], Dev2: ["e"] });
  });

  it("gives the chain owner C + ceil((N - C) / n) tasks on the paper's shapes: Amdahl's form", () => {
    for (const [c, n] of [
      [2, 5],
      [10, 3],
      [16, 2],
      [2, 1],
    ] as const) {
      const plan = planPreassignment(paperShapeSuite(20, c), Array.from({ length: n }, (_, i) => `Dev${i + 1}`));
      const loads = [...plan.values()].map((ts) => ts.length);
      expect(Math.max(...loads)).toBe(c + Math.ceil((20 - c) / n));
      expect(loads.reduce((a, b) => a + b, 0)).toBe(20);
      const chainOwner = plan.get("Dev1")!;
      for (let i = 1; i <= c; i++) expect(chainOwner).toContain(`task-${i}`);
    }
  });

  it("deals several chains round-robin, largest first", () => {
    const s = suite([task("a"), task("b", ["a"]), task("x"), task("y", ["x"]), task("z", ["y"]), task("i")]);
    expect(Object.fromEntries(planPreassignment(s, ["Dev1", "Dev2"]))).toEqual({ Dev1: ["x", "y", "z", "i"], Dev2: ["a", "b"] });
  });

  it("refuses an empty team", () => {
    expect(() => planPreassignment(chainSuite(), [])).toThrow("planPreassignment: agents is empty");
  });
});
