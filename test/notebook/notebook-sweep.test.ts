import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NotebookSession } from "../../src/notebook/notebook-session.js";
import { SIMULATED_NOTE } from "../../src/llm/simulated-note.js";
import { runNotebookSweep } from "../../src/notebook/notebook-sweep.js";
import { recordingChannel } from "./helpers.js";

const temp = mkdtempSync(join(tmpdir(), "notebook-sweep-test-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A clock that moves 0.5 s each time it is read. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 0.5);
}

describe("runNotebookSweep", () => {
  it("runs the sweep under one progress line labelled SIMULATED and loads its results", async () => {
    const { channel, sent } = recordingChannel();
    // The session's clock moves 0.5 s per read, more than progressSeconds (0.25 s): every update is sent.
    const nb = new NotebookSession({ channel, clock: steppingClock() });
    const keepIn = join(temp, "kept");
    const sweep = await runNotebookSweep(nb, { suite: "mathutils_p09", n: "1-2", reps: 1, mode: "preassign" }, { keepIn, clock: steppingClock() });
    expect(sweep.runs.map((r) => r.run_dir)).toEqual(["balanced_mathutils_p09_preassign_n1_rep0", "balanced_mathutils_p09_preassign_n2_rep0"]);
    expect(sweep.simulated).toBe(true);
    expect(sweep.failed).toBe(0);
    expect(sweep.metrics.size).toBe(2);
    expect(existsSync(join(keepIn, "runs.csv"))).toBe(true);
    // One line, opened once and updated: the grid, the bar after each run, then the result with its time.
    expect(new Set(sent.map((s) => (s.kind === "show" ? "show" : s.id))).size).toBe(1);
    const texts = sent.map((s) => String(s.bundle.data["text/plain"]));
    const grid = "1 suite × n = 1..2 × 1 rep × preassign = 2 runs (simulated backend, profile balanced, seed 1)";
    expect(texts[0]).toBe(`… Simulated sweep (${SIMULATED_NOTE}): ${grid}`);
    expect(texts).toContain(`… Simulated sweep (${SIMULATED_NOTE}): ${grid} [##########----------] 1/2`);
    expect(texts.at(-1)).toMatch(new RegExp(`^✓ Simulated sweep \\(${SIMULATED_NOTE}\\): ${grid.replace(/[()]/g, "\\$&")}; 0 failed, [\\d,]+ events \\(0\\.5 s\\)$`));
  });

  it("sends the opening and the final state only when the runs finish faster than progressSeconds", async () => {
    const { channel, sent } = recordingChannel();
    const nb = new NotebookSession({ channel, clock: () => 0 }); // no time passes: every running update is dropped
    const sweep = await runNotebookSweep(nb, { suite: "mathutils_p09", n: "1-3", reps: 2, mode: "preassign" }, { clock: steppingClock() });
    expect(sweep.runs).toHaveLength(6);
    const grid = "1 suite × n = 1..3 × 2 reps × preassign = 6 runs (simulated backend, profile balanced, seed 1)";
    expect(sent.map((s) => s.kind)).toEqual(["open", "update"]);
    expect(String(sent[1]!.bundle.data["text/plain"])).toMatch(/^✓ Simulated sweep .*; 0 failed, [\d,]+ events \(0\.5 s\)$/);
    expect(String(sent[1]!.bundle.data["text/plain"])).toContain(grid);
  });

  it("refuses an out or resume in the input, and bad options before starting anything", async () => {
    const nb = new NotebookSession({ channel: recordingChannel().channel });
    await expect(runNotebookSweep(nb, { out: "x" } as never)).rejects.toThrow('runNotebookSweep: the sweep input has "out"; leave it out (use options.keepIn to keep the files)');
    await expect(runNotebookSweep(nb, { n: "0-2" })).rejects.toThrow(/resolveSweepOptions: invalid --n "0"/);
  });
});
