import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removedDirsLine, sweepMain, unsafeNotice } from "../../src/cli/sweep-cli.js";
import { parseSweepArgs, SWEEP_USAGE } from "../../src/cli/sweep-flags.js";
import { createProgress, formatDuration } from "../../src/cli/progress.js";
import { SWEEP_FIELDS, resolveSweepOptions, type RealSweepBackend, type SweepField } from "../../src/experiment/options.js";

const root = mkdtempSync(join(tmpdir(), "sweep-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function sink(isTTY = false): { write(s: string): boolean; isTTY: boolean; text: string } {
  return {
    isTTY,
    text: "",
    write(s: string) {
      this.text += s;
      return true;
    },
  };
}

describe("parseSweepArgs", () => {
  it("maps flags to raw sweep options, leaving out what is not given", () => {
    expect(parseSweepArgs(["--out", "o", "--p", "0.9,0.5", "--n=1-3", "--mode", "decentralized", "--max-rounds", "9", "--resume", "--seed", "-1"])).toEqual({
      help: false,
      input: { out: "o", p: "0.9,0.5", n: "1-3", mode: "decentralized", maxRounds: "9", resume: true, seed: "-1" },
    });
    expect(parseSweepArgs(["--suite-file", "t", "--test-command", "pytest -q", "--env-file", "e", "--prices", "p.json"])).toEqual({
      help: false,
      input: { suiteFile: "t", testCommand: "pytest -q", envFile: "e", prices: "p.json" },
    });
    expect(parseSweepArgs(["--unsafe-no-sandbox", "--request-deadline", "60", "--max-response-bytes", "65536"])).toEqual({
      help: false,
      input: { unsafeNoSandbox: true, requestDeadline: "60", maxResponseBytes: "65536" },
    });
    expect(parseSweepArgs(["-h"])).toEqual({ help: true });
    // --help wins over anything else on the line, even an unknown option.
    expect(parseSweepArgs(["--bogus", "--out", "o", "--help"])).toEqual({ help: true });
  });

  it("refuses unknown options (with the nearest one), missing values, repeats and positionals, in one line", () => {
    expect(() => parseSweepArgs(["--bogus", "1"])).toThrow(
      "sweep: unknown option --bogus; valid options: --out, --suite, --p, --n, --reps, --mode, --backend, --profile, --seed, --max-rounds, --concurrency, --resume, " +
        "--model, --base-url, --env-file, --temperature, --max-output-tokens, --request-timeout, --request-deadline, --max-response-bytes, " +
        "--max-retries, --max-requests, --rpm, --tpm, --test-timeout, --test-memory, --unsafe-no-sandbox, --prices, --suite-file, --test-command, " +
        "--cassette, --help (see --help)",
    );
    expect(() => parseSweepArgs(["--rep", "3"])).toThrow("sweep: unknown option --rep (did you mean --reps?); valid options: --out,");
    expect(() => parseSweepArgs(["--out"])).toThrow("sweep: --out needs a value: --out DIR (see --help)");
    expect(() => parseSweepArgs(["--out", "--resume"])).toThrow("sweep: --out needs a value: --out DIR");
    expect(() => parseSweepArgs(["--out", "a", "--out", "b"])).toThrow("sweep: --out is given more than once; give it once");
    expect(() => parseSweepArgs(["--resume=yes"])).toThrow("sweep: --resume is a switch and takes no value (got --resume=yes)");
    expect(() => parseSweepArgs(["extra"])).toThrow('sweep: unexpected argument "extra"; options take the form --name value; valid options: --out,');
    expect(() => parseSweepArgs(["-x"])).toThrow("sweep: unknown option -x; valid options: --out,");
    expect(() => parseSweepArgs(["--api-key", "sk-secret"])).toThrow(/^sweep: --api-key is refused: a key on the command line ends up in shell history/);
    try {
      parseSweepArgs(["--api-key", "sk-secret"]);
    } catch (e) {
      expect((e as Error).message).not.toContain("sk-secret");
      expect((e as Error).message).not.toContain("\n");
    }
  });
});

describe("SWEEP_USAGE", () => {
  it("lists every sweep option once, with its range and default from SWEEP_FIELDS, and nothing refused", () => {
    const lines = SWEEP_USAGE.split("\n");
    for (const f of Object.values(SWEEP_FIELDS) as SweepField[]) {
      expect(lines.filter((l) => l.startsWith(`  --${f.flag} `)), f.flag).toHaveLength(1);
    }
    expect(SWEEP_USAGE).toContain("  --reps K              repetitions per cell (1 to 1000) [default: 5]\n");
    expect(SWEEP_USAGE).toContain("  --concurrency C       runs in flight at once (1 to 64) [default: 1]\n");
    expect(SWEEP_USAGE).toContain("  -h, --help            show this help and exit\n");
    expect(SWEEP_USAGE).not.toContain("api-key");
    // No usage line is wider than 100 characters.
    expect(Math.max(...SWEEP_USAGE.split("\n").map((l) => l.length))).toBeLessThanOrEqual(100);
  });
});

describe("sweepMain", () => {
  it("prints the help", async () => {
    const out = sink();
    expect(await sweepMain(["--help"], { stdout: out, stderr: sink(), packageVersion: "1" })).toBe(0);
    expect(out.text).toBe(SWEEP_USAGE);
    expect(SWEEP_USAGE).toContain("--concurrency C");
  });

  it("exits 2 with the reason for bad usage", async () => {
    const err = sink();
    expect(await sweepMain(["--out", join(root, "x"), "--mode", "central"], { stdout: sink(), stderr: err, packageVersion: "1" })).toBe(2);
    expect(err.text).toBe('sweep: resolveSweepOptions: unknown --mode "central"; valid: preassign, decentralized, lead\n');
    const err2 = sink();
    expect(await sweepMain([], { stdout: sink(), stderr: err2, packageVersion: "1" })).toBe(2);
    expect(err2.text).toContain("missing --out");
  });

  it("runs a small sweep with plain progress lines when stderr is not a terminal", async () => {
    const out = join(root, "run", "sweep");
    const stdout = sink();
    const stderr = sink();
    let t = 0;
    const code = await sweepMain(["--out", out, "--suite", "svgutils_p09", "--n", "1,2", "--reps", "1", "--seed", "9"], {
      stdout,
      stderr,
      packageVersion: "1.2.3",
      now: () => (t += 2),
    });
    expect(code).toBe(0);
    // The first line, after one that may report temporary folders of dead processes in the shared temp folder.
    expect(stderr.text.split("\n").filter((l) => !l.startsWith("sweep: removed "))[0]).toBe("sweep: 4 runs");
    expect(stderr.text).toMatch(/\[4\/4\] balanced_svgutils_p09_decentralized_n2_rep0 all_tasks_done \| [\d.]+ runs\/s \| ETA 0s/);
    expect(stdout.text).toMatch(/^sweep: 4 runs in .* \(0 already done, 4 run now, 0 unsuccessful\), \d+ events, \d+s\n$/);
    expect(JSON.parse(readFileSync(join(out, "config.json"), "utf8")).package_version).toBe("1.2.3");
    // Running it again without --resume is refused (exit 1), with --resume it has nothing to do.
    const again = sink();
    expect(await sweepMain(["--out", out, "--suite", "svgutils_p09", "--n", "1,2", "--reps", "1", "--seed", "9"], { stdout: sink(), stderr: again, packageVersion: "1.2.3" })).toBe(1);
    expect(again.text).toContain("pass --resume to continue it");
    const resumed = sink();
    expect(await sweepMain(["--out", out, "--suite", "svgutils_p09", "--n", "1,2", "--reps", "1", "--seed", "9", "--resume"], { stdout: resumed, stderr: sink(), packageVersion: "1.2.3" })).toBe(0);
    expect(resumed.text).toContain("(4 already done, 0 run now");
  });
});

describe("progress", () => {
  it("throttles plain lines to one per interval, always printing the last, with an ETA", () => {
    const s = sink(false);
    let t = 0;
    const p = createProgress(s, { now: () => t, lineEverySeconds: 10 });
    p.start(4, 1);
    t = 2;
    p.tick(2, "a");
    t = 4;
    p.tick(3, "b");
    t = 6;
    p.tick(4, "c");
    p.stop();
    expect(s.text).toBe("sweep: 4 runs, 1 already done (resume)\n[2/4] a | 0.5 runs/s | ETA 4s\n[4/4] c | 0.5 runs/s | ETA 0s\n");
  });

  it("draws a bar on a terminal", () => {
    const s = sink(true);
    const p = createProgress(s, { now: () => 0 });
    p.start(2, 0);
    p.tick(1, "x");
    p.stop();
    expect(s.text).toContain("1/2 runs");
  });

  it("formats durations", () => {
    expect([formatDuration(5), formatDuration(125), formatDuration(3725), formatDuration(Number.NaN)]).toEqual(["5s", "2m05s", "1h02m", "?"]);
  });
});

describe("sweep start lines", () => {
  it("names at most five removed temporary folders, then how many more", () => {
    const dirs = Array.from({ length: 7 }, (_, i) => `llm-teams-tests-${100 + i}-5-abcdef`);
    expect(removedDirsLine(dirs)).toBe(
      `removed 7 temporary folder(s) left by processes no longer running (a sweep killed with -9?) from ${tmpdir()}: ` +
        "llm-teams-tests-100-5-abcdef, llm-teams-tests-101-5-abcdef, llm-teams-tests-102-5-abcdef, llm-teams-tests-103-5-abcdef, llm-teams-tests-104-5-abcdef, and 2 more",
    );
  });

  it("says nothing about the sandbox without --unsafe-no-sandbox, and what it means with it", () => {
    const openai = resolveSweepOptions({ out: "o", backend: "openai", model: "m" }).backend as RealSweepBackend;
    const unsafe = resolveSweepOptions({ out: "o", backend: "openai", model: "m", unsafeNoSandbox: true }).backend as RealSweepBackend;
    expect(unsafeNotice(openai, { isolation: "none", unavailable: "x" })).toBeNull();
    expect(unsafeNotice(unsafe, { isolation: "bwrap", unavailable: null })).toEqual({ line: "--unsafe-no-sandbox: the OS sandbox starts here and is used anyway", tag: "--unsafe-no-sandbox (OS sandbox used)" });
    expect(unsafeNotice(unsafe, { isolation: "none", unavailable: "bubblewrap (bwrap) is not installed" })?.tag).toBe("UNSAFE: no OS sandbox");
    expect(unsafeNotice(unsafe, null)).toEqual({ line: "--unsafe-no-sandbox: agent code is tested by the test runner the caller gave", tag: "--unsafe-no-sandbox" });
  });
});
