import { describe, expect, it } from "vitest";
import { checkNotebook } from "../../scripts/notebook-convention.js";
import { makePng } from "../notebook/helpers.js";

const png = (w: number, h: number): string => makePng(w, h, (x, y) => [(x * 37) % 256, (y * 91) % 256, (x * y) % 256, 255]).toString("base64");

const good = (): Record<string, unknown> => ({
  cells: [
    { cell_type: "markdown", id: "intro", metadata: {}, source: "# Title" },
    {
      cell_type: "code",
      id: "fig",
      metadata: {},
      execution_count: null,
      source: "await nb.figure(spec);",
      outputs: [
        { output_type: "display_data", metadata: {}, data: { "image/png": png(4, 4), "text/plain": ["<Figure>"] } },
        { output_type: "display_data", metadata: {}, data: { "text/html": ["<table>", "</table>"], "text/plain": "t" } },
        { output_type: "stream", name: "stdout", text: ["ok\n"] },
      ],
    },
  ],
  metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
  nbformat: 4,
  nbformat_minor: 5,
});

const check = (nb: unknown, rules = {}): string[] => checkNotebook(JSON.stringify(nb), rules);
const code = (nb: Record<string, unknown>): Record<string, unknown> => (nb["cells"] as Record<string, unknown>[])[1]!;

describe("checkNotebook", () => {
  it("accepts a small, clean notebook with outputs", () => {
    expect(check(good())).toEqual([]);
  });

  it("refuses a file over the size limit and an image over the image limit", () => {
    const nb = good();
    expect(check(nb, { maxBytes: 100 })[0]).toMatch(/^the file is \d+ bytes; the limit is 100 \(render figures at pngScale 1, show fewer rows\)$/);
    const size = makePng(4, 4, (x, y) => [(x * 37) % 256, (y * 91) % 256, (x * y) % 256, 255]).length;
    expect(check(nb, { maxImageBytes: 10 })).toEqual([`cell 1 (fig) has a image/png of ${size} bytes; the limit is 10`]);
  });

  it("refuses a cleared notebook", () => {
    const nb = good();
    code(nb)["outputs"] = [];
    expect(check(nb)).toEqual(["no cell has outputs: committed notebooks keep their outputs (bash scripts/run-notebooks.sh --update)"]);
  });

  it("refuses error outputs, stderr, scripts in HTML and cells that skipped for missing data", () => {
    const nb = good();
    code(nb)["outputs"] = [
      { output_type: "error", ename: "Error", evalue: "boom", traceback: [] },
      { output_type: "stream", name: "stderr", text: "1:35 - Argument of type 'RunRecord[]' is not assignable" },
      { output_type: "display_data", metadata: {}, data: { "text/html": "<div></div><SCRIPT>Plotly.newPlot()</script>" } },
      { output_type: "display_data", metadata: {}, data: { "text/markdown": "*Skipped: the data this cell needs is missing (see above).*" } },
    ];
    expect(check(nb)).toEqual([
      "cell 1 (fig) has an error output: Error: boom",
      "cell 1 (fig) wrote to stderr: 1:35 - Argument of type 'RunRecord[]' is not assignable",
      "cell 1 (fig) has a <script> in an HTML output",
      "cell 1 (fig) skipped its work (its data was missing when the outputs were made): re-run with the data",
    ]);
  });

  it("refuses missing or repeated cell ids, old nbformat, another kernel and execution timestamps", () => {
    const nb = good();
    const cells = nb["cells"] as Record<string, unknown>[];
    delete cells[0]!["id"];
    cells.push({ ...cells[1]!, metadata: { execution: { "iopub.status.busy": "2026-11-24T06:04:41Z" } } });
    nb["nbformat_minor"] = 4;
    nb["metadata"] = { kernelspec: { name: "python3" } };
    expect(check(nb)).toEqual([
      "nbformat is 4.4; cell ids need 4.5 or later",
      'the kernelspec is "python3"; expected "tslab"',
      "cell 0 has no id",
      "cell 2 (fig) repeats the id of an earlier cell",
      "cell 2 (fig) has execution timestamps in its metadata (run with --ExecutePreprocessor.record_timing=False)",
    ]);
  });

  it("says when the file is not a notebook", () => {
    expect(checkNotebook("{")[0]).toMatch(/^not JSON: /);
    expect(checkNotebook("[]")).toEqual(["not a notebook: no cells array"]);
  });
});
