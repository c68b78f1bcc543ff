/**
 * `node --import tsx scripts/check-notebooks.ts [NOTEBOOK...]` (default: notebooks/*.ipynb): check that
 * committed notebooks follow the outputs convention of src/notebook/README.md. Exits 1 on any problem.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkNotebook } from "./notebook-convention.js";

const USAGE = "usage: node --import tsx scripts/check-notebooks.ts [NOTEBOOK...]   (default: notebooks/*.ipynb)";
const files = process.argv.slice(2);
if (files.includes("--help") || files.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
const flag = files.find((f) => f.startsWith("-"));
if (flag !== undefined) {
  console.error(`check-notebooks: unknown option ${flag}; ${USAGE}`);
  process.exit(2);
}
const notebooks = files.length > 0 ? files : readdirSync("notebooks").filter((f) => f.endsWith(".ipynb")).sort().map((f) => join("notebooks", f));
let bad = 0;
for (const file of notebooks) {
  const problems = checkNotebook(readFileSync(file, "utf8"));
  if (problems.length === 0) {
    console.log(`ok   ${file} follows the outputs convention`);
    continue;
  }
  bad++;
  console.log(`FAIL ${file}:`);
  for (const p of problems) console.log(`     - ${p}`);
}
process.exit(bad > 0 ? 1 : 0);
