import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The README's TypeScript examples, executed exactly as written: each ```ts block runs as its own
 * module with `./src/index.js` pointing at this checkout's entry, so an example that stops compiling or
 * throws fails here. A block may end with `// => value` comments; they are documentation only.
 */
const ROOT = join(import.meta.dirname, "..");
const ENTRY = pathToFileURL(join(ROOT, "src", "index.ts")).href;

function tsBlocks(markdown: string): { line: number; code: string }[] {
  const out: { line: number; code: string }[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== "```ts") continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && lines[j]!.trim() !== "```") j++;
    out.push({ line: start + 1, code: lines.slice(start, j).join("\n") });
    i = j;
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), "readme-examples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("README.md examples", () => {
  const blocks = tsBlocks(readFileSync(join(ROOT, "README.md"), "utf8"));

  it("has TypeScript examples to run", () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  for (const { line, code } of blocks) {
    it(`runs the example at README.md line ${line}`, () => {
      const file = join(dir, `example-${line}.mts`); // ES module: examples may use top-level await
      writeFileSync(file, code.replaceAll('"./src/index.js"', JSON.stringify(ENTRY)));
      try {
        execFileSync(process.execPath, ["--import", "tsx", file], { cwd: ROOT, stdio: "pipe", timeout: 120_000 });
      } catch (e) {
        const err = e as { stderr?: Buffer; message: string };
        throw new Error(`README.md line ${line}: the example failed:\n${err.stderr?.toString() ?? err.message}`);
      }
    });
  }
});
