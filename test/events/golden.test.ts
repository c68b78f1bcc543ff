import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { GOLDEN_RUNS, REGENERATE, firstDifference, goldenEventLog, goldenPath, readGolden, writeGolden } from "./golden.js";

const update = process.env.UPDATE_GOLDEN === "1";

describe("golden event logs (seeded simulated runs, byte for byte)", () => {
  for (const g of GOLDEN_RUNS) {
    it(`${g.file}: ${g.suiteId}, ${g.mode}, n = ${g.n}, seed ${g.seed}`, async () => {
      const fresh = await goldenEventLog(g);
      if (update) {
        writeGolden(g.file, fresh);
        return;
      }
      if (!existsSync(goldenPath(g.file))) {
        expect.fail(`no golden file ${goldenPath(g.file)}; create it deliberately with: ${REGENERATE}`);
      }
      const diff = firstDifference(readGolden(g.file), fresh);
      const message =
        diff === null
          ? ""
          : `the fresh run's event log differs from test/fixtures/golden/${g.file} at line ${diff.line}:\n` +
            `  golden: ${diff.expected}\n  fresh:  ${diff.actual}\n` +
            `If the runtime's behaviour or the log format changed on purpose, regenerate the golden files with\n  ${REGENERATE}\n` +
            `and commit them with the change that explains it; otherwise the change is a regression.`;
      expect(diff, message).toBeNull();
    });
  }
});
