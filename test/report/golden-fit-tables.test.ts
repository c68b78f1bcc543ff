import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GOLDEN_FIT_FILES, REGENERATE, firstDifferentLine, goldenFitPath, goldenFitTables, readGoldenFit, writeGoldenFit } from "./golden-fit-tables.js";

const update = process.env.UPDATE_GOLDEN === "1";

describe("golden fit tables (seeded synthetic runs, seeded bootstrap, byte for byte)", () => {
  const fresh = goldenFitTables();

  for (const file of GOLDEN_FIT_FILES) {
    it(file, () => {
      if (update) {
        writeGoldenFit(file, fresh[file]);
        return;
      }
      if (!existsSync(goldenFitPath(file))) expect.fail(`no golden file ${goldenFitPath(file)}; create it deliberately with: ${REGENERATE}`);
      const diff = firstDifferentLine(readGoldenFit(file), fresh[file]);
      const message =
        diff === null
          ? ""
          : `the fresh ${file} differs from test/fixtures/golden/${file} at line ${diff.line}:\n` +
            `  golden: ${diff.expected}\n  fresh:  ${diff.actual}\n` +
            `If a fit, the bootstrap's random stream, a cost or the CSV format changed on purpose, regenerate the golden files with\n  ${REGENERATE}\n` +
            `and commit them with the change that explains it; otherwise the change is a regression.`;
      expect(diff, message).toBeNull();
    });
  }

  it("is computed from runs that exercise every table (no empty golden file)", () => {
    // header + 2 models x 2 conditions x 3 p rows (Amdahl, USL, team worth), x 3 forms (messages), x 5 n (cost)
    const lines = (f: (typeof GOLDEN_FIT_FILES)[number]): number => fresh[f].trimEnd().split("\n").length;
    expect(lines("amdahl_fits.csv")).toBe(1 + 12);
    expect(lines("usl_fits.csv")).toBe(1 + 12);
    expect(lines("message_fits.csv")).toBe(1 + 4 * 3);
    expect(lines("cost_frontier.csv")).toBe(1 + 12 * 5);
    expect(lines("team_worth.csv")).toBe(1 + 12);
  });
});
