import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/core/project-root.js";

const ROOT = resolve(".");

describe("projectRoot", () => {
  it("finds the project root from notebooks/ and from the root", () => {
    expect(projectRoot(join(ROOT, "notebooks"))).toBe(ROOT);
    expect(projectRoot(ROOT)).toBe(ROOT);
  });

  it("refuses a folder outside the project", () => {
    expect(() => projectRoot(tmpdir())).toThrow(`projectRoot: no package.json named llm-teams-ds at or above ${tmpdir()}`);
  });
});
