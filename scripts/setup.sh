#!/usr/bin/env bash
# Sets up everything this project needs on a fresh Debian/Ubuntu machine, idempotently:
#   1. Debian packages for Jupyter (to run the notebooks), Chromium and the Liberation fonts (to render
#      figures), when missing;
#   2. the npm dependencies, exactly as locked (npm ci);
#   3. the tslab TypeScript kernel, registered inside the project (.jupyter/), not system-wide, started
#      through scripts/tslab-kernel.cjs;
#   4. the paper's published data in data/paper/ (copied from ../shared/paper-data or downloaded,
#      sha256-checked); a failure here is reported but does not stop the set-up, since only the
#      paper-reproduction parts need it.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*" >&2; }

# --- Node ---
if ! command -v node >/dev/null 2>&1; then
  say "Node.js >= 20.19 is required (not found). Install it (e.g. from NodeSource) and run again."
  exit 1
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a < 20 || (a === 20 && b < 19)) { console.error("setup: Node >= 20.19 is required, found " + process.versions.node); process.exit(1); }'

# --- Debian packages ---
need_apt=()
[ -x /usr/bin/jupyter ] && /usr/bin/jupyter nbconvert --version >/dev/null 2>&1 || need_apt+=(jupyter-notebook jupyter-nbconvert jupyter-client)
/usr/bin/python3 -c 'import nbclient, ipykernel' >/dev/null 2>&1 || need_apt+=(python3-nbclient python3-ipykernel)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# The figures ask for Arial; Liberation Sans is its metric-compatible free twin (Chromium only recommends
# it, and --no-install-recommends skips it), so text is laid out as the figures were designed everywhere.
arial=$(fc-match -f '%{family}' Arial 2>/dev/null || true)
[ "$arial" = "Liberation Sans" ] || need_apt+=(fonts-liberation2)
[ -x /usr/bin/bwrap ] || need_apt+=(bubblewrap)  # the OS sandbox for agent-written code (src/sandbox/README.md)
/usr/bin/python3 -c 'import pytest' >/dev/null 2>&1 || need_apt+=(python3-pytest)  # --test-command "python3 -m pytest -q" (only /usr is visible in the sandbox)
if [ "${#need_apt[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  say "installing Debian packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" python3-ipykernel >/dev/null
else
  say "Jupyter and Chromium already installed"
fi

# --- npm dependencies ---
if [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  say "npm dependencies up to date"
else
  say "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- tslab kernel, project-local ---
# The kernel runs through scripts/tslab-kernel.cjs, which starts this project's tslab with an iopub socket
# that never defers a send (the file says why: without it a notebook with many outputs can fail a cell).
export JUPYTER_PATH="$PWD/.jupyter/share/jupyter"
kernel="$PWD/scripts/tslab-kernel.cjs"
if [ ! -f .jupyter/share/jupyter/kernels/tslab/kernel.json ] || ! grep -qF "\"$kernel\"" .jupyter/share/jupyter/kernels/tslab/kernel.json; then
  say "registering the tslab kernel in .jupyter/"
  node node_modules/tslab/bin/tslab install --python=/usr/bin/python3 --binary="$kernel" --prefix="$PWD/.jupyter" >/dev/null
fi
# Capture the list first, then search it: with pipefail, `jupyter kernelspec list | grep -q` fails whenever
# grep exits at its first match before jupyter has written everything (jupyter then dies of SIGPIPE).
kernels=$(/usr/bin/jupyter kernelspec list 2>/dev/null) || { say "jupyter kernelspec list failed"; exit 1; }
grep -qE '^[[:space:]]*tslab[[:space:]]' <<<"$kernels" || { say "the tslab kernel is not visible to Jupyter (JUPYTER_PATH=$JUPYTER_PATH)"; exit 1; }

# --- the paper's data (optional for the simulated parts) ---
if ! npx --no-install tsx scripts/data-paper.ts; then
  say "the paper's data is not available: the simulated parts work; the paper reproduction will say how to get it"
fi
say "done"
