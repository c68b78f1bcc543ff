import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The shape of src/: data flows one way between folders (no folder-level import cycle), and no source
 * file grows past about 400 lines (task-suite content in src/tasks/builtin excepted: each is one domain's
 * task texts and tests, data rather than logic).
 */
const SRC = join(import.meta.dirname, "..", "src");
const MAX_LINES = 400;
const LONG_FILES_ALLOWED = new Set(["tasks/builtin/mathutils.ts", "tasks/builtin/svgutils.ts", "tasks/builtin/dataanalysis.ts"]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** Folder of a file under src/ ("" for src/index.ts). */
const folderOf = (file: string): string => relative(SRC, file).split(sep)[0]!.replace(/\.ts$/, "") === relative(SRC, file).replace(/\.ts$/, "") ? "" : relative(SRC, file).split(sep)[0]!;

/** Folder-level import edges, with one example import for each (for the failure message). */
export function folderGraph(files: readonly string[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const spec = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
  for (const file of files) {
    const from = folderOf(file);
    if (from === "") continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(spec)) {
      const target = normalize(join(dirname(file), m[1]!));
      if (!target.startsWith(SRC + sep)) continue;
      const to = folderOf(target.replace(/\.js$/, ".ts"));
      if (to === "" || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${relative(SRC, file)} imports ${m[1]}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** The strongly connected components with more than one folder (Tarjan's algorithm). */
export function folderCycles(graph: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const nodes = new Set<string>([...graph.keys(), ...[...graph.values()].flatMap((e) => [...e.keys()])]);
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of [...nodes].sort()) if (!index.has(v)) visit(v);
  return out;
}

describe("the layout of src/", () => {
  const files = sourceFiles(SRC);

  it("has no folder-level import cycle", () => {
    const graph = folderGraph(files);
    const cycles = folderCycles(graph).map((scc) => {
      const edges = scc.flatMap((a) => scc.filter((b) => graph.get(a)?.has(b)).map((b) => `    ${a} -> ${b} (${graph.get(a)!.get(b)})`));
      return `  cycle: ${scc.join(", ")}\n${edges.join("\n")}`;
    });
    expect(cycles, `folder import cycles:\n${cycles.join("\n")}`).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself works)", () => {
    const g = new Map([
      ["a", new Map([["b", "x"]])],
      ["b", new Map([["c", "x"]])],
      ["c", new Map([["a", "x"]])],
      ["d", new Map([["a", "x"]])],
    ]);
    expect(folderCycles(g)).toEqual([["a", "b", "c"]]);
  });

  it(`keeps every source file under about ${MAX_LINES} lines (suite content excepted)`, () => {
    const long = files
      .map((f) => ({ file: relative(SRC, f).split(sep).join("/"), lines: readFileSync(f, "utf8").split("\n").length }))
      .filter((f) => f.lines > MAX_LINES && !LONG_FILES_ALLOWED.has(f.file))
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });
});
