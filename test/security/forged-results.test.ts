import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxRunner } from "../../src/sandbox/node-sandbox-runner.js";
import type { TestOutcome } from "../../src/tasks/types.js";
import { FAULTY_HALF, FORGE_ATTACKS, FORGE_SUITE } from "./forge-attacks.js";

/**
 * Issue 10, "results that cannot be forged": agent code that overrides Object.prototype.toJSON,
 * Promise.race, the global Promise, the array iterator, node:assert, a global the test helpers use,
 * JSON, console, process.exit, the test table (through a cyclic import) or steals the nonce from a
 * heap snapshot gets exactly the verdict of the faulty solution without the attack. Eight of these
 * ten forged a pass against the harness before the hardening (see forge-attacks.ts).
 */

const runner = createSandboxRunner({ timeLimitMs: 20_000 });
afterAll(() => runner.dispose());

const run = (halfJs: string, extra: Record<string, string> = {}): Promise<TestOutcome> =>
  runner.run(new Map([["half.js", halfJs], ...Object.entries(extra)]), FORGE_SUITE);

let control: TestOutcome;
beforeAll(async () => {
  control = await run(FAULTY_HALF);
});

describe("a failing test cannot be turned into a pass by agent code", () => {
  it("the faulty solution alone: 1 passed, 2 failed (the verdict every attack must leave unchanged)", () => {
    expect(control).toMatchObject({ returncode: 1, passed: 1, failed: 2 });
    expect(control.failures).toEqual([
      "task-1 > half(3) is 1.5: AssertionError: expected 1.5, got 1",
      "task-1 > half refuses a string: AssertionError: Missing expected exception (TypeError).",
    ]);
  });

  for (const attack of FORGE_ATTACKS) {
    it(`${attack.name}${attack.forgedBefore ? " (forged a pass before)" : ""}`, async () => {
      expect(await run(FAULTY_HALF + attack.code, attack.files)).toEqual(control);
    });
  }
});
