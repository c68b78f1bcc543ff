import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as root from "../src/index.js";

/**
 * The public surface: the root entry is a curated subset of the concept entries (package.json
 * "exports"), every concept folder is an entry, and everything the committed notebooks call is there.
 */
const ROOT = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { exports: Record<string, string> };

describe("the public API", () => {
  it("has an entry for every concept folder of src/ and nothing else", () => {
    const folders = readdirSync(join(ROOT, "src"), { withFileTypes: true })
      .filter((d) => d.isDirectory() && readdirSync(join(ROOT, "src", d.name)).some((f) => f.endsWith(".ts")))
      .map((d) => `./${d.name}`)
      .sort();
    expect(Object.keys(pkg.exports).filter((k) => k !== ".").sort()).toEqual(folders);
    for (const [k, v] of Object.entries(pkg.exports)) expect(v).toBe(k === "." ? "./src/index.ts" : `./src/${k.slice(2)}/index.ts`);
  });

  it("exports from the root only values that a concept entry exports too, the same object", async () => {
    const concepts = new Map<string, unknown>();
    for (const k of Object.keys(pkg.exports)) {
      if (k === ".") continue;
      const mod = (await import(join(ROOT, pkg.exports[k]!))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) concepts.set(name, value);
    }
    const orphans = Object.entries(root).filter(([name, value]) => concepts.get(name) !== value).map(([name]) => name);
    expect(orphans).toEqual([]);
  });

  it("is curated: the root holds a small part of all public names, and no internals", async () => {
    const all = new Set<string>();
    for (const k of Object.keys(pkg.exports)) {
      if (k === ".") continue;
      Object.keys((await import(join(ROOT, pkg.exports[k]!))) as object).forEach((n) => all.add(n));
    }
    const names = Object.keys(root);
    expect(names.length).toBeLessThan(all.size / 2);
    // Internals the review found in the old flat entry: they stay in their folders' entries.
    for (const internal of ["halvePng", "TMP_SUFFIX", "CHROMIUM_ARGS", "writeFileAtomic", "lockSweep", "chainHash"]) {
      expect(names).not.toContain(internal);
    }
  });

  it("exports every name the committed notebooks call as lib.X", () => {
    const used = new Set<string>();
    for (const f of readdirSync(join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb"))) {
      const nb = JSON.parse(readFileSync(join(ROOT, "notebooks", f), "utf8")) as { cells: { cell_type: string; source: string[] | string }[] };
      for (const cell of nb.cells) {
        if (cell.cell_type !== "code") continue;
        const src = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
        for (const m of src.matchAll(/\blib\.([A-Za-z_$][\w$]*)/g)) used.add(m[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(0);
    const missing = [...used].filter((n) => !(n in root)).sort();
    expect(missing).toEqual([]);
  });
});
