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
nb_pass=0; nb_fail=0
shopt -s nullglob
for nb in notebooks/*.ipynb; do
  start=$(date +%s)
  if /usr/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=tslab \
      --ExecutePreprocessor.timeout=600 --output-dir "$report" "$nb" >"$report/nb.log" 2>&1; then
    echo "ok   $nb ($(( $(date +%s) - start )) s)"; nb_pass=$((nb_pass + 1))
  else
    echo "FAIL $nb"; tail -40 "$report/nb.log"; nb_fail=$((nb_fail + 1)); status=1
  fi
done

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
