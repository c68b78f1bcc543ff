import { describe, expect, it } from "vitest";
import { importSpecifiers } from "../../src/tasks/workspace-paths.js";
import { createRng } from "../../src/core/rng.js";

/** The three regular expressions importSpecifiers used before its `from` clause scan was made linear. */
function regexSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^;"'`]*?\bfrom\s*(["'])([^"'\n]+)\1/g, /\bimport\s*(["'])([^"'\n]+)\1/g, /\bimport\s*\(\s*(["'])([^"'\n]+)\1\s*\)/g];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push(m[2]!);
  return [...new Set(found)];
}

describe("importSpecifiers", () => {
  it("finds static imports, re-exports and literal dynamic imports", () => {
    const src = 'import x from "./a.js";\nimport { b, c } from \'./b.js\';\nimport "./c.js";\nexport * from "./d.js";\nconst e = await import("./e.js");\n';
    expect(importSpecifiers(src).sort()).toEqual(["./a.js", "./b.js", "./c.js", "./d.js", "./e.js"]);
  });

  it("agrees with the regular expressions it replaces on 100,000 seeded random near-import strings", () => {
    const rng = createRng(3);
    const any = <T,>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
    const keyword = ["import", "export", "import\t", "ximport", "export*"];
    const filler = ["", " ", "  ", "\n", "{ a, b }", "x", "*", "as", "_", "fromx", "xfrom", ";", "`", "(", ")", "import ", "from"];
    const quote = ['"', "'", "`"];
    const spec = ["./a.js", "../b.js", "", "x\ny", "a'b", 'c"d', "./c.js"];
    let nonEmpty = 0;
    for (let i = 0; i < 100_000; i++) {
      let src = "";
      const pieces = 1 + Math.floor(rng.next() * 3);
      for (let k = 0; k < pieces; k++) {
        // keyword, whitespace, filler, maybe "from", whitespace, quote, specifier, quote (each part may go wrong)
        const q = any(quote);
        src += any(keyword) + any([" ", "  ", "\n", ""]) + any(filler) + any(filler) + any(["from", "from", "fro", ""]) + any(["", " ", "\n  "]) + q + any(spec) + (rng.next() < 0.8 ? q : any(quote)) + any(["", ";", "\n", " "]);
      }
      const want = regexSpecifiers(src);
      if (want.length > 0) nonEmpty++;
      expect(importSpecifiers(src), JSON.stringify(src)).toEqual(want);
    }
    expect(nonEmpty).toBeGreaterThan(10_000);
    expect(nonEmpty).toBeLessThan(90_000);
  });

  it("reads 1.4 MB of `import import ...` and an unterminated specifier after 100,000 keywords (quadratic before: minutes)", () => {
    expect(importSpecifiers("import ".repeat(200_000))).toEqual([]);
    expect(importSpecifiers("import ".repeat(100_000) + 'from "' + "x".repeat(1_000_000))).toEqual([]);
    expect(importSpecifiers("import ".repeat(100_000) + 'from "./ok.js";')).toEqual(["./ok.js"]);
  });
});
