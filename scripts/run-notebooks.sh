#!/usr/bin/env bash
# Execute notebooks headlessly on the tslab kernel.
#
#   bash scripts/run-notebooks.sh [--out DIR] [NOTEBOOK...]   executed copies go to DIR (default: a new
#                                                              temporary folder); the notebooks are untouched
#   bash scripts/run-notebooks.sh --update [NOTEBOOK...]       refresh the committed outputs in place, then
#                                                              check the outputs convention (src/notebook/README.md)
#
# NOTEBOOK defaults to every notebooks/*.ipynb. Exits non-zero when a cell fails (or a check fails).
# Environment: PAPER_DATA_DIR points the paper notebook at another data folder (the test suite uses an
# empty one to check that the notebook still runs without the data).
set -uo pipefail
cd "$(dirname "$0")/.."
export JUPYTER_PATH="$PWD/.jupyter/share/jupyter"

mode=copy; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --update) mode=update; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    --*) echo "run-notebooks: unknown option $1 (valid: --out DIR, --update)" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -gt 0 ]; then notebooks=("$@"); else shopt -s nullglob; notebooks=(notebooks/*.ipynb); fi
if [ ${#notebooks[@]} -eq 0 ]; then echo "run-notebooks: no notebooks" >&2; exit 2; fi
if [ ! -f "$JUPYTER_PATH/kernels/tslab/kernel.json" ]; then
  echo "run-notebooks: the tslab kernel is not registered in $JUPYTER_PATH: run bash scripts/setup.sh" >&2; exit 2
fi
[ "$mode" = copy ] && [ -z "$out" ] && out=$(mktemp -d)

status=0
for nb in "${notebooks[@]}"; do
  start=$(date +%s)
  # record_timing=False: no per-cell timestamps in the metadata, so committed outputs diff cleanly.
  args=(--to notebook --execute --ExecutePreprocessor.kernel_name=tslab --ExecutePreprocessor.timeout=600
        --ExecutePreprocessor.record_timing=False)
  if [ "$mode" = update ]; then args+=(--inplace); else args+=(--output-dir "$out"); fi
  log=$(mktemp)
  if /usr/bin/jupyter nbconvert "${args[@]}" "$nb" >"$log" 2>&1; then
    where=$([ "$mode" = update ] && echo "updated in place" || echo "-> $out/$(basename "$nb")")
    echo "ok   $nb ($(( $(date +%s) - start )) s) $where"
  else
    echo "FAIL $nb ($(( $(date +%s) - start )) s)"; tail -12 "$log"; status=1
    # tslab's error reply carries no message (nbconvert shows "<Error>: "); the message and stack go to the
    # cell's stderr. Run once more, letting errors through, and print what each cell wrote to stderr.
    again=$(mktemp -d)
    /usr/bin/jupyter nbconvert --to notebook --execute --allow-errors --ExecutePreprocessor.kernel_name=tslab \
      --ExecutePreprocessor.timeout=600 --output-dir "$again" "$nb" >/dev/null 2>&1
    node -e '
      const nb = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      nb.cells.forEach((c, i) => (c.outputs ?? []).filter((o) => o.output_type === "stream" && o.name === "stderr").forEach((o) => {
        const text = [].concat(o.text).join("").split("\n").slice(0, 15).join("\n     ");
        console.log(`---- stderr of cell ${i} (${c.id}):\n     ${text}`);
      }));
    ' "$again/$(basename "$nb")" 2>/dev/null || echo "(could not re-run $nb to show its stderr)"
    rm -rf "$again"
  fi
  rm -f "$log"
done
if [ "$mode" = update ]; then
  node --import tsx scripts/check-notebooks.ts "${notebooks[@]}" || status=1
fi
exit $status
