import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { notebookPaperDir } from "../../src/report/paper-data-dir.js";

const ROOT = resolve(".");

describe("notebookPaperDir", () => {
  it("reads the data from data/paper, or from PAPER_DATA_DIR when set", () => {
    const nb = join(ROOT, "notebooks");
    expect(notebookPaperDir({}, nb)).toBe(join(ROOT, "data", "paper"));
    expect(notebookPaperDir({ PAPER_DATA_DIR: "" }, nb)).toBe(join(ROOT, "data", "paper"));
    expect(notebookPaperDir({ PAPER_DATA_DIR: "/tmp/none" }, nb)).toBe("/tmp/none");
    expect(notebookPaperDir({ PAPER_DATA_DIR: "x" }, nb)).toBe(join(nb, "x"));
  });
});
