# Sourced by the setup scripts before their own `npm install`s: drops what a calling npm (`npm test`,
# `npm start`, `npm run …`) exports to its scripts, so a nested install behaves the same whether the script runs
# from a shell or from any npm. npm passes its whole configuration down as npm_config_* variables (among them
# `user_agent`, which names the calling npm's Node: code-server's postinstall reads it and refuses anything but
# Node 24), plus npm_lifecycle_*, npm_package_*, npm_execpath, npm_node_execpath, npm_command, INIT_CWD, NODE and
# COLOR, and puts node_modules/.bin folders and its node-gyp shim first on PATH. The nested npm reads its
# configuration from the npmrc files again, as it does when started from a shell.
# scripts/vscode-server.mjs cleans the environment the same way when it starts a setup script.
for clean_npm_env_var in $(compgen -e); do
  case "$clean_npm_env_var" in
    [Nn][Pp][Mm]_*|INIT_CWD|NODE|COLOR) unset "$clean_npm_env_var" ;;
  esac
done
clean_npm_env_path=""
IFS=: read -r -a clean_npm_env_parts <<<"$PATH"
for clean_npm_env_part in "${clean_npm_env_parts[@]}"; do
  case "$clean_npm_env_part" in
    */node_modules/.bin | */run-script/lib/node-gyp-bin) ;;
    *) clean_npm_env_path+="${clean_npm_env_path:+:}$clean_npm_env_part" ;;
  esac
done
export PATH="$clean_npm_env_path"
unset clean_npm_env_var clean_npm_env_path clean_npm_env_parts clean_npm_env_part
