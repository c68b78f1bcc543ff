import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The notebooks import the whole library through `notebooks/src/index.js` and tslab compiles it with its
// own settings (not strict: discriminated unions on boolean fields narrow only with `=== true/false`).
// A diagnostic here means every notebook's first import fails.
const require = createRequire(join(process.cwd(), "package.json"));

describe("the library under the tslab kernel's compiler", () => {
  it("compiles src/index.ts with no diagnostics", () => {
    const { createConverter } = require("tslab/dist/converter.js") as {
      createConverter: (o: { cwd: string }) => {
        convert: (prev: string, src: string) => { diagnostics?: { fileName?: string; start?: { line: number }; messageText: string }[] };
        close: () => void;
      };
    };
    const c = createConverter({ cwd: join(process.cwd(), "notebooks") });
    try {
      const out = c.convert("", 'import * as lib from "./src/index.js";\nconsole.log(Object.keys(lib).length);\n');
      const diags = (out.diagnostics ?? []).map((d) => `${d.fileName ?? "?"}:${(d.start?.line ?? -1) + 1}: ${d.messageText}`);
      expect(diags).toEqual([]);
    } finally {
      c.close();
    }
  }, 120_000);
});
