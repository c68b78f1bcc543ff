import { describe, expect, it } from "vitest";
import { resolveSweepOptions } from "../../src/experiment/options.js";
import { planSweep, runSeed } from "../../src/experiment/grid.js";
import { deriveSeed } from "../../src/core/rng.js";

describe("resolveSweepOptions", () => {
  it("fills every default: the paper's grid for the balanced profile", () => {
    const o = resolveSweepOptions({ out: "runs/x" });
    expect(o).toEqual({
      suites: [
        "mathutils_p09",
        "mathutils_p05",
        "mathutils_p02",
        "dataanalysis_p09",
        "dataanalysis_p05",
        "dataanalysis_p02",
        "svgutils_p09",
        "svgutils_p05",
        "svgutils_p02",
      ],
      pLabels: ["p09", "p05", "p02"],
      n: [1, 2, 3, 4, 5],
      reps: 5,
      modes: ["preassign", "decentralized"],
      profiles: ["balanced"],
      seed: 1,
      out: "runs/x",
      concurrency: 1,
      resume: false,
      maxRounds: 50,
      backend: { kind: "simulated" },
      suiteSource: { kind: "catalog" },
    });
    expect(planSweep(o)).toHaveLength(450);
  });

  it("reads lists, ranges, domains and p filters", () => {
    const o = resolveSweepOptions({
      out: "o",
      suite: "svgutils, mathutils_p09",
      p: "0.2,0.9",
      n: "1,2,4",
      reps: "2",
      mode: "decentralized,lead",
      profile: "fast-careless,slow-careful",
      seed: "4294967295",
      concurrency: "3",
      maxRounds: "7",
      resume: true,
    });
    expect(o.suites).toEqual(["mathutils_p09", "svgutils_p09", "svgutils_p02"]);
    expect(o.pLabels).toEqual(["p02", "p09"]);
    expect(o.n).toEqual([1, 2, 4]);
    expect([o.reps, o.seed, o.concurrency, o.maxRounds, o.resume]).toEqual([2, 4294967295, 3, 7, true]);
    expect(o.modes).toEqual(["decentralized", "lead"]);
    expect(o.profiles).toEqual(["fast-careless", "slow-careful"]);
    expect(resolveSweepOptions({ out: "o", n: " 2 - 4 " }).n).toEqual([2, 3, 4]);
    expect(resolveSweepOptions({ out: "o", n: [3, 1] }).n).toEqual([3, 1]);
  });

  it("resolves each backend to its own fields only, and the suite source to a tagged union", () => {
    const openai = resolveSweepOptions({ out: "o", backend: "openai", model: "llama3.1:8b", temperature: "0.5", rpm: 60, baseUrl: "http://localhost:11434/v1" });
    expect(openai.backend).toEqual({
      kind: "openai",
      model: "llama3.1:8b",
      baseUrl: "http://localhost:11434/v1",
      envFile: null,
      temperature: 0.5,
      maxOutputTokens: null,
      requestTimeoutSeconds: 180,
      requestDeadlineSeconds: 900,
      maxResponseBytes: 8 * 1024 * 1024,
      maxRetries: 6,
      maxRequests: 8,
      requestsPerMinute: 60,
      tokensPerMinute: null,
      testTimeoutSeconds: 10,
      testMemoryMb: 256,
      unsafeNoSandbox: false,
      pricesFile: null,
    });
    const bounded = resolveSweepOptions({ out: "o", backend: "openai", model: "m", requestDeadline: "30.5", maxResponseBytes: "65536", unsafeNoSandbox: true });
    expect(bounded.backend).toMatchObject({ requestDeadlineSeconds: 30.5, maxResponseBytes: 65_536, unsafeNoSandbox: true });
    // A real model's runs are named after its slug (model-slug.ts: ":" becomes "-").
    expect(openai.profiles).toEqual(["llama3.1-8b"]);
    expect(openai.suiteSource).toEqual({ kind: "catalog" });
    const replay = resolveSweepOptions({ out: "o", backend: "replay", model: "gpt-4o-mini", cassette: " runs/a ", prices: "p.json", suiteFile: "t.json", testCommand: "pytest -q" });
    expect(replay.backend).toEqual({ kind: "replay", model: "gpt-4o-mini", cassette: "runs/a", unsafeNoSandbox: false, pricesFile: "p.json" });
    expect(replay.suiteSource).toEqual({ kind: "file", path: "t.json", testCommand: "pytest -q" });
  });

  it.each([
    [{}, "resolveSweepOptions: missing --out: give the directory for config.json, runs.csv and events/"],
    [{ suite: "chess" }, 'unknown --suite "chess"; valid: all, mathutils, dataanalysis, svgutils, or a suite id: mathutils_p09'],
    [{ suite: "mathutils," }, '--suite has an empty item in "mathutils,"'],
    [{ p: "0.7" }, 'invalid --p "0.7"; valid: 0.9, 0.5, 0.2'],
    [{ p: "abc" }, 'invalid --p "abc"; valid: 0.9, 0.5, 0.2'],
    [{ suite: "mathutils_p09", p: "0.5" }, "selects no suite"],
    [{ n: "0-3" }, 'invalid --n "0"; expected an integer from 1 to 64'],
    [{ n: "5-2" }, 'invalid --n "5-2"; the range is empty (5 > 2)'],
    [{ n: "1;2" }, 'invalid --n "1;2"; expected a range like 1-5 or a list like 1,2,4'],
    [{ n: "65" }, 'invalid --n "65"; expected an integer from 1 to 64'],
    [{ reps: "0" }, 'invalid --reps "0"; expected an integer from 1 to 1000'],
    [{ reps: "2.5" }, 'invalid --reps "2.5"; expected an integer from 1 to 1000'],
    [{ mode: "central" }, 'unknown --mode "central"; valid: preassign, decentralized, lead'],
    [{ backend: "claude" }, 'unknown --backend "claude"; valid: simulated, openai, replay'],
    [{ backend: "openai" }, "--backend openai needs --model (the model name the endpoint knows, e.g. gpt-4o-mini or llama3.1)"],
    [{ backend: "replay", model: "m" }, "--backend replay needs --cassette DIR"],
    [{ backend: "openai", model: "m", cassette: "x" }, "resolveSweepOptions: --cassette applies to --backend replay, not to --backend openai"],
    [{ backend: "openai", model: "m", profile: "balanced" }, "--profile applies to --backend simulated, not to --backend openai; runs of a real model are named after --model"],
    [{ backend: "replay", model: "m", cassette: "c", temperature: "0" }, "--temperature applies to --backend openai, not to --backend replay"],
    [{ backend: "replay", model: "m", cassette: "c", envFile: ".env" }, "--env-file applies to --backend openai, not to --backend replay"],
    [{ backend: "openai", model: "m", envFile: " " }, "--env-file is empty; give PATH"],
    [{ backend: "openai", model: "::" }, 'modelSlug: model name "::" has no letters or digits'],
    [{ backend: "openai", model: "m", baseUrl: "localhost:11434" }, 'invalid --base-url "localhost:11434"; expected an http(s) URL'],
    [{ backend: "openai", model: "m", temperature: "3" }, 'invalid --temperature "3"; expected a number from 0 to 2'],
    [{ backend: "openai", model: "m", maxRetries: "1.5" }, 'invalid --max-retries "1.5"; expected an integer from 0 to 20'],
    [{ backend: "openai", model: "m", requestTimeout: "0" }, 'invalid --request-timeout "0"; expected a number from 0.001 to 3600'],
    [{ backend: "openai", model: "m", rpm: "x" }, 'invalid --rpm "x"'],
    [{ backend: "openai", model: "m", requestDeadline: "0" }, 'invalid --request-deadline "0"; expected a number from 0.001 to 604800'],
    [{ backend: "openai", model: "m", maxResponseBytes: "1000" }, 'invalid --max-response-bytes "1000"; expected an integer from 1024 to 1073741824'],
    [{ backend: "openai", model: "m", maxResponseBytes: "8MiB" }, 'invalid --max-response-bytes "8MiB"; expected an integer from 1024 to 1073741824'],
    [{ backend: "replay", model: "m", cassette: "c", maxResponseBytes: "4096" }, "--max-response-bytes applies to --backend openai, not to --backend replay"],
    [{ unsafeNoSandbox: true }, "--unsafe-no-sandbox applies to --backend openai or replay, not to the simulated backend"],
    [{ backend: "openai", model: "m", unsafeNoSandbox: "yes" as unknown as boolean }, 'invalid --unsafe-no-sandbox "yes"; expected true or false'],
    [{ model: "gpt-4o" }, "--model applies to --backend openai or replay, not to the simulated backend"],
    [{ rpm: "10" }, "--rpm applies to --backend openai, not to the simulated backend"],
    [{ prices: "p.json" }, "--prices applies to --backend openai or replay, not to the simulated backend"],
    [{ testCommand: "pytest" }, "--test-command applies to suites loaded with --suite-file"],
    [{ backend: "openai", model: "m", suiteFile: "x.json" }, "--suite-file needs --test-command"],
    [
      { suiteFile: "x.json", testCommand: "pytest" },
      "--suite-file applies to --backend openai or replay, not to the simulated backend; the simulated backend writes reference solutions, which the paper's task lists do not have",
    ],
    [{ profile: "claude" }, 'unknown --profile "claude"; valid: fast-careless, balanced, slow-careful'],
    [{ seed: "-1" }, 'invalid --seed "-1"; expected an integer from 0 to 4294967295'],
    [{ seed: "1e3" }, 'invalid --seed "1e3"'],
    [{ concurrency: "0" }, 'invalid --concurrency "0"; expected an integer from 1 to 64'],
    [{ maxRounds: "x" }, 'invalid --max-rounds "x"; expected an integer from 1 to 10000'],
  ])("refuses %j", (input, message) => {
    const withOut = "out" in input || Object.keys(input).length === 0 ? input : { out: "o", ...input };
    expect(() => resolveSweepOptions(withOut)).toThrow(message);
  });
});

