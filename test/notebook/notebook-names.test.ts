import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Every `lib.NAME` the committed notebooks call (they import the library as `lib` from ./src/index.js). */
function namesTheNotebooksUse(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of readdirSync("notebooks").filter((f) => f.endsWith(".ipynb")).sort()) {
    const nb = JSON.parse(readFileSync(join("notebooks", file), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
    for (const cell of nb.cells) {
      if (cell.cell_type !== "code") continue;
      const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      for (const m of source.matchAll(/\blib\.([A-Za-z_$][\w$]*)/g)) used.set(m[1]!, [...(used.get(m[1]!) ?? []), file]);
    }
  }
  return used;
}

describe("the names the notebooks use", () => {
  it("are all exported by the package entry, src/index.ts", async () => {
    const used = namesTheNotebooksUse();
    expect(used.size).toBeGreaterThan(50); // the notebooks were read (69 names when this test was written)
    const lib = (await import("../../src/index.js")) as Record<string, unknown>;
    const missing = [...used].filter(([name]) => lib[name] === undefined).map(([name, files]) => `${name} (${[...new Set(files)].join(", ")})`);
    expect(missing).toEqual([]);
  });
});
