/**
 * The convention for committed notebooks (src/notebook/README.md): committed WITH their outputs, kept
 * small, and clean. `checkNotebook` lists every way a notebook file breaks it; `scripts/check-notebooks.ts`
 * runs it over notebooks/*.ipynb in `npm run test:all`. It lives beside that script, not in src/: it checks
 * this repository's files and is no part of the library (tests: test/scripts/).
 */

export interface NotebookRules {
  /** Largest file, in bytes. @default 2_000_000 */
  maxBytes: number;
  /** Largest image in any output, decoded, in bytes (a 2x render of a tall figure goes over it). @default 800_000 */
  maxImageBytes: number;
  /** The kernelspec name every notebook uses. @default "tslab" */
  kernel: string;
}

export const NOTEBOOK_RULES: Readonly<NotebookRules> = { maxBytes: 2_000_000, maxImageBytes: 800_000, kernel: "tslab" };

/** What `withData` shows when a cell skipped its work: committed outputs must come from a run with the data. */
const SKIPPED_MARK = "*Skipped:";

const IMAGE_MIMES = ["image/png", "image/jpeg", "image/gif"] as const;

/**
 * Problems of one notebook file against the convention, each a sentence naming the cell; empty when it
 * follows it. Checks: size; nbformat 4.5+ with a unique `id` on every cell; the tslab kernelspec; outputs
 * present (not a cleared notebook); no error outputs, no stderr, no cell that skipped for missing data; no
 * image over the limit; no `<script>` in HTML outputs (outputs stay static); no execution timestamps in
 * cell metadata (they change on every run and bloat diffs).
 */
export function checkNotebook(text: string, rules: Partial<NotebookRules> = {}): string[] {
  const r = { ...NOTEBOOK_RULES, ...rules };
  const problems: string[] = [];
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > r.maxBytes) problems.push(`the file is ${bytes} bytes; the limit is ${r.maxBytes} (render figures at pngScale 1, show fewer rows)`);
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    return [...problems, `not JSON: ${(e as Error).message}`];
  }
  if (!isObj(nb) || !Array.isArray(nb["cells"])) return [...problems, "not a notebook: no cells array"];
  const major = nb["nbformat"];
  const minor = nb["nbformat_minor"];
  if (major !== 4 || typeof minor !== "number" || minor < 5) problems.push(`nbformat is ${String(major)}.${String(minor)}; cell ids need 4.5 or later`);
  const meta = isObj(nb["metadata"]) ? nb["metadata"] : {};
  const spec = isObj(meta["kernelspec"]) ? meta["kernelspec"] : {};
  if (spec["name"] !== r.kernel) problems.push(`the kernelspec is ${JSON.stringify(spec["name"] ?? null)}; expected ${JSON.stringify(r.kernel)}`);

  const ids = new Set<string>();
  let outputs = 0;
  (nb["cells"] as unknown[]).forEach((cell, i) => {
    if (!isObj(cell)) {
      problems.push(`cell ${i} is not an object`);
      return;
    }
    const id = cell["id"];
    const where = typeof id === "string" ? `cell ${i} (${id})` : `cell ${i}`;
    if (typeof id !== "string" || id === "") problems.push(`${where} has no id`);
    else if (ids.has(id)) problems.push(`${where} repeats the id of an earlier cell`);
    else ids.add(id);
    if (isObj(cell["metadata"]) && "execution" in cell["metadata"]) {
      problems.push(`${where} has execution timestamps in its metadata (run with --ExecutePreprocessor.record_timing=False)`);
    }
    if (cell["cell_type"] !== "code") return;
    const outs = Array.isArray(cell["outputs"]) ? cell["outputs"] : [];
    outputs += outs.length;
    for (const out of outs) {
      if (!isObj(out)) continue;
      const type = out["output_type"];
      if (type === "error") problems.push(`${where} has an error output: ${String(out["ename"] ?? "")}: ${String(out["evalue"] ?? "")}`.trimEnd());
      if (type === "stream" && out["name"] === "stderr") problems.push(`${where} wrote to stderr: ${joined(out["text"]).slice(0, 120)}`);
      const data = isObj(out["data"]) ? out["data"] : {};
      for (const mime of IMAGE_MIMES) {
        if (!(mime in data)) continue;
        const size = Buffer.from(joined(data[mime]), "base64").length;
        if (size > r.maxImageBytes) problems.push(`${where} has a ${mime} of ${size} bytes; the limit is ${r.maxImageBytes}`);
      }
      if ("text/html" in data && /<script\b/i.test(joined(data["text/html"]))) problems.push(`${where} has a <script> in an HTML output`);
      if (joined(data["text/markdown"]).startsWith(SKIPPED_MARK)) {
        problems.push(`${where} skipped its work (its data was missing when the outputs were made): re-run with the data`);
      }
    }
  });
  if (outputs === 0) problems.push("no cell has outputs: committed notebooks keep their outputs (bash scripts/run-notebooks.sh --update)");
  return problems;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** nbformat stores multi-line strings as a string or a list of lines. */
function joined(v: unknown): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(String).join("");
  return "";
}
