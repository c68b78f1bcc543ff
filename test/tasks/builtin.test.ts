import { describe, expect, it } from "vitest";
import {
  SUITE_IDS,
  builtinSuites,
  criticalPath,
  dagShape,
  getSuite,
  minimumRounds,
  runSuiteTests,
  suiteIdsFor,
  validateSuite,
  type Suite,
} from "../../src/tasks/index.js";

const suites = builtinSuites();
const EXPECTED = { p09: { c: 2, p: 0.9 }, p05: { c: 10, p: 0.5 }, p02: { c: 16, p: 0.2 } } as const;

/** Every task's reference solution: the finished workspace. */
function referenceFiles(s: Suite): Map<string, string> {
  return new Map(s.tasks.flatMap((t) => Object.entries(t.solution ?? {})));
}

describe("built-in suites", () => {
  it("are the nine SUITE_IDS, in order", () => {
    expect(suites.map((s) => s.id)).toEqual([...SUITE_IDS]);
  });

  it.each(suites.map((s) => [s.id, s] as const))("%s is valid and runnable, with N = 20 and exactly the paper's C and p", (_id, s) => {
    expect(validateSuite(s, { level: "runnable" })).toEqual([]);
    const want = EXPECTED[s.p_label as keyof typeof EXPECTED];
    expect(dagShape(s.tasks)).toEqual({ n_tasks: 20, critical_path: want.c, p: want.p });
    // The chain is task-1 <- task-2 <- ... <- task-C; the rest depend on nothing.
    expect(criticalPath(s.tasks)).toEqual(Array.from({ length: want.c }, (_, i) => `task-${i + 1}`));
    s.tasks.forEach((t, i) => {
      expect(t.id).toBe(`task-${i + 1}`);
      if (i === 0 || i >= want.c) expect(t.dependencies).toEqual([]);
      else expect(t.dependencies[0]).toBe(`task-${i}`);
    });
    // For this shape the critical-path-first schedule meets max(C, ceil(N / n)).
    for (const n of [1, 2, 3, 4, 5]) expect(minimumRounds(s.tasks, n).upperBound).toBe(Math.max(want.c, Math.ceil(20 / n)));
  });

  it("chain tasks import the previous task's file and say so in their description", () => {
    for (const s of suites) {
      const byId = new Map(s.tasks.map((t) => [t.id, t]));
      for (const t of s.tasks.filter((x) => x.dependencies.length > 0)) {
        const prev = byId.get(t.dependencies[0] as string);
        const prevFile = prev?.files[0] as string;
        const source = Object.values(t.solution ?? {}).join("");
        expect(source).toContain(`from "./${prevFile}"`);
        expect(t.description).toContain(`\`./${prevFile}\` (${prev?.id})`);
      }
    }
  });

  it("every reference solution passes its tests and every faulty solution fails them (180 tasks)", async () => {
    let checked = 0;
    for (const s of suites) {
      const reference = referenceFiles(s);
      for (const t of s.tasks) {
        const ok = await runSuiteTests(reference, s, [t.id]);
        expect(ok, `${s.id} ${t.id} reference: ${ok.failures.join("; ")}`).toMatchObject({ returncode: 0, failed: 0 });
        expect(ok.passed).toBeGreaterThan(0);
        const faulty = new Map([...reference, ...Object.entries(t.faulty ?? {})]);
        const bad = await runSuiteTests(faulty, s, [t.id]);
        expect(bad.returncode, `${s.id} ${t.id} faulty solution was not caught`).toBe(1);
        expect(bad.failures.every((f) => f.startsWith(`${t.id} > `))).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(180);
  });

  it("the finished workspace passes the whole suite", async () => {
    const s = getSuite("svgutils_p02");
    const all = await runSuiteTests(referenceFiles(s), s);
    expect(all).toMatchObject({ returncode: 0, failed: 0, failures: [] });
  });
});

describe("getSuite and suiteIdsFor", () => {
  it("getSuite builds a fresh copy by id", () => {
    const a = getSuite("dataanalysis_p05");
    expect(a.domain).toBe("dataanalysis");
    expect(a.p_label).toBe("p05");
    a.tasks.pop();
    expect(getSuite("dataanalysis_p05").tasks).toHaveLength(20);
  });

  it("getSuite refuses unknown ids, listing the valid ones", () => {
    expect(() => getSuite("mathutils_p07")).toThrow(`getSuite: unknown suite id "mathutils_p07"; valid ids: ${SUITE_IDS.join(", ")}`);
  });

  it("suiteIdsFor parses all and comma lists", () => {
    expect(suiteIdsFor("all")).toEqual([...SUITE_IDS]);
    expect(suiteIdsFor(" svgutils_p02 , mathutils_p09,svgutils_p02")).toEqual(["svgutils_p02", "mathutils_p09"]);
  });

  it("suiteIdsFor refuses unknown and empty ids, listing the valid ones", () => {
    const valid = `valid: "all" or a comma-separated list of ${SUITE_IDS.join(", ")}`;
    expect(() => suiteIdsFor("mathutils_p09,nope")).toThrow(`suiteIdsFor: unknown suite id "nope"; ${valid}`);
    expect(() => suiteIdsFor("")).toThrow(`suiteIdsFor: empty suite id in ""; ${valid}`);
    expect(() => suiteIdsFor("a,,b")).toThrow("suiteIdsFor: empty suite id in");
  });
});
