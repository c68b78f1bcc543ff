import { afterAll, describe, expect, it } from "vitest";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveSweepOptions, type SweepOptionsInput } from "../../src/experiment/options.js";
import { runSweep, SWEEP_CSV_HEADER } from "../../src/experiment/sweep.js";
import { repairRunsCsv } from "../../src/experiment/sweep-files.js";
import { createScriptedBackend } from "../../src/llm/scripted-backend.js";
import { createSimulatedBackend } from "../../src/llm/simulated-backend.js";
import { RUN_COLUMNS } from "../../src/runs/types.js";
import { parseEventLines } from "../../src/events/read-jsonl.js";
import { PROMPT_VERSION } from "../../src/team/prompt.js";

const root = mkdtempSync(join(tmpdir(), "sweep-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
/** A fresh output folder, always named `sweep` so that exp_dir is the same in every copy. */
const freshOut = (): string => join(root, String(dirs++), "sweep");

const GRID: SweepOptionsInput = { suite: "mathutils_p09", n: "1-2", reps: 2, mode: "preassign,decentralized", seed: 5 };
const sweep = (out: string, extra: SweepOptionsInput = {}, deps = {}) =>
  runSweep(resolveSweepOptions({ ...GRID, out, ...extra }), { packageVersion: "9.9.9", ...deps });

/** Everything a sweep wrote, with runs.csv rows sorted (they are in completion order). */
function snapshot(out: string): { csv: string[]; events: Record<string, string> } {
  const lines = readFileSync(join(out, "runs.csv"), "utf8").split("\n");
  const events: Record<string, string> = {};
  for (const f of readdirSync(join(out, "events")).sort()) events[f] = readFileSync(join(out, "events", f), "utf8");
  return { csv: [lines[0]!, ...lines.slice(1).filter((l) => l !== "").sort()], events };
}

describe("runSweep", () => {
  it("writes config.json, runs.csv with the paper's columns first, and one JSONL per run", async () => {
    const out = freshOut();
    const s = await sweep(out);
    expect(s).toMatchObject({ total: 8, skipped: 0, ran: 8, aborted: false });
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    expect(config).toMatchObject({
      simulated: true,
      backend: "simulated",
      clock: "virtual",
      package_version: "9.9.9",
      event_schema_version: 3,
      seed: 5,
      exp_dir: "sweep",
      runs: 8,
      options: { suites: ["mathutils_p09"], n: [1, 2], reps: 2, modes: ["preassign", "decentralized"], profiles: ["balanced"], max_rounds: 50 },
    });
    expect(config.profiles.balanced.name).toBe("balanced");
    expect(config).toMatchObject({ prompt_version: PROMPT_VERSION, llm: null, suite_file: null });
    expect(existsSync(join(out, "cassettes"))).toBe(false);
    const lines = readFileSync(join(out, "runs.csv"), "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe(SWEEP_CSV_HEADER);
    expect(lines[0]!.split(",").slice(0, 16)).toEqual([...RUN_COLUMNS]);
    expect(lines[0]!.split(",").slice(16)).toEqual(["simulated", "backend", "profile", "seed", "suite", "end_reason", "messages", "cost_usd", "usage_estimated", "prompt_version"]);
    expect(lines).toHaveLength(9);
    const files = readdirSync(join(out, "events")).sort();
    expect(files).toHaveLength(8);
    for (const line of lines.slice(1)) {
      const cells = line.split(",");
      const row = Object.fromEntries(lines[0]!.split(",").map((c, i) => [c, cells[i]]));
      expect(row).toMatchObject({ model_dir: "sim_balanced", exp_dir: "sweep", task_type: "mathutils", p_label: "p09", p_true: "0.9", simulated: "true", backend: "simulated", cost_usd: "", usage_estimated: "", prompt_version: PROMPT_VERSION });
      const events = parseEventLines(readFileSync(join(out, "events", `${row.run_dir}.jsonl`), "utf8"));
      expect(events.every((e) => e.run_dir === row.run_dir)).toBe(true);
      expect(events[0]).toMatchObject({ type: "run_start", simulated: true, clock: "virtual", unsafe_no_sandbox: false });
      expect(String(events.filter((e) => e.type === "agent_reply").length)).toBe(row.messages);
    }
  });

  it("gives the same rows and events whatever the concurrency", async () => {
    const a = freshOut();
    const b = freshOut();
    await sweep(a);
    await sweep(b, { concurrency: "4" });
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it("refuses an output folder that already holds a sweep unless resuming, and resumes nothing when complete", async () => {
    const out = freshOut();
    await sweep(out);
    await expect(sweep(out)).rejects.toThrow("already holds a sweep (config.json or runs.csv); pass --resume to continue it, or choose another --out");
    const before = snapshot(out);
    const s = await sweep(out, { resume: true });
    expect(s).toMatchObject({ total: 8, skipped: 8, ran: 0 });
    expect(snapshot(out)).toEqual(before);
  });

  it("refuses to resume with different options, naming what differs", async () => {
    const out = freshOut();
    await sweep(out);
    await expect(sweep(out, { resume: true, seed: "6" })).rejects.toThrow("--resume: the options differ from the sweep in");
    // Each differing option named, with its flag and both values (it said "options differ (in options)").
    await expect(sweep(out, { resume: true, seed: "6", maxRounds: "31", reps: "3" })).rejects.toThrow(
      `runSweep: --resume: the options differ from the sweep in ${out}: seed (--seed): recorded 5, now 6; options.reps (--reps): recorded 2, now 3; options.max_rounds (--max-rounds): recorded 50, now 31; runs: recorded 8, now 12; resume with the same options, or choose another --out`,
    );
    // Concurrency is not part of what is compared.
    await expect(sweep(out, { resume: true, concurrency: "2" })).resolves.toMatchObject({ skipped: 8 });
  });

  it("repairs an interrupted sweep: drops a torn last row and temp files, reruns what is missing, byte-identical", async () => {
    const reference = freshOut();
    await sweep(reference);
    const out = freshOut();
    await sweep(out);
    // Simulate a kill: the last two rows gone, the one before them torn in half, a stray temp file,
    // and a half-written events temp file.
    const csv = join(out, "runs.csv");
    const text = readFileSync(csv, "utf8");
    const lines = text.split("\n");
    const keep = lines.slice(0, 6).join("\n") + "\n" + lines[6]!.slice(0, 10);
    writeFileSync(csv, keep);
    writeFileSync(join(out, "events", "x.jsonl.tmp"), '{"type":"run_st');
    const s = await sweep(out, { resume: true });
    expect(s).toMatchObject({ total: 8, skipped: 5, ran: 3 });
    expect(existsSync(join(out, "events", "x.jsonl.tmp"))).toBe(false);
    expect(snapshot(out)).toEqual(snapshot(reference));
  });

  it("records a run whose backend fails with end_reason error, and reruns it on resume", async () => {
    const out = freshOut();
    let fail = true;
    const backendFor = (profile: string) => {
      const sim = createSimulatedBackend(profile);
      const failing = createScriptedBackend(() => {
        throw new Error("503 upstream unavailable");
      });
      return {
        ...sim,
        reply: (req: Parameters<typeof sim.reply>[0], rng: Parameters<typeof sim.reply>[1]) =>
          fail && req.view.runId.endsWith("decentralized_n2_rep1") ? failing.reply(req, rng) : sim.reply(req, rng),
      };
    };
    const first = await sweep(out, {}, { backendFor });
    expect(first).toMatchObject({ ran: 8, failed: 1 });
    const row = readFileSync(join(out, "runs.csv"), "utf8").split("\n").find((l) => l.includes("decentralized_n2_rep1"))!;
    expect(row).toContain(",error,");
    const events = readFileSync(join(out, "events", "balanced_mathutils_p09_decentralized_n2_rep1.jsonl"), "utf8");
    expect(events).toContain('"reason":"error","detail":"Error: 503 upstream unavailable"');
    fail = false;
    const second = await sweep(out, { resume: true }, { backendFor });
    expect(second).toMatchObject({ skipped: 7, ran: 1, failed: 0 });
    const reference = freshOut();
    await sweep(reference);
    expect(snapshot(out)).toEqual(snapshot(reference));
  });

  it("stops early when aborted, recording only finished runs", async () => {
    const out = freshOut();
    const controller = new AbortController();
    const s = await runSweep(resolveSweepOptions({ ...GRID, out }), { packageVersion: "9.9.9" }, {
      signal: controller.signal,
      onRunDone: (info) => {
        if (info.done === 3) controller.abort();
      },
    });
    expect(s).toMatchObject({ ran: 3, aborted: true });
    expect(readFileSync(join(out, "runs.csv"), "utf8").trimEnd().split("\n")).toHaveLength(4);
    const resumed = await sweep(out, { resume: true });
    expect(resumed).toMatchObject({ skipped: 3, ran: 5 });
  });
});

describe("option values", () => {
  it("refuses a list that names a value twice, saying which (it was dropped silently)", () => {
    expect(() => resolveSweepOptions({ ...GRID, out: freshOut(), n: "2,2" })).toThrow('resolveSweepOptions: --n lists "2" more than once in "2,2"; give each value once');
    expect(() => resolveSweepOptions({ ...GRID, out: freshOut(), mode: "decentralized, decentralized" })).toThrow(
      'resolveSweepOptions: --mode lists "decentralized" more than once in "decentralized, decentralized"; give each value once',
    );
    expect(() => resolveSweepOptions({ ...GRID, out: freshOut(), n: "-1" })).toThrow('resolveSweepOptions: invalid --n "-1"');
  });
});

describe("sweep.lock", () => {
  it("refuses a folder another running sweep is writing to, and takes over a lock left by a dead process (an older version's lock file)", async () => {
    const out = freshOut();
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "sweep.lock"), String(process.ppid));
    await expect(sweep(out)).rejects.toThrow(`another sweep (process ${process.ppid}) is writing to ${out}; wait for it to finish or stop it first`);
    // A pid above Linux's maximum (2^22) cannot be running.
    writeFileSync(join(out, "sweep.lock"), String(2 ** 22 + 12345));
    await expect(sweep(out)).resolves.toMatchObject({ ran: 8 });
    // Now a folder of generations: the sweep took generation 1 and released it.
    expect(readdirSync(join(out, "sweep.lock"))).toEqual(["1.released"]);
  });

  it("refuses while this process's own sweep holds the lock, and a second sweep takes the next generation", async () => {
    const out = freshOut();
    const first = sweep(out);
    await expect(sweep(out, { resume: true })).rejects.toThrow(`another sweep (process ${process.pid}) is writing to ${out}; wait for it to finish or stop it first`);
    await first;
    await expect(sweep(out, { resume: true })).resolves.toMatchObject({ skipped: 8, ran: 0 });
    expect(readdirSync(join(out, "sweep.lock"))).toEqual(["2.released"]);
  });
});

describe("repairRunsCsv", () => {
  it("refuses a runs.csv with a foreign header or a corrupt complete line", () => {
    const dir = freshOut();
    rmSync(dir, { recursive: true, force: true });
    const p = join(root, "bad.csv");
    writeFileSync(p, "a,b\n1,2\n");
    expect(() => repairRunsCsv(p, SWEEP_CSV_HEADER)).toThrow("header differs from this version's run columns");
    writeFileSync(p, SWEEP_CSV_HEADER + "\nx,y\n");
    expect(() => repairRunsCsv(p, SWEEP_CSV_HEADER)).toThrow("line 2 has 2 fields; expected 26");
  });

  it("restores a header lost to a torn first write", () => {
    const p = join(root, "torn.csv");
    writeFileSync(p, SWEEP_CSV_HEADER.slice(0, 20));
    expect(repairRunsCsv(p, SWEEP_CSV_HEADER)).toMatchObject({ completed: new Set(), droppedTornLine: true });
    expect(readFileSync(p, "utf8")).toBe(SWEEP_CSV_HEADER + "\n");
    appendFileSync(p, "");
    truncateSync(p, 0);
    expect(repairRunsCsv(p, SWEEP_CSV_HEADER).completed.size).toBe(0);
  });
});
