#!/usr/bin/env bash
# The whole test suite: type check, unit and integration tests (vitest), and every notebook executed
# headlessly on the tslab kernel. Ends with one line "N passed, N failed" counting all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
export JUPYTER_PATH="$PWD/.jupyter/share/jupyter"
report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT
status=0

echo "== type check (tsc, project TypeScript) =="
if node node_modules/typescript/bin/tsc --noEmit -p tsconfig.json; then tsc_ok=1; else tsc_ok=0; status=1; fi

echo "== vitest =="
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$report/vitest.json" || status=1

echo "== notebooks =="
# Committed notebooks keep small outputs (convention: src/notebook/README.md). Executed copies go to the
# temporary $report folder, never over the committed files. A failing cell fails the run.
nb_pass=0; nb_fail=0
nb_ok() { nb_pass=$((nb_pass + 1)); }
nb_bad() { nb_fail=$((nb_fail + 1)); status=1; }
shopt -s nullglob
if node --import tsx scripts/check-notebooks.ts; then nb_ok; else nb_bad; fi
for nb in notebooks/*.ipynb; do
  if bash scripts/run-notebooks.sh --out "$report" "$nb"; then nb_ok; else nb_bad; fi
done
# The notebooks that read the paper's data must also run to the end without it: every such cell says
# how to get the data, and the rest goes on (on simulated data where it can).
without=()
for nb in notebooks/02-reproduce-paper.ipynb notebooks/03-coordination-overhead.ipynb notebooks/04-cost-vs-speedup.ipynb; do
  [ -f "$nb" ] && without+=("$nb")
done
if [ ${#without[@]} -gt 0 ]; then
  mkdir -p "$report/no-paper-data" "$report/without-data"
  echo "(without the paper's data:)"
  for nb in "${without[@]}"; do
    if PAPER_DATA_DIR="$report/no-paper-data" bash scripts/run-notebooks.sh --out "$report/without-data" "$nb"; then nb_ok; else nb_bad; fi
  done
fi

node -e '
const fs = require("fs");
let p = 0, f = 0, s = 0;
try {
  const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  p = r.numPassedTests; f = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0); s = r.numPendingTests + r.numTodoTests;
} catch { f += 1; }
const tsc = Number(process.argv[2]), nbp = Number(process.argv[3]), nbf = Number(process.argv[4]);
p += tsc + nbp; f += (1 - tsc) + nbf;
console.log(`\n${p} passed, ${f} failed` + (s ? `, ${s} skipped` : ""));
' "$report/vitest.json" "$tsc_ok" "$nb_pass" "$nb_fail"
exit $status