describe("grid", () => {
  it("derives each run's seed from the sweep seed and the run's coordinates only", () => {
    const o = resolveSweepOptions({ out: "o", suite: "mathutils_p09", n: "1-2", reps: 2, profile: "balanced,slow-careful" });
    const runs = planSweep(o);
    expect(runs.map((r) => r.runId).slice(0, 3)).toEqual([
      "balanced_mathutils_p09_preassign_n1_rep0",
      "balanced_mathutils_p09_preassign_n1_rep1",
      "balanced_mathutils_p09_preassign_n2_rep0",
    ]);
    for (const r of runs) expect(r.seed).toBe(deriveSeed(1, r.suiteId, r.mode, r.n, r.rep));
    // Profiles share random numbers cell by cell (common random numbers).
    const a = runs.find((r) => r.profile === "balanced" && r.n === 2 && r.rep === 1 && r.mode === "decentralized")!;
    const b = runs.find((r) => r.profile === "slow-careful" && r.n === 2 && r.rep === 1 && r.mode === "decentralized")!;
    expect(a.seed).toBe(b.seed);
    expect(runSeed(1, "mathutils_p09", "decentralized", 2, 1)).toBe(a.seed);
    expect(new Set(runs.filter((r) => r.profile === "balanced").map((r) => r.seed)).size).toBe(8);
  });

  it("selects suites by --p through the one p-label codec, exactly", () => {
    expect(resolveSweepOptions({ out: "/tmp/x", suite: "all", p: "0.5" }).pLabels).toEqual(["p05"]);
    expect(resolveSweepOptions({ out: "/tmp/x", suite: "all", p: "0.90" }).pLabels).toEqual(["p09"]);
    // 0.35 is a valid p but no built-in suite has it; 0.91 would round to no label and must not be rounded to 0.9.
    expect(() => resolveSweepOptions({ out: "/tmp/x", suite: "all", p: "0.35" })).toThrow('resolveSweepOptions: invalid --p "0.35"; valid: 0.9, 0.5, 0.2');
    expect(() => resolveSweepOptions({ out: "/tmp/x", suite: "all", p: "0.91" })).toThrow('invalid --p "0.91"');
    expect(() => resolveSweepOptions({ out: "/tmp/x", suite: "all", p: "1.5" })).toThrow('invalid --p "1.5"');
  });
});
